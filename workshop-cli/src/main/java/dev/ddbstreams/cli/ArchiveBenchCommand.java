package dev.ddbstreams.cli;

import dev.ddbstreams.archive.workload.ArchiveObjects;
import dev.ddbstreams.archive.workload.InvoiceWorkload;
import dev.ddbstreams.cli.bench.BenchCloud;
import dev.ddbstreams.cli.bench.LocalLimit;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.localcloud.firehose.FirehoseStats;
import dev.ddbstreams.localcloud.firehose.LocalFirehoseClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * {@code ./workshop bench archive}: one PutRecord per change against PutRecordBatch (one line per
 * record) and PutRecordBatch with lines packed into records, on the same seeded invoice workload,
 * each in a fresh local cloud. The changes are written first and the archive function deployed
 * after, so it reads the whole stream from TRIM_HORIZON and records per second measure the
 * archiving alone: from the deployment to the trigger drained. Firehose figures come from the
 * local Firehose, which counts calls, data bytes and billed bytes (5 KB steps per record) as
 * Firehose bills them.
 */
@Command(name = "archive",
        description = "Archive: one PutRecord per change (naive) against PutRecordBatch, and PutRecordBatch with packed "
                + "lines, same workload, in one run: Firehose calls, bytes and billed bytes per 10,000 changes, records/s, "
                + "and the packed archive's rate against the local limit.")
final class ArchiveBenchCommand extends WorkshopCommand {

    private static final String TEMPLATE = "archive-firehose/template.yaml";
    private static final BenchCloud BENCH = BenchCloud.named("archive");
    private static final double PER = 10_000;

    @Mixin
    WorkloadOptions workloadOptions = new WorkloadOptions(2_000);

    private record Contender(String name, String function, String packLines) {
    }

    @Override
    public Integer call() throws Exception {
        List<Contender> contenders = List.of(
                new Contender("naive (PutRecord)", "NaiveArchiveFunction", "true"),
                new Contender("batched", "ArchiveFunction", "false"),
                new Contender("batched + packed", "ArchiveFunction", "true"));
        PrintWriter out = spec.commandLine().getOut();
        LocalLimit limit = LocalLimit.measure(DataSet.INVOICES.createTableRequest(), bills(workloadOptions.changes()), 3);
        limit.print(out);
        out.printf("Same %d-write invoice workload (seed %d) for each archiver, each in a fresh local cloud on %d cores; "
                + "figures per 10,000 stream records.%n", workloadOptions.changes(), workloadOptions.seed(), Runtime.getRuntime().availableProcessors());
        out.printf("%-18s %9s %9s %9s %12s %13s %10s %11s  %s%n", "archiver", "batches", "records", "calls",
                "bytes sent", "billed bytes", "records/s", "largest", "archive");
        double packedRate = 0;
        for (Contender contender : contenders) {
            Measured measured = measure(contender);
            out.println(measured.line());
            out.flush();
            packedRate = measured.recordsPerSecond(); // the last contender: batched + packed
        }
        out.println("batches: Lambda invocations; records: Firehose records sent; calls: PutRecord or PutRecordBatch "
                + "calls; bytes sent: record data; billed bytes: each record rounded up to 5 KB, as Firehose bills ingestion. records/s: stream records "
                + "archived per second, deployment to trigger drained. largest: the biggest call (records/bytes). "
                + "archive: distinct eventIDs in the objects vs stream records.");
        out.println("Batched + packed, stream records archived per second end to end against the local limit:");
        limit.printVersus(out, packedRate);
        return 0;
    }

    /** One new bill per change, shaped as the workload's, each with a key of its own. */
    private List<Map<String, AttributeValue>> bills(int count) {
        InvoiceWorkload shapes = new InvoiceWorkload(workloadOptions.seed(), 1);
        return IntStream.range(0, count).mapToObj(i -> shapes.bill(100_000 + i / 4, 1_000_000 + i)).toList();
    }

    private record Measured(String line, double recordsPerSecond) {
    }

    private Measured measure(Contender contender) throws InterruptedException {
        Map<String, String> parameters = Map.of("DeployNaiveBaseline", "true", "PackLines", contender.packLines());
        try (LocalCloud cloud = BENCH.start()) {
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            BenchCloud.createSourceTable(dynamoDb, DataSet.INVOICES, StreamViewType.NEW_AND_OLD_IMAGES);
            int changes = workloadOptions.changes();
            new InvoiceWorkload(workloadOptions.seed(), Math.max(1, changes / 20)).run(dynamoDb, changes);
            long start = System.nanoTime();
            LocalCloud.Deployment deployment = cloud.deploy(BENCH.file(TEMPLATE), "bench", parameters,
                    f -> f.logicalId().equals(contender.function()), UnaryOperator.identity());
            Path bucket = deployment.bucketFolders().get(0);
            ArchiveObjects.deleteAll(bucket); // an earlier contender's or run's (nothing is delivered for 300 s)
            if (!cloud.awaitIdle(Duration.ofMinutes(10))) {
                throw new UserError(contender.name() + " did not drain its stream within 10 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            LocalFirehoseClient firehose = cloud.firehose().orElseThrow().client();
            firehose.flush();
            FirehoseStats stats = firehose.stats();
            Set<String> stream = new StreamReader(dynamoDb, cloud.dynamoDb().streamsClient())
                    .readAll(InvoiceWorkload.TABLE).stream().map(Record::eventID).collect(Collectors.toSet());
            ArchiveObjects.Summary archive = ArchiveObjects.read(bucket);
            double scale = PER / stream.size();
            long batches = deployment.triggers().get(0).status().counts().invocations();
            return new Measured(String.format("%-18s %,9.0f %,9.0f %,9.0f %,12.0f %,13.0f %,10.0f %5d/%-5s  %s", contender.name(),
                    batches * scale, stats.recordsAccepted() * scale, stats.calls() * scale, stats.bytesAccepted() * scale,
                    stats.billedBytes() * scale, stream.size() / seconds, stats.largestCallRecords(),
                    mebibytes(stats.largestCallBytes()),
                    archive.eventIds().equals(stream) ? "all " + stream.size() + " records" : "MISSING "
                            + (stream.size() - archive.eventIds().size()) + " of " + stream.size()),
                    stream.size() / seconds);
        }
    }

    private static String mebibytes(long bytes) {
        return String.format("%.1fM", bytes / (1024.0 * 1024));
    }
}
