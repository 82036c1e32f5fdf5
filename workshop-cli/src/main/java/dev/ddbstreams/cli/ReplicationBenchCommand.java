package dev.ddbstreams.cli;

import dev.ddbstreams.cli.bench.BenchCloud;
import dev.ddbstreams.cli.bench.LocalLimit;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.localcloud.metrics.Counters;
import dev.ddbstreams.localcloud.metrics.MetricKey;
import dev.ddbstreams.localcloud.metrics.MetricsSnapshot;
import dev.ddbstreams.localcloud.metrics.RequestMetrics;
import dev.ddbstreams.replication.workload.LogfileWorkload;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * {@code ./workshop bench replication}: the one-PutItem/DeleteItem-per-record replicator against
 * the batched one, on the same seeded workload, each in a fresh local cloud: write requests and
 * items on the replica, changes per second end to end, and the replication lag.
 *
 * <p>{@code --scale}: the batched replicator alone on growing workloads over the same keys, each
 * written into the stream before the function is deployed (so batches are full, as from a
 * backlog): per size, the records, distinct keys, batches, items written per batch, requests, WCU
 * and records per second, to show that the replica's writes follow the distinct keys per batch,
 * not the changes.
 *
 * <p>Lag: every {@code --probe-every}th change is a put of a new probe item. Its lag is the time
 * from the moment the source's PutItem returned to the moment a prober thread, which reads every
 * outstanding probe from the replica with strongly consistent GetItems in a loop (about every
 * 5 ms), first sees it. It includes the trigger's polling (250 ms, as Lambda polls a shard about 4
 * times a second) and any backlog; its resolution is the prober's round.
 */
@Command(name = "replication",
        description = "Replication: one write per record (naive) against batched writes, same workload, in one run: "
                + "write requests and items on the replica, changes per second end to end, lag (median, p99), and the "
                + "batched replicator's rate against the local limit; --scale: how its writes grow with the workload.")
final class ReplicationBenchCommand extends WorkshopCommand {

    private static final String TEMPLATE = "replication/template.yaml";
    private static final BenchCloud BENCH = BenchCloud.named("replication");
    private static final String DEFAULT_SCALE = "1000,10000,100000";

    @Mixin
    WorkloadOptions workloadOptions = new WorkloadOptions(5_000);

    @Option(names = "--keys", paramLabel = "N", defaultValue = "200",
            description = "Distinct keys the workload changes (default: ${DEFAULT-VALUE}).")
    int keys;

    @Option(names = "--probe-every", paramLabel = "N", defaultValue = "25",
            description = "Every Nth change is a probe whose lag is measured (default: ${DEFAULT-VALUE}).")
    int probeEvery;

    @Option(names = "--scale", paramLabel = "SIZES", arity = "0..1", split = ",", fallbackValue = DEFAULT_SCALE,
            description = "Instead: the batched replicator alone on workloads of these sizes (changes, comma-separated; "
                    + "default " + DEFAULT_SCALE + ") over --keys keys, each from a full stream.")
    List<Integer> scale;

    private record Contender(String name, String function, String replicaTable) {
    }

    @Override
    public Integer call() throws Exception {
        if (keys < 1 || probeEvery < 1) {
            throw new ParameterException(spec.commandLine(), "--keys and --probe-every must be at least 1");
        }
        if (scale != null) {
            return scale();
        }
        List<Contender> contenders = List.of(
                new Contender("naive (per record)", "NaiveReplicaFunction", "logfile_replica_naive"),
                new Contender("batched", "ReplicaFunction", "logfile_replica"));
        PrintWriter out = spec.commandLine().getOut();
        LocalLimit limit = localLimit(workloadOptions.changes());
        limit.print(out);
        out.printf("Same %d-change workload on %d keys (seed %d, every %dth change a lag probe) for each replicator, "
                + "each in a fresh local cloud on %d cores.%n", workloadOptions.changes(), keys, workloadOptions.seed(), probeEvery,
                Runtime.getRuntime().availableProcessors());
        out.printf("%-19s %14s %13s %9s %10s %10s %9s  %s%n", "replicator", "write requests", "items written",
                "WCU", "changes/s", "lag p50", "lag p99", "replica vs source");
        double batchedRate = 0;
        for (Contender contender : contenders) {
            Measured measured = measure(contender);
            out.println(measured.line());
            out.flush();
            batchedRate = measured.perSecond(); // the last contender: batched
        }
        out.println("write requests, items and WCU count writes to the replica table only (WCU as DynamoDB Local "
                + "reports it, the replica's GSI_1 included). changes/s: from the first source write to the trigger "
                + "drained. Lag: source PutItem returned -> the item readable on the replica.");
        out.println("Batched, changes per second end to end (source writes included) against the local limit:");
        limit.printVersus(out, batchedRate);
        return 0;
    }

    /** The local limit on logfile items of the workload's shape, each with a key of its own (at most 5,000). */
    private LocalLimit localLimit(int changes) {
        LogfileWorkload shapes = new LogfileWorkload(workloadOptions.seed(), keys);
        List<Map<String, AttributeValue>> items = IntStream.range(0, Math.min(changes, 5_000))
                .mapToObj(i -> shapes.item("request#" + (800_000_000 + i))).toList();
        return LocalLimit.measure(DataSet.LOGFILE.createTableRequest(), items, 3);
    }

    /** A printed row and the rate it measured. */
    private record Measured(String line, double perSecond) {
    }

    private Measured measure(Contender contender) throws InterruptedException {
        MetricsSnapshot before = RequestMetrics.global().snapshot();
        try (LocalCloud cloud = BENCH.start()) {
            cloud.deploy(BENCH.file(TEMPLATE), "bench", Map.of(), f -> f.logicalId().equals(contender.function()),
                    UnaryOperator.identity());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            LogfileWorkload workload = new LogfileWorkload(workloadOptions.seed(), keys);
            Prober prober = new Prober(dynamoDb, contender.replicaTable());
            Thread proberThread = new Thread(prober, "lag-prober");
            proberThread.setDaemon(true);
            proberThread.start();
            long start = System.nanoTime();
            for (int i = 0; i < workloadOptions.changes(); i++) {
                if (i % probeEvery == 0) {
                    String pk = "request#" + (900_000_000 + i); // a key the workload never uses
                    dynamoDb.putItem(b -> b.tableName("logfile").item(workload.item(pk)));
                    prober.watch(pk, System.nanoTime());
                } else {
                    workload.step(dynamoDb, "logfile");
                }
            }
            if (!cloud.awaitIdle(Duration.ofMinutes(10))) {
                throw new UserError(contender.name() + " did not drain its stream within 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            List<Long> lags = prober.finish(Duration.ofSeconds(30));
            proberThread.interrupt();
            ReplicaWrites writes = ReplicaWrites.since(before, contender.replicaTable());
            double perSecond = workloadOptions.changes() / seconds;
            return new Measured(String.format("%-19s %14d %13d %9.0f %,10.0f %8d ms %6d ms  %s", contender.name(),
                    writes.requests(), writes.items(), writes.units(), perSecond, percentile(lags, 50),
                    percentile(lags, 99), comparison(dynamoDb, contender.replicaTable())), perSecond);
        }
    }

    private Integer scale() throws InterruptedException {
        if (scale.isEmpty() || scale.stream().anyMatch(size -> size < 1)) {
            throw new ParameterException(spec.commandLine(), "--scale sizes must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        LocalLimit limit = localLimit(Collections.max(scale));
        limit.print(out);
        out.printf("The batched replicator on workloads of %s changes over %d keys (seed %d), each written to the stream "
                + "before the function is deployed, each in a fresh local cloud on %d cores.%n",
                scale.stream().map(size -> String.format("%,d", size)).collect(Collectors.joining(", ")), keys,
                workloadOptions.seed(), Runtime.getRuntime().availableProcessors());
        out.printf("%9s %9s %6s %8s %11s %14s %13s %12s %9s %10s  %s%n", "changes", "records", "keys", "batches",
                "items/batch", "write requests", "items written", "items/record", "WCU", "records/s",
                "replica vs source");
        // Untimed: the first run in a JVM also loads the handler, the SDK and DynamoDB Local's stream code.
        scaleRow(Math.min(100, Collections.min(scale)));
        double largestRate = 0;
        for (int size : scale) {
            Measured measured = scaleRow(size);
            out.println(measured.line());
            out.flush();
            if (size == Collections.max(scale)) {
                largestRate = measured.perSecond();
            }
        }
        out.println("records: stream records (a delete of a missing item makes none); keys: distinct keys among them; "
                + "batches: invocations. items written = batches x items/batch, each a distinct key of its batch: they "
                + "grow with the distinct keys per batch, not with the changes (the naive replicator writes one item "
                + "per record). records/s: deployment to trigger drained.");
        out.println("The largest size, stream records replicated per second against the local limit:");
        limit.printVersus(out, largestRate);
        return 0;
    }

    private Measured scaleRow(int changes) throws InterruptedException {
        MetricsSnapshot before = RequestMetrics.global().snapshot();
        try (LocalCloud cloud = BENCH.start()) {
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            BenchCloud.createSourceTable(dynamoDb, DataSet.LOGFILE, StreamViewType.NEW_IMAGE);
            new LogfileWorkload(workloadOptions.seed(), keys).run(dynamoDb, "logfile", changes);
            List<Record> stream = new StreamReader(dynamoDb, cloud.dynamoDb().streamsClient()).readAll("logfile");
            long distinctKeys = stream.stream().map(record -> record.dynamodb().keys().get("PK").s()).distinct().count();
            long start = System.nanoTime();
            LocalCloud.Deployment deployment = cloud.deploy(BENCH.file(TEMPLATE), "bench", Map.of(),
                    f -> f.logicalId().equals("ReplicaFunction"), UnaryOperator.identity());
            if (!cloud.awaitIdle(Duration.ofMinutes(30))) {
                throw new UserError("the batched replicator did not drain " + changes + " changes within 30 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long batches = deployment.triggers().get(0).status().counts().invocations();
            ReplicaWrites writes = ReplicaWrites.since(before, "logfile_replica");
            double perSecond = stream.size() / seconds;
            return new Measured(String.format("%,9d %,9d %,6d %,8d %,11.0f %,14d %,13d %12.2f %,9.0f %,10.0f  %s",
                    changes, stream.size(), distinctKeys, batches, (double) writes.items() / batches, writes.requests(),
                    writes.items(), (double) writes.items() / stream.size(), writes.units(), perSecond,
                    comparison(dynamoDb, "logfile_replica")), perSecond);
        }
    }

    private static String comparison(DynamoDbClient dynamoDb, String replicaTable) {
        ReplicaComparison.Differences differences = ReplicaComparison.compare(dynamoDb, "logfile", replicaTable);
        return differences.none() ? "equal" : differences.toString();
    }

    /** Writes to one replica table since a metrics snapshot: requests, items, WCU (its GSI_1 included). */
    private record ReplicaWrites(long requests, long items, double units) {

        static ReplicaWrites since(MetricsSnapshot before, String replicaTable) {
            MetricsSnapshot spent = RequestMetrics.global().snapshot().minus(before);
            long requests = 0;
            long items = 0;
            double units = 0;
            for (Map.Entry<MetricKey, Counters> row : spent.rows().entrySet()) {
                MetricKey key = row.getKey();
                if (key.resource().equals(replicaTable) && isWrite(key.operation())) {
                    requests += row.getValue().calls();
                    items += row.getValue().items();
                    units += row.getValue().writeUnits();
                }
            }
            return new ReplicaWrites(requests, items, units);
        }

        private static boolean isWrite(String operation) {
            return List.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems")
                    .contains(operation);
        }
    }

    /** Nearest-rank percentile, in milliseconds. */
    static long percentile(List<Long> nanos, int percent) {
        if (nanos.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Duration.ofNanos(sorted.get(Math.max(0, rank - 1))).toMillis();
    }

    /** Reads outstanding probes from the replica until each is there; records when it first was. */
    private static final class Prober implements Runnable {

        private final DynamoDbClient dynamoDb;
        private final String replicaTable;
        private final Map<String, Long> outstanding = new ConcurrentHashMap<>();
        private final List<Long> lags = Collections.synchronizedList(new ArrayList<>());

        Prober(DynamoDbClient dynamoDb, String replicaTable) {
            this.dynamoDb = dynamoDb;
            this.replicaTable = replicaTable;
        }

        void watch(String pk, long writtenAt) {
            outstanding.put(pk, writtenAt);
        }

        @Override
        public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                for (Map.Entry<String, Long> probe : outstanding.entrySet()) {
                    boolean visible = dynamoDb.getItem(b -> b.tableName(replicaTable).consistentRead(true)
                            .key(Map.of("PK", AttributeValue.fromS(probe.getKey()))).projectionExpression("PK")).hasItem();
                    if (visible) {
                        lags.add(System.nanoTime() - probe.getValue());
                        outstanding.remove(probe.getKey());
                    }
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return; // the benchmark is over
                }
            }
        }

        List<Long> finish(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!outstanding.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            if (!outstanding.isEmpty()) {
                throw new UserError(outstanding.size() + " probes never reached " + replicaTable);
            }
            return List.copyOf(lags);
        }
    }
}
