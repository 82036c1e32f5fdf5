package dev.ddbstreams.labs;

import dev.ddbstreams.labs.archive.ArchiveLab;
import dev.ddbstreams.labs.gamescores.GameScoresLab;
import dev.ddbstreams.labs.replication.CrossRegionLab;
import dev.ddbstreams.labs.replication.MultiLeaderLab;
import dev.ddbstreams.labs.replication.ReplicationLab;
import dev.ddbstreams.labs.votes.VotesLab;
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
