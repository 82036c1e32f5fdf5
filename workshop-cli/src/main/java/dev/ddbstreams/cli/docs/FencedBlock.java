package dev.ddbstreams.cli.docs;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A fenced code block of a Markdown file.
 *
 * @param line the line of the opening fence (1-based)
 * @param language the first word of the info string ({@code shell}, {@code text}, ...), empty if none
 * @param marker the marker on the line just before the fence, if any
 * @param markerProblem why the comment before the fence is not a valid marker (stacked markers, a
 *     {@code not-run} without reason, an unknown marker), if it is not
 * @param lines the block's content, the fence's indentation removed
 */
public record FencedBlock(int line, String language, Optional<Marker> marker, Optional<String> markerProblem,
        List<String> lines) {

    private static final Set<String> SHELL = Set.of("shell", "bash", "sh", "console");

    /** Whether the block holds shell commands, and so needs a marker. */
    public boolean isShell() {
        return SHELL.contains(language);
    }

    public boolean has(Marker.Kind kind) {
        return marker.map(m -> m.kind() == kind).orElse(false);
    }

    public String content() {
        return String.join("\n", lines) + "\n";
    }
}
