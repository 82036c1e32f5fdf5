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

    private static final String TEMPLATE = "aggregation/template.yaml";
    private static final String EXACT_FUNCTION = "VoteCounterFunction";

    @Mixin
    WorkloadOptions workloadOptions = new WorkloadOptions(10_000);

    @Option(names = "--batch-sizes", paramLabel = "N,N", split = ",", defaultValue = "100,1000",
            description = "Trigger BatchSize values to compare (default: ${DEFAULT-VALUE}).")
    List<Integer> batchSizes;

    private record Contender(String name, String function, String totalsTable) {
    }

    @Override
    public Integer call() throws Exception {
        List<Contender> contenders = List.of(
                new Contender("naive (1/record)", "NaiveVoteCounterFunction", "total_votes_naive"),
                new Contender("exact (windows)", EXACT_FUNCTION, "total_votes"));
        PrintWriter out = spec.commandLine().getOut();
        LocalLimit limit = LocalLimit.measure(DataSet.VOTES.createTableRequest(), votes(workloadOptions.changes()), 3);
        limit.print(out);
        out.printf("Same %d-change vote workload (seed %d) for each counter and batch size, each in a fresh local "
                + "cloud on %d cores.%n", workloadOptions.changes(), workloadOptions.seed(), Runtime.getRuntime().availableProcessors());
        out.printf("%-16s %6s %15s %12s %10s  %s%n", "counter", "batch", "write requests", "WCU (AWS)", "votes/s",
                "totals vs recount");
        double exactRate = 0;
        for (int batchSize : batchSizes) {
            for (Contender contender : contenders) {
                Measured measured = measure(contender, batchSize);
                out.println(measured.line());
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

    private record Measured(String line, double votesPerSecond) {
    }

    private Measured measure(Contender contender, int batchSize) throws InterruptedException {
        MetricsSnapshot before = RequestMetrics.global().snapshot();
        Path work = Path.of(".workshop", "bench", "aggregation");
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            cloud.deploy(Path.of(TEMPLATE), "bench", Map.of(), f -> f.logicalId().equals(contender.function()),
                    trigger -> trigger.withBatchSize(batchSize));
            long start = System.nanoTime();
            writeWorkload(cloud.dynamoDb().dynamoDbClient());
            if (!cloud.awaitIdle(Duration.ofMinutes(10))) {
                throw new UserError(contender.name() + " did not drain its stream within 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            MetricsSnapshot spent = RequestMetrics.global().snapshot().minus(before);
            long requests = 0;
            double units = 0;
            for (Map.Entry<MetricKey, Counters> row : spent.rows().entrySet()) {
                MetricKey key = row.getKey();
                boolean totalsTable = key.resource().equals(contender.totalsTable());
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
            double votesPerSecond = workloadOptions.changes() / seconds;
            return new Measured(String.format("%-16s %6d %15d %12.0f %,10.0f  %s", contender.name(), batchSize,
                    requests, units, votesPerSecond, verdict), votesPerSecond);
        }
    }

    /** The seeded workload, batched and several requests at a time, each vote's changes in order. */
    private void writeWorkload(DynamoDbClient dynamoDb) {
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
            }, workloadOptions.changes());
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
