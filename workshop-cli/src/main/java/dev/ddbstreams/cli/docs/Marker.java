package dev.ddbstreams.cli.docs;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A docs-that-run marker: an HTML comment on the line just before a fenced block.
 *
 * @param kind what the block is
 * @param argument the reason of {@code not-run} or {@code output-not-checked}, the path of {@code source}, else empty
 * @param line the marker's line number (1-based)
 */
public record Marker(Kind kind, String argument, int line) {

    /** The markers of the convention; the names are what a Markdown file writes. */
    public enum Kind {
        RUN("run"), AWS("aws"), NOT_RUN("not-run"), OUTPUT("output"), OUTPUT_NOT_CHECKED("output-not-checked"),
        SOURCE("source");

        /** Whether the marker must say why (the reason or the path after the colon). */
        boolean needsArgument() {
            return this == NOT_RUN || this == OUTPUT_NOT_CHECKED || this == SOURCE;
        }

        private final String name;

        Kind(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Pattern COMMENT = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");
    private static final Pattern MARKER = Pattern.compile("^(run|aws|not-run|output-not-checked|output|source)\\s*(?::\\s*(.*))?$");

    /** Whether the line is an HTML comment alone on its line (a marker, valid or not). */
    static boolean isComment(String line) {
        return COMMENT.matcher(line).matches();
    }

    /** The marker the line holds, or empty when the line is not one of the convention's markers. */
    static Optional<Marker> parse(String line, int lineNumber) {
        Matcher comment = COMMENT.matcher(line);
        if (!comment.matches()) {
            return Optional.empty();
        }
        Matcher marker = MARKER.matcher(comment.group(1));
        if (!marker.matches()) {
            return Optional.empty();
        }
        Kind kind = switch (marker.group(1)) {
            case "run" -> Kind.RUN;
            case "aws" -> Kind.AWS;
            case "not-run" -> Kind.NOT_RUN;
            case "output" -> Kind.OUTPUT;
            case "output-not-checked" -> Kind.OUTPUT_NOT_CHECKED;
            default -> Kind.SOURCE;
        };
        String argument = marker.group(2) == null ? "" : marker.group(2).trim();
        return Optional.of(new Marker(kind, argument, lineNumber));
    }
}
