package dev.ddbstreams.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --changes N --seed N}: the options every workload benchmark shares. The same seed replays
 * the same changes, so contenders in one run, and two runs, compare like with like. Each command
 * constructs it with its own default size (what runs in about a minute on 2 cores).
 */
final class WorkloadOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--changes", paramLabel = "N",
            description = "Source-table changes in the workload: puts, updates, deletes (default: ${DEFAULT-VALUE}).")
    int changes;

    @Option(names = "--seed", paramLabel = "N", description = "Workload seed (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    WorkloadOptions(int defaultChanges) {
        this.changes = defaultChanges;
    }

    /** The workload's size, at least 1. */
    int changes() {
        if (changes < 1) {
            throw new ParameterException(spec.commandLine(), "--changes must be at least 1");
        }
        return changes;
    }

    long seed() {
        return seed;
    }
}
