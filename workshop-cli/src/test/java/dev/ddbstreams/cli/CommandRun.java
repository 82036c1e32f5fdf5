package dev.ddbstreams.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the workshop command: its exit code and what it printed. */
record CommandRun(int exitCode, String out, String err) {

    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Workshop.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new CommandRun(exitCode, out.toString(), err.toString());
    }
}
