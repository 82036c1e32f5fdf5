package dev.ddbstreams.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./workshop bench}: benchmarks that compare a pattern with its naive baseline in one run. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = "Benchmarks against DynamoDB Local, each with its baseline measured in the same run.",
        subcommands = {LoaderBenchCommand.class, AggregationBenchCommand.class, ReplicationBenchCommand.class,
            ColdStartBenchCommand.class,
            ArchiveBenchCommand.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing benchmark: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
