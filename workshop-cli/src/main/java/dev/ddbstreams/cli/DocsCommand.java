package dev.ddbstreams.cli;

import dev.ddbstreams.cli.docs.DocsFiles;
import dev.ddbstreams.cli.docs.DocsLint;
import dev.ddbstreams.cli.docs.DocsRunner;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code ./workshop docs}: docs that run (the convention is in the root README). */
@Command(name = "docs",
        description = "Checks the Markdown docs: their markers and links (lint), and that their commands run and "
                + "print what they show (check).",
        subcommands = {DocsCommand.Lint.class, DocsCommand.Check.class})
final class DocsCommand extends CommandGroup {

    @Override
    String subcommandNoun() {
        return "command";
    }

    /** The files named, relative to the repository root, or every Markdown file of the repository. */
    static List<Path> files(CommandSpec spec, Path root, List<Path> named) {
        if (named == null || named.isEmpty()) {
            return DocsFiles.all(root);
        }
        return named.stream().map(file -> {
            Path absolute = file.toAbsolutePath().normalize();
            if (!Files.isRegularFile(absolute)) {
                throw new ParameterException(spec.commandLine(), "no such Markdown file: " + file);
            }
            return root.relativize(absolute);
        }).toList();
    }

    @Command(name = "lint",
            description = "Every shell block has one marker, every output block follows a run block, every "
                    + "source block is in its file, every relative link resolves. Fast; runs nothing.")
    static final class Lint extends WorkshopCommand {

        @Parameters(paramLabel = "FILE", description = "Markdown files (default: every one in the repository).")
        List<Path> named;

        @Override
        public Integer call() {
            Path root = DocsFiles.root(Path.of(""));
            List<Path> files = files(spec, root, named);
            List<String> problems = new DocsLint(root).lint(files);
            PrintWriter out = spec.commandLine().getOut();
            problems.forEach(out::println);
            out.printf("Docs lint: %d files, %d problems%n", files.size(), problems.size());
            return problems.isEmpty() ? 0 : UserErrorHandler.FAILED;
        }
    }

    @Command(name = "check",
            description = {"Lints the files, then runs every <!-- run --> block in order, each in a fresh bash -e at "
                    + "the repository root, and compares its output with the <!-- output --> block after it.",
                "Exit status 1 if a lint problem or a block fails."})
    static final class Check extends WorkshopCommand {

        @Parameters(paramLabel = "FILE", description = "Markdown files (default: every one in the repository).")
        List<Path> named;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "Time limit per block; a block over it is stopped and fails. Default: ${DEFAULT-VALUE}.")
        long timeoutSeconds;

        @Option(names = "--print-output", description = "Print every block's output, not only a failing block's.")
        boolean printOutput;

        @Override
        public Integer call() {
            Path root = DocsFiles.root(Path.of(""));
            List<Path> files = files(spec, root, named);
            PrintWriter out = spec.commandLine().getOut();
            List<String> problems = new DocsLint(root).lint(files);
            problems.forEach(problem -> out.println("LINT " + problem));
            DocsRunner.Summary summary = new DocsRunner(root, Duration.ofSeconds(timeoutSeconds), out, printOutput).run(files);
            if (!problems.isEmpty()) {
                out.printf("Docs lint: %d problems (listed above)%n", problems.size());
            }
            return problems.isEmpty() && summary.failed() == 0 ? 0 : UserErrorHandler.FAILED;
        }
    }
}
