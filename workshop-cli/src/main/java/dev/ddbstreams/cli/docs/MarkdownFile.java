package dev.ddbstreams.cli.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown file read for the docs checker: its fenced blocks with their markers, its relative
 * links, and the markers that stand before no block.
 *
 * @param path the file, as given
 * @param blocks the fenced blocks in file order
 * @param links the link targets outside code, with their line
 * @param problems what cannot be read as the convention asks (unclosed fence, stray marker), as
 *     {@code line: message}
 */
public record MarkdownFile(Path path, List<FencedBlock> blocks, List<Link> links, List<String> problems) {

    /** A link target ({@code [text](target)}) and its line. */
    public record Link(String target, int line) {
    }

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`+[^`]*`+");

    public static MarkdownFile read(Path path) {
        try {
            return parse(path, Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public static MarkdownFile parse(Path path, String text) {
        String[] lines = text.split("\r?\n", -1);
        List<FencedBlock> blocks = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("```")) {
                int indent = line.indexOf('`');
                String info = trimmed.substring(3).strip();
                String language = info.isEmpty() ? "" : info.split("\\s+")[0];
                List<String> content = new ArrayList<>();
                int close = i + 1;
                while (close < lines.length && !lines[close].strip().equals("```")) {
                    content.add(dedent(lines[close], indent));
                    close++;
                }
                if (close == lines.length) {
                    problems.add((i + 1) + ": fenced block is never closed");
                }
                blocks.add(block(lines, i, language, content));
                i = close + 1;
                continue;
            }
            if (Marker.isComment(line) && !nextIsFence(lines, i)) {
                Optional<Marker> marker = Marker.parse(line, i + 1);
                if (marker.isPresent() && !(i + 1 < lines.length && Marker.isComment(lines[i + 1]))) {
                    problems.add((i + 1) + ": marker <!-- " + marker.get().kind()
                            + " --> must stand on the line just before a fenced block");
                }
            }
            Matcher link = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
            while (link.find()) {
                links.add(new Link(link.group(1), i + 1));
            }
            i++;
        }
        return new MarkdownFile(path, List.copyOf(blocks), List.copyOf(links), List.copyOf(problems));
    }

    private static FencedBlock block(String[] lines, int fence, String language, List<String> content) {
        Optional<Marker> marker = Optional.empty();
        Optional<String> problem = Optional.empty();
        if (fence > 0 && Marker.isComment(lines[fence - 1])) {
            marker = Marker.parse(lines[fence - 1], fence);
            if (marker.isEmpty()) {
                problem = Optional.of("unknown marker " + lines[fence - 1].strip()
                        + ": use <!-- run -->, <!-- aws -->, <!-- not-run: reason -->, <!-- output -->, "
                        + "<!-- output-not-checked: reason --> or <!-- source: path -->");
            } else if (fence > 1 && Marker.isComment(lines[fence - 2])) {
                problem = Optional.of("more than one marker before the block: keep exactly one");
            } else if (marker.get().kind() == Marker.Kind.NOT_RUN && marker.get().argument().isEmpty()) {
                problem = Optional.of("<!-- not-run --> needs a reason: <!-- not-run: why it cannot run unattended -->");
            } else if (marker.get().kind() == Marker.Kind.OUTPUT_NOT_CHECKED && marker.get().argument().isEmpty()) {
                problem = Optional.of("<!-- output-not-checked --> needs a reason: "
                        + "<!-- output-not-checked: why no run can check it -->");
            } else if (marker.get().kind() == Marker.Kind.SOURCE && marker.get().argument().isEmpty()) {
                problem = Optional.of("<!-- source --> needs the path of the file the block is taken from");
            } else if (!marker.get().kind().needsArgument() && !marker.get().argument().isEmpty()) {
                problem = Optional.of("<!-- " + marker.get().kind() + " --> takes no argument");
            }
        }
        return new FencedBlock(fence + 1, language, marker, problem, List.copyOf(content));
    }

    private static boolean nextIsFence(String[] lines, int i) {
        return i + 1 < lines.length && lines[i + 1].strip().startsWith("```");
    }

    private static String dedent(String line, int indent) {
        int strip = 0;
        while (strip < indent && strip < line.length() && line.charAt(strip) == ' ') {
            strip++;
        }
        return line.substring(strip);
    }
}
