package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

/** One in-process run of the workshop command: its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Workshop.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }

    /** A benchmark's first line is its local limit, its last how close the pipeline came to it. */
    void assertMeasuredAgainstTheLocalLimit() {
        List<String> lines = out.lines().toList();
        assertThat(lines.get(0)).startsWith("local limit: ");
        assertThat(lines.get(lines.size() - 1)).matches("vs the local limit: \\d+\\.\\d\\d");
    }
}
