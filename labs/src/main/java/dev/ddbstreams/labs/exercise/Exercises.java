package dev.ddbstreams.labs.exercise;

import dev.ddbstreams.labs.archive.ArchiveExercise;
import dev.ddbstreams.labs.gamescores.ScoresExercise;
import dev.ddbstreams.labs.replication.ReplicationExercise;
import dev.ddbstreams.labs.votes.VotesExercise;
import java.util.List;
import java.util.Optional;

/** Every exercise {@code ./workshop check} knows, in workshop order. */
public final class Exercises {

    private static final List<Exercise> ALL = List.of(new VotesExercise(), new ReplicationExercise(),
            new ArchiveExercise(), new ScoresExercise());

    private Exercises() {
    }

    public static List<Exercise> all() {
        return ALL;
    }

    public static Optional<Exercise> named(String lab) {
        return ALL.stream().filter(exercise -> exercise.lab().equals(lab)).findFirst();
    }
}
