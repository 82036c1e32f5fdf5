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
public abstract class Lab {

    /**
     * What a lab is called and what it deploys.
     *
     * @param name what users type: {@code ./workshop run votes}
     * @param summary one line for {@code ./workshop run --help}
     * @param template the module's template, relative to the repository root
     */
    public record About(String name, String summary, String template) {
    }

    private final About about;

    protected Lab(About about) {
        this.about = about;
    }

    public final String name() {
        return about.name();
    }

    public final String summary() {
        return about.summary();
    }

    public final String template() {
        return about.template();
    }

    /** Regions the lab's local cloud runs besides its default one, us-east-1 (a DynamoDB Local each); default none. */
    public List<Region> additionalRegions() {
        return List.of();
    }

    /** Deploys the lab's stacks; by default {@link #template()} once, into the default region. */
    public List<LocalCloud.Deployment> deploy(LocalCloud cloud, String stackName) {
        return List.of(cloud.deploy(Path.of(template()), stackName, Map.of()));
    }

    /**
     * Loads data and makes changes; the runner then waits for the triggers and calls {@link #check}.
     *
     * @return how many changes it made to the pattern's source (item writes, or records sent): what
     *     the run's cost is divided by for its cost per million source changes
     */
    public abstract long exercise(LocalCloud cloud, LabOutput out) throws Exception;

    /**
     * Runs once the triggers drained (or the wait timed out), before the runner reads the run's
     * requests and cost: what the pattern's services would do later on their own, such as Firehose
     * delivering its buffers at the end of their interval, happens here so the cost counts it.
     */
    public void afterDrain(LocalCloud cloud, LabOutput out) {
    }

    /** Checks the outcome; each failed check fails the run. */
    public abstract void check(LocalCloud cloud, LabOutput out);
}
