package dev.ddbstreams.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.archive.workload.ArchiveObjects;
import dev.ddbstreams.archive.workload.InvoiceWorkload;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.testing.Seeds;
import dev.ddbstreams.quarantine.QuarantinedRecord;
import dev.ddbstreams.quarantine.S3ClientBucket;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Poison records on the module's own template, on the local cloud, with Firehose failing entries
 * and throttling calls and Lambda failing invocations before and after the handler ran.
 *
 * <p>DynamoDB Local writes only valid change records, so the poison here is the class a real table
 * can produce: an item that fits DynamoDB's 400 KB but whose line is over Firehose's 1,000 KiB record
 * limit (200,000 control characters, six bytes each once JSON escapes them). Poison bills are put,
 * paid and deleted on their own invoices, interleaved at random with 2,000 seeded valid changes;
 * each of their changes (INSERT, MODIFY, REMOVE) is a poison record.
 *
 * <p>Then: every valid change's eventID has its full line in the archive (at least once: retried
 * batches add duplicates, removed at query time), every poison change has a marker line without
 * images and is in the quarantine exactly once with its content, and the trigger drains within
 * {@link #DRAIN_BOUND} with nothing discarded.
 */
@ExtendWith(Seeds.class)
class ArchivePoisonIT {

    private static final int VALID_OPERATIONS = 2_000;
    private static final String POISON_NAME = "\u0001".repeat(200_000);
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(180);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<Long>> seeds() {
        return Seeds.from(21);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void archive_withPoisonInterleaved_archivesEveryValidChange_andQuarantinesEveryPoisonRecord(long seed,
            @TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .firehoseFaults(FirehoseFaults.parse("records=0.1,throttle=0.2,code=mixed,seed=" + seed))
                .faults("ArchiveFunction", FunctionFaults.parse("fail=0.05,fail-after=0.05,duplicate=0.05,seed=" + seed))
                .start()) {
            LocalCloud.Deployment deployment = cloud.deploy(Path.of("template.yaml"), "archive-poison",
                    // No batching window: many small batches, so the injected function faults do happen.
                    Map.of("BatchingWindowSeconds", "0"),
                    function -> function.logicalId().equals("ArchiveFunction"), trigger -> trigger.withBatchSize(100));
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            SplittableRandom random = new SplittableRandom(seed);
            InvoiceWorkload workload = new InvoiceWorkload(seed, 200);
            int poisonWrites = 0;
            for (int valid = 0; valid < VALID_OPERATIONS; ) {
                if (random.nextInt(40) > 0) {
                    workload.run(dynamoDb, 1);
                    valid++;
                    continue;
                }
                writePoison(dynamoDb, random);
                poisonWrites++;
            }

            assertThat(cloud.awaitIdle(DRAIN_BOUND)).as("drained within %s", DRAIN_BOUND).isTrue();
            cloud.firehose().orElseThrow().client().flush();

            Set<String> validIds = new HashSet<>();
            Set<String> poisonIds = new HashSet<>();
            for (Record record : new StreamReader(dynamoDb, cloud.dynamoDb().streamsClient()).readAll(InvoiceWorkload.TABLE)) {
                boolean poison = record.dynamodb().keys().get("InvoiceID").s().startsWith("P#");
                (poison ? poisonIds : validIds).add(record.eventID());
            }
            Set<String> fullLines = new HashSet<>();
            Set<String> markerLines = new HashSet<>();
            for (String line : ArchiveObjects.lines(deployment.bucketFolders().get(0))) {
                JsonNode node = readJson(line);
                (node.has("oversizedBytes") ? markerLines : fullLines).add(node.path("eventID").asText());
            }
            assertThat(poisonWrites).isPositive();
            assertThat(poisonIds).hasSize(poisonWrites); // each poison write changed its item
            assertThat(fullLines).isEqualTo(validIds);
            assertThat(markerLines).isEqualTo(poisonIds);

            Map<String, String> quarantined = new HashMap<>();
            List<String> keys;
            try (S3Client s3 = S3Client.builder().endpointOverride(cloud.s3().uri()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(LocalDynamoDb.CREDENTIALS).build()) {
                S3Quarantine quarantine = new S3Quarantine(new S3ClientBucket(s3, deployment.template()
                        .function("ArchiveFunction").orElseThrow().environment().get("QUARANTINE_BUCKET")),
                        InstantSource.system());
                keys = quarantine.keys(ArchiveHandler.QUARANTINE_FOLDER);
                for (String key : keys) {
                    QuarantinedRecord kept = quarantine.read(key);
                    assertThat(kept.reason()).endsWith("bytes as a line, over Firehose's 1024000-byte record limit");
                    JsonNode record = new ObjectMapper().readTree(kept.record());
                    JsonNode dynamodb = record.path("dynamodb");
                    JsonNode image = dynamodb.has("NewImage") ? dynamodb.path("NewImage") : dynamodb.path("OldImage");
                    quarantined.put(record.path("eventID").asText(), image.path("CustomerName").path("S").asText());
                }
            }
            assertThat(keys).hasSameSizeAs(poisonIds);
            assertThat(quarantined.keySet()).isEqualTo(poisonIds);
            assertThat(quarantined.values()).allMatch(POISON_NAME::equals);

            assertThat(cloud.firehose().orElseThrow().client().stats().recordsFailed()).isPositive();
            assertThat(cloud.triggers()).singleElement().satisfies(trigger -> {
                assertThat(trigger.status().counts().functionErrors()).isPositive();
                assertThat(trigger.status().counts().recordsDiscarded()).isZero();
            });
        }
    }

    /** A poison bill's next change: a new bill (INSERT), a payment (MODIFY) or a delete (REMOVE) on invoices P#0..P#9. */
    private static void writePoison(DynamoDbClient dynamoDb, SplittableRandom random) {
        Map<String, AttributeValue> key = Map.of("InvoiceID", AttributeValue.fromS("P#" + random.nextInt(10)),
                "BillID", AttributeValue.fromS("B#1"));
        boolean exists = dynamoDb.getItem(b -> b.tableName(InvoiceWorkload.TABLE).key(key).consistentRead(true)).hasItem();
        if (!exists) {
            Map<String, AttributeValue> item = new HashMap<>(key);
            item.put("CustomerName", AttributeValue.fromS(POISON_NAME));
            item.put("BillBalance", AttributeValue.fromN("10.00"));
            dynamoDb.putItem(b -> b.tableName(InvoiceWorkload.TABLE).item(item));
        } else if (random.nextBoolean()) {
            dynamoDb.updateItem(b -> b.tableName(InvoiceWorkload.TABLE).key(key)
                    .updateExpression("SET BillBalance = :b")
                    .expressionAttributeValues(Map.of(":b", AttributeValue.fromN(random.nextInt(1_000) + ".00"))));
        } else {
            dynamoDb.deleteItem(b -> b.tableName(InvoiceWorkload.TABLE).key(key));
        }
    }

    private static JsonNode readJson(String line) {
        try {
            return JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a JSON line: " + line.substring(0, Math.min(200, line.length())), e);
        }
    }
}
