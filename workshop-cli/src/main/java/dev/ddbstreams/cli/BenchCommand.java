package dev.ddbstreams.cli;

import picocli.CommandLine.Command;

/** {@code ./workshop bench}: benchmarks that compare a pattern with its naive baseline in one run. */
@Command(name = "bench",
        description = "Benchmarks against DynamoDB Local, each with its baseline measured in the same run.",
        subcommands = {LoaderBenchCommand.class, AggregationBenchCommand.class, ReplicationBenchCommand.class,
            ColdStartBenchCommand.class,
            ArchiveBenchCommand.class})
final class BenchCommand extends CommandGroup {

    @Override
    String subcommandNoun() {
        return "benchmark";
    }
}
