package dev.ddbstreams.labs;

import dev.ddbstreams.localcloud.LocalCloud;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.regions.Region;

/**
 * A lab that {@code ./workshop run} can run on its own: deploy its module's template into a
 * fresh local cloud, load its data, let the triggers drain, and check the result.
 */
public interface Lab {

    /** What users type: {@code ./workshop run votes}. */
    String name();

    /** One line for {@code ./workshop run --help}. */
    String summary();

    /** The module's template, relative to the repository root. */
    String template();

    /** Regions the lab's local cloud runs besides its default one, us-east-1 (a DynamoDB Local each); default none. */
    default List<Region> additionalRegions() {
        return List.of();
    }

    /** Deploys the lab's stacks; by default {@link #template()} once, into the default region. */
    default List<LocalCloud.Deployment> deploy(LocalCloud cloud, String stackName) {
        return List.of(cloud.deploy(Path.of(template()), stackName, Map.of()));
    }

    /**
     * Loads data and makes changes; the runner then waits for the triggers and calls {@link #check}.
     *
     * @return how many changes it made to the pattern's source (item writes, or records sent): what
     *     the run's cost is divided by for its cost per million source changes
     */
    long exercise(LocalCloud cloud, LabOutput out) throws Exception;

    /**
     * Runs once the triggers drained (or the wait timed out), before the runner reads the run's
     * requests and cost: what the pattern's services would do later on their own, such as Firehose
     * delivering its buffers at the end of their interval, happens here so the cost counts it.
     */
    default void afterDrain(LocalCloud cloud, LabOutput out) {
    }

    /** Checks the outcome; each failed check fails the run. */
    void check(LocalCloud cloud, LabOutput out);
}
