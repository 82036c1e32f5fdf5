package dev.ddbstreams.labs.replication;

import static dev.ddbstreams.labs.exercise.Scenario.ALL_TOGETHER;
import static dev.ddbstreams.labs.exercise.Scenario.CRASH_AFTER_COMMIT;
import static dev.ddbstreams.labs.exercise.Scenario.POISON;
import static dev.ddbstreams.labs.exercise.Scenario.QUIET;

import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.GradedExerciseIT;
import dev.ddbstreams.labs.replication.planted.ModifySetsAttributes;
import dev.ddbstreams.labs.replication.planted.PoisonBlocksShard;
import dev.ddbstreams.labs.replication.planted.RemoveIgnored;
import dev.ddbstreams.labs.replication.planted.ReplayRefused;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

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

    @Test
    void theWorkedSolution_passesEveryScenario() throws Exception {
        assertGraded(Optional.empty(), Set.of(),
                "[PASS] quiet: logfile_replica equals logfile: ", "; Lambda retried ",
                "the poison record is in the quarantine bucket");
    }

    @Test
    void theStarter_failsWithItsReasons() throws Exception {
        assertGraded(Optional.of(EXERCISE.starterHandler()), Set.of(QUIET, ALL_TOGETHER, POISON),
                "[FAIL] quiet: after 4 requests deleted, ",
                "is still in logfile_replica after logfile deleted it: a REMOVE was not replicated",
                "hint: labs/02-replication/README.md#exercise-step-1-a-quiet-run",
                "[PASS] retries: ", "[PASS] duplicates: ", "[PASS] crash-after-commit: ",
                "[FAIL] poison: after 10 new requests, ", "the shard is stuck",
                "have not reached logfile_replica",
                "hint: labs/02-replication/README.md#exercise-step-4-a-poison-record");
    }

    @Test
    void removeIgnored_failsQuietAndAllTogether() throws Exception {
        assertGraded(handler(RemoveIgnored.class), Set.of(QUIET, ALL_TOGETHER),
                "[FAIL] quiet: after 4 requests deleted, ", "a REMOVE was not replicated");
    }

    // The replica's role allows puts and deletes only, as the worked solution needs.
    @Test
    void modifyAsASetOfTheNewAttributes_failsQuietAndAllTogether() throws Exception {
        assertGraded(handler(ModifySetsAttributes.class), Set.of(QUIET, ALL_TOGETHER),
                "[FAIL] quiet: after 6 requests rewritten and 3 with their url removed, ",
                "the shard is stuck", "is not authorized to perform");
    }

    @Test
    void aReplayedInsertRefused_failsCrashAfterCommitAndAllTogether() throws Exception {
        assertGraded(handler(ReplayRefused.class), Set.of(CRASH_AFTER_COMMIT, ALL_TOGETHER),
                "[FAIL] crash-after-commit: after 30 new requests, the shard is stuck",
                "was already applied: refused");
    }

    @Test
    void poisonBlockingTheShard_failsPoison() throws Exception {
        assertGraded(handler(PoisonBlocksShard.class), Set.of(POISON),
                "[FAIL] poison: after 10 new requests, ");
    }

    @Override
    protected Exercise exercise() {
        return EXERCISE;
    }
}
