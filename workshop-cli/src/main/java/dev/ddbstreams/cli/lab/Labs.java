package dev.ddbstreams.cli.lab;

import java.util.List;
import java.util.Optional;

/** Every lab {@code ./workshop run} knows, in workshop order. */
public final class Labs {

    private static final List<Lab> ALL = List.of(new VotesLab(), new ReplicationLab(), new CrossRegionLab(),
            new MultiLeaderLab(), new ArchiveLab(), new GameScoresLab());

    private Labs() {
    }

    public static List<Lab> all() {
        return ALL;
    }

    public static Optional<Lab> named(String name) {
        return ALL.stream().filter(lab -> lab.name().equals(name)).findFirst();
    }
}
