package dev.ddbstreams.labs.exercise;

import dev.ddbstreams.localcloud.LocalCloud;
import java.util.List;

/**
 * A lab's exercise: the handler a learner edits, the function of the module's template it stands
 * in for, and what each {@link Scenario} writes and checks for this pattern.
 */
public interface Exercise {

    /** The lab's folder under {@code labs/}, which is what {@code ./workshop check} takes. */
    String lab();

    /** The module's template, relative to the repository root. */
    String template();

    /** The logical id of the template's function whose handler the learner's replaces. */
    String function();

    /** The learner's handler, as a template's {@code Handler} names one. */
    String starterHandler();

    /** The learner's source file, relative to the repository root. */
    String starterSource();

    /** The steps of one scenario; the seed fixes what they write. */
    List<Step> steps(Scenario scenario, long seed);

    /** Where the lab's README explains what a failure of this scenario means, from the repository root. */
    String hint(Scenario scenario);

    /**
     * Faults of the scenario beyond the function's own, set on the local cloud before it starts:
     * the local Firehose's failed entries and throttled calls, say. None by default.
     */
    default void addFaults(LocalCloud.Builder cloud, Scenario scenario, long seed) {
    }

    /**
     * What a stuck shard has cost so far in the pattern's terms, appended to the grader's "the shard
     * is stuck" ({@code ; 11 changes have not reached logfile_replica}); empty to say nothing more.
     */
    default String behindStuckShard(LocalCloud cloud) {
        return "";
    }
}
