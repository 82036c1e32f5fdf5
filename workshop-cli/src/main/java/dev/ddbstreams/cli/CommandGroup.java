package dev.ddbstreams.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands: run alone, it names them. */
abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    /** What a subcommand is called in the error, e.g. "command" or "benchmark". */
    abstract String subcommandNoun();

    @Override
    public final void run() {
        throw new ParameterException(spec.commandLine(), "Missing " + subcommandNoun() + ": choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
