package dev.ddbstreams.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.archive.workload.ArchiveObjects;
import dev.ddbstreams.archive.workload.InvoiceWorkload;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.FirehoseStats;
import dev.ddbstreams.localcloud.firehose.LocalFirehoseClient;
import dev.ddbstreams.localcloud.testing.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The module's own template on the local cloud, the handler reaching the local Firehose over its
 * real protocol, with failed entries and throttled calls injected: after a seeded mix of puts,
 * payments and deletes on invoice bills, the archive holds every stream record's eventID (at least
 * once), and no PutRecordBatch call was ever over Firehose's limits.
 */
@ExtendWith(Seeds.class)
class ArchiveFaultsIT {

    private static final Path TEMPLATE = Path.of("template.yaml");
    private static final int SMALL_BATCH = 10;

    @TempDir
    Path work;

    static Stream<Named<Long>> seeds() {
        return Seeds.from(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void archive_underFailedEntriesAndThrottling_holdsEveryChange_withinTheLimits(long seed) throws InterruptedException {
        FirehoseFaults faults = FirehoseFaults.parse("records=0.2,throttle=0.5,code=mixed,seed=" + seed);
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .firehoseFaults(faults).start()) {
            // Packed lines make one Firehose record per batch: with small batches there are at least
            // 60, so the injected faults hit some however fast the machine reads the stream.
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "archive-it", Map.of(), function -> true,
                    trigger -> trigger.withBatchSize(SMALL_BATCH));
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            InvoiceWorkload.Mix mix = new InvoiceWorkload(seed, 40).run(dynamoDb, 600);
            assertThat(cloud.awaitIdle(Duration.ofSeconds(120))).isTrue();
            LocalFirehoseClient firehose = cloud.firehose().orElseThrow().client();
            firehose.flush(); // as the buffer interval would

            Set<String> streamEventIds = new StreamReader(dynamoDb, cloud.dynamoDb().streamsClient())
                    .readAll(InvoiceWorkload.TABLE).stream().map(Record::eventID).collect(Collectors.toSet());
            ArchiveObjects.Summary archive = ArchiveObjects.read(deployment.bucketFolders().get(0));
            FirehoseStats stats = firehose.stats();

            assertThat(mix.deletes()).isPositive();
            assertThat(streamEventIds).hasSize(mix.changes());
            assertThat(archive.problems()).isEmpty();
            assertThat(archive.eventIds()).isEqualTo(streamEventIds);
            assertThat(stats.recordsFailed()).isPositive();
            assertThat(stats.throttledCalls()).isPositive();
            assertThat(stats.rejectedCalls()).isZero();
            assertThat(stats.largestCallRecords()).isLessThanOrEqualTo(FirehoseLimits.MAX_RECORDS_PER_CALL);
            assertThat(stats.largestCallBytes()).isLessThanOrEqualTo(FirehoseLimits.MAX_BYTES_PER_CALL);
            assertThat(cloud.triggers()).singleElement()
                    .satisfies(trigger -> assertThat(trigger.status().counts().recordsDiscarded()).isZero());
        }
    }

    /** A bill with a 390,000-character name: fine for DynamoDB (400 KB), over 1,000 KiB as a line once escaped. */
    @Test
    void archive_whenAChangeIsOver1000KiBAsALine_holdsAMarker_andTheShardMovesOn() throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "archive-it", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            Map<String, AttributeValue> key = Map.of("InvoiceID", AttributeValue.fromS("I#9001"),
                    "BillID", AttributeValue.fromS("B#1"));
            dynamoDb.putItem(b -> b.tableName(InvoiceWorkload.TABLE).item(Map.of(
                    "InvoiceID", key.get("InvoiceID"), "BillID", key.get("BillID"),
                    "CustomerName", AttributeValue.fromS("\\".repeat(390_000)))));
            dynamoDb.updateItem(b -> b.tableName(InvoiceWorkload.TABLE).key(key)
                    .updateExpression("SET InvoiceStatus = :s").expressionAttributeValues(Map.of(":s", AttributeValue.fromS("Open"))));
            new InvoiceWorkload(3, 5).run(dynamoDb, 20);

            assertThat(cloud.awaitIdle(Duration.ofSeconds(60))).isTrue();
            cloud.firehose().orElseThrow().client().flush();

            ArchiveObjects.Summary archive = ArchiveObjects.read(deployment.bucketFolders().get(0));
            int streamRecords = new StreamReader(dynamoDb, cloud.dynamoDb().streamsClient()).readAll(InvoiceWorkload.TABLE).size();
            assertThat(archive.oversized()).isEqualTo(1);
            assertThat(archive.eventIds()).hasSize(streamRecords);
            assertThat(cloud.firehose().orElseThrow().client().stats().rejectedCalls()).isZero();
            assertThat(cloud.logFolder().resolve(deployment.template().function("ArchiveFunction").orElseThrow().functionName() + ".log")).content().contains("\"OversizedChanges\":1");
        }
    }
}
