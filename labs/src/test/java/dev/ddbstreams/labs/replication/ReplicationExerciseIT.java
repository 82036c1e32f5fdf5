package dev.ddbstreams.labs.replication;

import static dev.ddbstreams.labs.exercise.Scenario.ALL_TOGETHER;
import static dev.ddbstreams.labs.exercise.Scenario.CRASH_AFTER_COMMIT;
import static dev.ddbstreams.labs.exercise.Scenario.POISON;
import static dev.ddbstreams.labs.exercise.Scenario.QUIET;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.GradedExerciseIT;
import dev.ddbstreams.labs.replication.planted.ModifySetsAttributes;
import dev.ddbstreams.labs.replication.planted.PoisonBlocksShard;
import dev.ddbstreams.labs.replication.planted.RemoveIgnored;
import dev.ddbstreams.labs.replication.planted.ReplayRefused;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Lab 02's exercise graded on the local cloud: the worked solution (ReplicaHandler) passes every
 * scenario, the untouched starter fails with its reasons, and a replicator with one planted bug
 * fails exactly the scenarios that bug breaks (its own, and all-together, which has every fault
 * and change at once).
 *
 * <p>No planted bug fails {@code duplicates} alone: the local Lambda delivers a batch the second
 * time right after its first success and ignores how that delivery ends, so a replicator that puts
 * whole images and deletes keys in order ends equal to the source however often a batch comes.
 * Only a crash after commit makes Lambda retry a batch whose writes are already there, which is
 * what {@link ReplayRefused} cannot take.
 */
class ReplicationExerciseIT extends GradedExerciseIT {

    private static final ReplicationExercise EXERCISE = new ReplicationExercise();

    static Stream<Arguments> handlers() {
        return Stream.<Arguments>of(
                arguments("the worked solution", Optional.empty(), Set.of(),
                        List.of("[PASS] quiet: logfile_replica equals logfile: ", "; Lambda retried ",
                                "the poison record is in the quarantine bucket")),
                arguments("the starter", Optional.of(EXERCISE.starterHandler()), Set.of(QUIET, ALL_TOGETHER, POISON),
                        List.of("[FAIL] quiet: after 4 requests deleted, ",
                                "is still in logfile_replica after logfile deleted it: a REMOVE was not replicated",
                                "hint: labs/02-replication/README.md#exercise-step-1-a-quiet-run",
                                "[PASS] retries: ", "[PASS] duplicates: ", "[PASS] crash-after-commit: ",
                                "[FAIL] poison: after 10 new requests, ", "the shard is stuck",
                                "have not reached logfile_replica",
                                "hint: labs/02-replication/README.md#exercise-step-4-a-poison-record")),
                arguments("REMOVE ignored", handler(RemoveIgnored.class), Set.of(QUIET, ALL_TOGETHER),
                        List.of("[FAIL] quiet: after 4 requests deleted, ", "a REMOVE was not replicated")),
                arguments("MODIFY as a SET of the new attributes", handler(ModifySetsAttributes.class),
                        Set.of(QUIET, ALL_TOGETHER),
                        // The replica's role allows puts and deletes only, as the worked solution needs.
                        List.of("[FAIL] quiet: after 6 requests rewritten and 3 with their url removed, ",
                                "the shard is stuck", "is not authorized to perform")),
                arguments("a replayed INSERT refused", handler(ReplayRefused.class),
                        Set.of(CRASH_AFTER_COMMIT, ALL_TOGETHER),
                        List.of("[FAIL] crash-after-commit: after 30 new requests, the shard is stuck",
                                "was already applied: refused")),
                arguments("poison blocking the shard", handler(PoisonBlocksShard.class), Set.of(POISON),
                        List.of("[FAIL] poison: after 10 new requests, ")));
    }

    @Override
    protected Exercise exercise() {
        return EXERCISE;
    }
}
