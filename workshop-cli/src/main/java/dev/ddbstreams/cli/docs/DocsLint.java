package dev.ddbstreams.cli.docs;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The fast half of docs that run: every shell block says how it runs, every shown output is
 * either checked (it follows a block that runs) or says why it cannot be, every {@code source}
 * block is in its file, every relative link resolves. Problems read {@code file:line: message}.
 */
public final class DocsLint {

    private static final List<String> COMMAND_STARTS = List.of("$ ", "./workshop ", "mvn ", "aws ", "sam ",
            "java ", "git ", "curl ", "jq ", "export ", "cd ");

    private final Path root;

    public DocsLint(Path root) {
        this.root = root;
    }

    /** The problems of the given files (relative to the root). */
    public List<String> lint(List<Path> files) {
        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            for (String problem : lint(file, MarkdownFile.read(root.resolve(file)))) {
                problems.add(file + ":" + problem);
            }
        }
        return problems;
    }

    /** The problems of one parsed file, as {@code line: message}. */
    public List<String> lint(Path file, MarkdownFile doc) {
        List<String> problems = new ArrayList<>(doc.problems());
        FencedBlock previous = null;
        for (FencedBlock block : doc.blocks()) {
            String at = block.line() + ": ";
            if (block.markerProblem().isPresent()) {
                problems.add(at + block.markerProblem().get());
            } else if (block.isShell()) {
                if (block.marker().isEmpty()) {
                    problems.add(at + "```" + block.language() + " block without a marker: put <!-- run -->, "
                            + "<!-- aws --> or <!-- not-run: reason --> on the line before it");
                } else if (block.has(Marker.Kind.OUTPUT) || block.has(Marker.Kind.SOURCE)) {
                    problems.add(at + "a shell block takes <!-- run -->, <!-- aws --> or <!-- not-run: reason -->, not <!-- "
                            + block.marker().get().kind() + " -->");
                }
            } else if (block.marker().isEmpty() && looksLikeCommands(block)) {
                problems.add(at + "this block starts with a command: make it a ```shell block with <!-- run -->, "
                        + "<!-- aws --> or <!-- not-run: reason -->");
            } else if (block.marker().isEmpty() && showsOutput(block, previous)) {
                problems.add(at + "a block showing what a command prints needs <!-- output --> (after a <!-- run --> "
                        + "block, so docs check compares it) or <!-- output-not-checked: reason -->");
            } else if (block.marker().isPresent()) {
                Marker marker = block.marker().get();
                switch (marker.kind()) {
                    case OUTPUT -> {
                        if (!block.language().equals("text")) {
                            problems.add(at + "expected output goes in a ```text block");
                        }
                        if (previous == null || !previous.has(Marker.Kind.RUN)) {
                            problems.add(at + "<!-- output --> must follow a <!-- run --> block, with no other block between");
                        }
                    }
                    case OUTPUT_NOT_CHECKED -> {
                        if (!block.language().equals("text")) {
                            problems.add(at + "shown output goes in a ```text block");
                        }
                    }
                    case SOURCE -> SourceMatch.problem(root, marker.argument(), block.lines())
                            .ifPresent(problem -> problems.add(at + problem));
                    default -> problems.add(at + "<!-- " + marker.kind() + " --> marks shell blocks, not ```"
                            + block.language() + " blocks");
                }
            }
            previous = block;
        }
        for (MarkdownFile.Link link : doc.links()) {
            brokenLink(file, link.target()).ifPresent(problem -> problems.add(link.line() + ": " + problem));
        }
        return problems;
    }

    /** A {@code text} block, or an unlabelled one right after a shell block: what a command prints. */
    private static boolean showsOutput(FencedBlock block, FencedBlock previous) {
        return block.language().equals("text")
                || block.language().isEmpty() && previous != null && previous.isShell();
    }

    /** An unmarked text block that starts like a shell command: a command that would escape the check. */
    private static boolean looksLikeCommands(FencedBlock block) {
        if (!block.language().isEmpty() && !block.language().equals("text")) {
            return false;
        }
        String first = block.lines().stream().filter(line -> !line.isBlank()).findFirst().orElse("").strip();
        return COMMAND_STARTS.stream().anyMatch(first::startsWith);
    }

    private Optional<String> brokenLink(Path file, String target) {
        if (target.contains("://") || target.startsWith("mailto:") || target.startsWith("#")) {
            return Optional.empty();
        }
        String path = URLDecoder.decode(target.replaceFirst("#.*$", "").replace("+", "%2B"), StandardCharsets.UTF_8);
        Path base = file.getParent() == null ? root : root.resolve(file.getParent());
        Path resolved = path.startsWith("/") ? root.resolve(path.substring(1)) : base.resolve(path);
        return Files.exists(resolved.normalize())
                ? Optional.empty()
                : Optional.of("link to " + target + ": no such file " + root.relativize(resolved.normalize()));
    }
}
