package dev.ddbstreams.cli.docs;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code <!-- run -->} blocks of Markdown files, in file order, each in a fresh
 * {@code bash -e} at the repository root with stdin closed, and compares what each prints
 * (stdout and stderr together) with the {@code <!-- output -->} block after it. After a failing
 * block the rest of its file is skipped: later steps build on earlier ones.
 */
public final class DocsRunner {

    /** What a check run did. */
    public record Summary(int files, int run, int passed, int failed, int skipped, Duration elapsed) {
    }

    private final Path root;
    private final Duration timeout;
    private final PrintWriter out;
    private final boolean printOutput;

    /** @param printOutput print every block's output, not only a failing block's */
    public DocsRunner(Path root, Duration timeout, PrintWriter out, boolean printOutput) {
        this.root = root;
        this.timeout = timeout;
        this.out = out;
        this.printOutput = printOutput;
    }

    public Summary run(List<Path> files) {
        long start = System.nanoTime();
        int run = 0;
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (Path file : files) {
            List<FencedBlock> blocks = MarkdownFile.read(root.resolve(file)).blocks();
            boolean failedBefore = false;
            for (int i = 0; i < blocks.size(); i++) {
                FencedBlock block = blocks.get(i);
                if (!block.has(Marker.Kind.RUN)) {
                    continue;
                }
                if (failedBefore) {
                    skipped++;
                    out.printf("SKIPPED %s:%d (an earlier block of the file failed)%n", file, block.line());
                    continue;
                }
                Optional<FencedBlock> expected = i + 1 < blocks.size() && blocks.get(i + 1).has(Marker.Kind.OUTPUT)
                        ? Optional.of(blocks.get(i + 1)) : Optional.empty();
                run++;
                if (runBlock(file, block, expected)) {
                    passed++;
                } else {
                    failed++;
                    failedBefore = true;
                }
                out.flush();
            }
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        out.printf("Docs check: %d blocks run from %d files: %d passed, %d failed, %d skipped; %.1f s%n",
                run, files.size(), passed, failed, skipped, elapsed.toMillis() / 1000.0);
        out.flush();
        return new Summary(files.size(), run, passed, failed, skipped, elapsed);
    }

    private boolean runBlock(Path file, FencedBlock block, Optional<FencedBlock> expected) {
        String where = file + ":" + block.line();
        out.printf("%s  %s%n", where, firstLine(block));
        out.flush();
        long start = System.nanoTime();
        Outcome outcome = execute(block.content());
        double seconds = (System.nanoTime() - start) / 1e9;
        Optional<String> missing = expected.flatMap(e -> OutputMatcher.firstMissing(e.lines(), outcome.output()));
        if (outcome.timedOut() || outcome.exitCode() != 0 || missing.isPresent()) {
            out.printf("FAILED %s after %.1f s%n", where, seconds);
            out.println("  command:");
            block.lines().forEach(line -> out.println("    " + line));
            if (outcome.timedOut()) {
                out.printf("  timed out after %.1f s and was stopped%n", timeout.toMillis() / 1000.0);
            } else if (outcome.exitCode() != 0) {
                out.printf("  exit status %d%n", outcome.exitCode());
            }
            missing.ifPresent(line -> out.printf("  expected line not found (block at line %d): %s%n",
                    expected.get().line(), line));
            out.println("  output:");
            outcome.output().lines().forEach(line -> out.println("    " + line));
            return false;
        }
        if (printOutput) {
            outcome.output().lines().forEach(line -> out.println("    " + line));
        }
        out.printf("  passed in %.1f s%s%n", seconds, expected.isPresent() ? ", output as shown" : "");
        return true;
    }

    private record Outcome(int exitCode, boolean timedOut, String output) {
    }

    private Outcome execute(String script) {
        Path log = null;
        try {
            // Output goes to a file, not a pipe: a command that leaves a child holding the pipe cannot hang the check.
            log = Files.createTempFile("docs-check", ".log");
            Process process = new ProcessBuilder("bash", "-e", "-c", script)
                    .directory(root.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Outcome(finished ? process.exitValue() : -1, !finished, output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run bash", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running a docs block", e);
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }

    private static String firstLine(FencedBlock block) {
        List<String> commands = block.lines().stream().filter(line -> !line.isBlank()).toList();
        if (commands.isEmpty()) {
            return "(empty block)";
        }
        return commands.get(0) + (commands.size() > 1 ? "  (+" + (commands.size() - 1) + " lines)" : "");
    }
}
