package dev.ddbstreams.cli;

import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.aggregation.workload.VoteWorkload;
import dev.ddbstreams.cli.bench.LocalLimit;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.load.BatchItemWriter;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.metrics.Counters;
import dev.ddbstreams.localcloud.metrics.MetricKey;
import dev.ddbstreams.localcloud.metrics.MetricsSnapshot;
import dev.ddbstreams.localcloud.metrics.RequestMetrics;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./workshop bench aggregation}: the naive one-write-per-record counter against the
 * exactly-once windowed counter, on the same seeded vote workload, for several batch sizes, each
 * run in a fresh local cloud.
 */
@Command(name = "aggregation",
        description = "Vote counting: the naive counter (one write per record) against the exact one, same workload, in one run: "
                + "write requests and write capacity on the totals, votes per second end to end, and whether the "
                + "totals equal a recount.")
final class AggregationBenchCommand extends WorkshopCommand {

    private static final String EXACT_FUNCTION = "VoteCounterFunction";

    @Mixin
    WorkloadOptions workloadOptions = new WorkloadOptions(10_000);

    @Option(names = "--batch-sizes", paramLabel = "N,N", split = ",", defaultValue = "100,1000",
            description = "Trigger BatchSize values to compare (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    @Option(names = "--scale", paramLabel = "N,N", split = ",",
            description = "Instead of the comparison: the exact counter alone (template BatchSize) on workloads of "
                    + "these sizes, e.g. 1000,10000,100000: windows, keys per window, write requests, WCU and votes/s "
                    + "per size.")
    List<Integer> scale;

    @Option(names = "--template", paramLabel = "FILE", defaultValue = "aggregation/template.yaml",
            description = "The aggregation module's template (default: ${DEFAULT-VALUE}).")
    Path template;

    private record Contender(String name, String function, String totalsTable) {
    }

    @Override
    public Integer call() throws Exception {
        List<Contender> contenders = List.of(
                new Contender("naive (1/record)", "NaiveVoteCounterFunction", "total_votes_naive"),
                new Contender("exact (windows)", EXACT_FUNCTION, "total_votes"));
        PrintWriter out = spec.commandLine().getOut();
        if (scale != null) {
            return scale(out, contenders.get(1));
        }
        LocalLimit limit = LocalLimit.measure(DataSet.VOTES.createTableRequest(), votes(workloadOptions.changes()), 3);
        limit.print(out);
        out.printf("Same %d-change vote workload (seed %d) for each counter and batch size, each in a fresh local "
                + "cloud on %d cores.%n", workloadOptions.changes(), workloadOptions.seed(), Runtime.getRuntime().availableProcessors());
        out.printf("%-16s %6s %15s %12s %10s  %s%n", "counter", "batch", "write requests", "WCU (AWS)", "votes/s",
                "totals vs recount");
        double exactRate = 0;
        for (int batchSize : batchSizes) {
            for (Contender contender : contenders) {
                Measured measured = measure(contender, batchSize, workloadOptions.changes());
                out.printf("%-16s %6d %15d %12.0f %,10.0f  %s%n", contender.name(), batchSize, measured.requests(),
                        measured.units(), measured.votesPerSecond(), measured.verdict());
                out.flush();
                if (contender.function().equals(EXACT_FUNCTION)) {
                    exactRate = Math.max(exactRate, measured.votesPerSecond());
                }
            }
        }
        out.println("write requests and WCU count writes to the totals and window-marker tables only. WCU (AWS) is "
                + "what AWS would bill: 1 per UpdateItem of an item under 1 KB, 2 per item in TransactWriteItems "
                + "(DynamoDB Local reports a flat 4 per transaction and table, so its figure is not used).");
        out.println("The exact counter at its fastest batch size, votes/s end to end against the local limit:");
        limit.printVersus(out, exactRate);
        return 0;
    }

    /** One vote per change, shaped as the workload's votes, each with a key of its own. */
    private List<Map<String, AttributeValue>> votes(int count) {
        SplittableRandom random = new SplittableRandom(workloadOptions.seed());
        List<Map<String, AttributeValue>> votes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            votes.add(Map.of("id", AttributeValue.fromS("vote-" + i),
                    "region", AttributeValue.fromS(VoteWorkload.REGIONS.get(random.nextInt(VoteWorkload.REGIONS.size()))),
                    "improvement", AttributeValue.fromS(
                            VoteWorkload.IMPROVEMENTS.get(random.nextInt(VoteWorkload.IMPROVEMENTS.size())))));
        }
        return votes;
    }

    /**
     * How the exact counter's cost grows with work: writes follow windows times the distinct keys
     * each window touches (at most 30 here: 5 regions x 6 improvements), not the number of changes.
     */
    private int scale(PrintWriter out, Contender exact) throws InterruptedException {
        if (scale.stream().anyMatch(size -> size < 1)) {
            throw new ParameterException(spec.commandLine(), "--scale sizes must be at least 1");
        }
        // Measured as a single-size run measures it (up to 20,000 items, 3 rounds), so the ratios of both compare:
        // a shorter measurement reads a lower limit (less warm-up) and flatters the pipeline.
        int limitItems = Math.min(20_000, scale.stream().max(Integer::compare).orElseThrow());
        LocalLimit limit = LocalLimit.measure(DataSet.VOTES.createTableRequest(), votes(limitItems), 3);
        limit.print(out);
        out.printf("The exact counter (template BatchSize) on the seed-%d vote workload at each size, each in a fresh "
                + "local cloud on %d cores.%n", workloadOptions.seed(), Runtime.getRuntime().availableProcessors());
        out.printf("%9s %8s %12s %15s %10s %10s  %s%n", "changes", "windows", "keys/window", "write requests",
                "WCU (AWS)", "votes/s", "totals vs recount");
        Measured last = null;
        for (int size : scale) {
            last = measure(exact, 0, size);
            out.printf("%,9d %8d %12.1f %15d %10.0f %,10.0f  %s%n", size, last.windows(),
                    last.windows() == 0 ? 0.0 : (double) last.keysWritten() / last.windows(), last.requests(),
                    last.units(), last.votesPerSecond(), last.verdict());
            out.flush();
        }
        out.println("windows: window commits (one transaction each); keys/window: total_votes items per commit. "
                + "Write requests and WCU grow with windows x keys, not with changes.");
        out.println("The largest size, votes/s end to end against the local limit:");
        limit.printVersus(out, last.votesPerSecond());
        return 0;
    }

    /**
     * @param windows transactions committed on the marker table (one per window for votes)
     * @param keysWritten aggregate items written by those transactions
     */
    private record Measured(long requests, double units, long windows, long keysWritten, double votesPerSecond,
            String verdict) {
    }

    /** @param batchSize the trigger's BatchSize, or 0 for the template's */
    private Measured measure(Contender contender, int batchSize, int changes) throws InterruptedException {
        MetricsSnapshot before = RequestMetrics.global().snapshot();
        Path work = Path.of(".workshop", "bench", "aggregation");
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            cloud.deploy(template, "bench", Map.of(), f -> f.logicalId().equals(contender.function()),
                    trigger -> batchSize == 0 ? trigger : trigger.withBatchSize(batchSize));
            long start = System.nanoTime();
            writeWorkload(cloud.dynamoDb().dynamoDbClient(), changes);
            if (!cloud.awaitIdle(Duration.ofMinutes(10))) {
                throw new UserError(contender.name() + " did not drain its stream within 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            MetricsSnapshot spent = RequestMetrics.global().snapshot().minus(before);
            long requests = 0;
            double units = 0;
            long windows = 0;
            long keysWritten = 0;
            for (Map.Entry<MetricKey, Counters> row : spent.rows().entrySet()) {
                MetricKey key = row.getKey();
                boolean totalsTable = key.resource().equals(contender.totalsTable());
                if (key.operation().equals("TransactWriteItems")) {
                    if (totalsTable) {
                        keysWritten += row.getValue().items();
                    } else if (key.resource().equals("vote_windows_applied")) {
                        windows += row.getValue().calls();
                    }
                }
                if (!isWrite(key.operation()) || !(totalsTable || key.resource().equals("vote_windows_applied"))) {
                    continue;
                }
                // A transaction shows in the row of every table it writes: count its request once.
                if (totalsTable) {
                    requests += row.getValue().calls();
                }
                units += key.operation().equals("TransactWriteItems") ? 2.0 * row.getValue().items()
                        : row.getValue().writeUnits();
            }
            Map<String, BigDecimal> recount = VoteTotals.recount(cloud.dynamoDb().dynamoDbClient(), "votes");
            Map<String, BigDecimal> totals = VoteTotals.read(cloud.dynamoDb().dynamoDbClient(), contender.totalsTable());
            BigDecimal off = sum(totals).subtract(sum(recount));
            String verdict = totals.equals(recount) ? "equal"
                    : "differ (" + (off.signum() >= 0 ? "+" : "") + off + " votes)";
            return new Measured(requests, units, windows, keysWritten, changes / seconds, verdict);
        }
    }

    /** The seeded workload, batched and several requests at a time, each vote's changes in order. */
    private void writeWorkload(DynamoDbClient dynamoDb, int changes) {
        try (BatchItemWriter writer = BatchItemWriter.to(dynamoDb, "votes", DataSet.VOTES.keyAttributeNames())) {
            new VoteWorkload(workloadOptions.seed()).run(new VoteWorkload.Writes() {
                @Override
                public void put(Map<String, AttributeValue> item) {
                    writer.write(item);
                }

                @Override
                public void delete(Map<String, AttributeValue> key) {
                    writer.delete(key);
                }
            }, changes);
            writer.finish();
        }
    }

    private static boolean isWrite(String operation) {
        return List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems")
                .contains(operation);
    }

    private static BigDecimal sum(Map<String, BigDecimal> totals) {
        return totals.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
