package dev.ddbstreams.cli;

import dev.ddbstreams.labs.Lab;
import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.labs.Labs;
import dev.ddbstreams.labs.WorkFolders;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.firehose.FirehoseStats;
import dev.ddbstreams.localcloud.metrics.AwsPrices;
import dev.ddbstreams.localcloud.metrics.CostEstimate;
import dev.ddbstreams.localcloud.metrics.InvocationMetrics;
import dev.ddbstreams.localcloud.metrics.MetricsSnapshot;
import dev.ddbstreams.localcloud.metrics.MetricsTable;
import dev.ddbstreams.localcloud.metrics.RequestMetrics;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.regions.Region;

/**
 * {@code ./workshop run <lab>|all}: each lab in a fresh in-memory local cloud; prints what
 * happened, what it cost in requests and capacity, and its checks; exits 1 if a check fails.
 */
@Command(name = "run",
        description = "Runs a lab end to end on the local cloud (in memory, nothing left behind) and checks it.")
final class RunCommand extends WorkshopCommand {

    /** How long the triggers may take to drain before the run fails. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(3);

    @Parameters(index = "0", paramLabel = "<lab>", completionCandidates = LabNames.class,
            description = "A lab: ${COMPLETION-CANDIDATES}, or all.")
    String labName;

    @Option(names = "--work-folder", paramLabel = "DIR", defaultValue = ".workshop/run",
            description = "Where on-failure records are written (default: ${DEFAULT-VALUE}).")
    Path workFolder;

    @Mixin
    FaultOptions faults;

    /** For picocli's help and completion. */
    static final class LabNames extends ArrayList<String> {
        LabNames() {
            super(labNames());
        }
    }

    @Override
    public Integer call() throws Exception {
        List<Lab> labs;
        if (labName.equals("all")) {
            labs = Labs.all();
        } else {
            labs = Labs.named(labName).map(List::of).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown lab '" + labName + "'; labs: " + String.join(", ", labNames()) + ", all"));
        }
        PrintWriter out = spec.commandLine().getOut();
        List<String> failed = new ArrayList<>();
        for (Lab lab : labs) {
            if (!run(lab, new LabOutput(out), labs.size() == 1)) {
                failed.add(lab.name());
            }
        }
        if (!failed.isEmpty()) {
            out.printf("%nFAILED: %s%n", String.join(", ", failed));
            return UserErrorHandler.FAILED;
        }
        out.printf("%nAll checks passed (%s).%n", labs.stream().map(Lab::name).collect(Collectors.joining(", ")));
        return 0;
    }

    /** With {@code checkFaultTargets}, faults must name a function of this lab (not so for all: each lab has its own). */
    private boolean run(Lab lab, LabOutput out, boolean checkFaultTargets) throws Exception {
        out.say("== %s: %s", lab.name(), lab.summary());
        Path labFolder = workFolder.resolve(lab.name());
        WorkFolders.clear(labFolder);
        LocalCloud.Builder builder = LocalCloud.builder().workFolder(labFolder)
                .additionalRegions(lab.additionalRegions().toArray(Region[]::new));
        faults.applyTo(builder);
        MetricsSnapshot before = RequestMetrics.global().snapshot();
        Map<String, InvocationMetrics.Usage> invocationsBefore = InvocationMetrics.global().snapshot();
        long started = System.nanoTime();
        try (LocalCloud cloud = builder.start()) {
            List<LocalCloud.Deployment> deployments = lab.deploy(cloud, "workshop-" + lab.name());
            if (checkFaultTargets) {
                faults.requireKnownFunctions(deployments.stream().map(LocalCloud.Deployment::template).toList(),
                        "lab " + lab.name());
            }
            for (LocalCloud.Deployment deployment : deployments) {
                out.say("Deployed %s%s: %d tables, %d stream triggers", deployment.template().file(),
                        deployments.size() == 1 ? "" : " as " + deployment.stackName(), deployment.tables().size(),
                        deployment.triggers().size());
            }
            long sourceChanges = lab.exercise(cloud, out);
            boolean drained = cloud.awaitIdle(DRAIN_TIMEOUT);
            out.say("Triggers %s after %.1f s:", drained ? "drained" : "did NOT drain", (System.nanoTime() - started) / 1e9);
            for (StreamTrigger trigger : cloud.triggers()) {
                out.say("%s", triggerLine(trigger.functionName(), trigger.status().counts()));
            }
            lab.afterDrain(cloud, out);
            MetricsSnapshot spent = RequestMetrics.global().snapshot().minus(before);
            out.say("Requests and capacity spent:");
            for (String line : MetricsTable.render(spent).split("\n")) {
                out.say("  %s", line);
            }
            Optional<FirehoseStats> firehose = cloud.firehose().map(local -> local.client().stats());
            CostEstimate cost = CostEstimate.of(spent,
                    InvocationMetrics.between(invocationsBefore, InvocationMetrics.global().snapshot()),
                    firehose.map(FirehoseStats::billedBytes).orElse(0L),
                    firehose.map(FirehoseStats::objectsWritten).orElse(0L));
            out.say("Estimated AWS cost of this run, and per million source changes at the same mix (%,d source "
                    + "changes; on-demand prices, %s, checked %s; Lambda duration = local handler time x the "
                    + "function's memory, an estimate):", sourceChanges, AwsPrices.REGION, AwsPrices.CHECKED);
            for (String line : cost.render(sourceChanges).split("\n")) {
                out.say("  %s", line);
            }
            out.say("Function logs (stand-in for CloudWatch Logs): %s", cloud.logFolder());
            out.say("Checks:");
            out.check(drained, "every trigger drained its stream", drained ? "" : "within " + DRAIN_TIMEOUT);
            lab.check(cloud, out);
        }
        return out.failures().isEmpty();
    }

    /**
     * One trigger's line of the summary. Bisections sit beside retries: with BisectBatchOnFunctionError
     * a failed batch is split and each half invoked again, so function errors exceed the retries.
     */
    static String triggerLine(String functionName, TriggerStatus.Counts c) {
        return String.format("  %-34s %6d records processed, %5d invocations, %3d function errors, %3d retries, "
                        + "%3d bisections, %d discarded", functionName, c.recordsProcessed(), c.invocations(),
                c.functionErrors() + c.timeouts(), c.retries(), c.bisections(), c.recordsDiscarded());
    }

    private static List<String> labNames() {
        return Labs.all().stream().map(Lab::name).toList();
    }
}
