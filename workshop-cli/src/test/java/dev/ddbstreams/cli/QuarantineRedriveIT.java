package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.cli.QuarantineRedrive.Outcome;
import dev.ddbstreams.cli.QuarantineRedrive.Result;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.Invocation;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.s3.FunctionQuarantine;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.quarantine.QuarantinedRecord;
import dev.ddbstreams.quarantine.S3ClientBucket;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Redrive on the local cloud: records quarantined by the real handlers through their real
 * triggers, the cause fixed, then redriven twice (and once more after a run that stopped before
 * its delete): each applies exactly once; a record whose cause is not fixed stays, with its reason.
 */
class QuarantineRedriveIT {

    private static final Duration DRAIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void redrive_whenTheReplicasIndexNoLongerRefusesTheItem_appliesItOnceHoweverOftenRedriven(@TempDir Path work)
            throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            cloud.deploy(Path.of("..", "replication", "template.yaml"), "workshop-replication", Map.of(),
                    function -> function.logicalId().equals("ReplicaFunction"), trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            addIndexTheSourceLacks(dynamoDb);
            put(dynamoDb, "request#1", Map.of("host", AttributeValue.fromS("a.example.com")));
            put(dynamoDb, "request#2", Map.of("bytessent", AttributeValue.fromN("6493")));
            put(dynamoDb, "request#3", Map.of("host", AttributeValue.fromS("c.example.com")));
            put(dynamoDb, "request#4", Map.of("bytessent", AttributeValue.fromN("17")));
            assertThat(cloud.awaitIdle(DRAIN)).isTrue();
            FunctionDefinition function = function(cloud, "ReplicaFunction");
            FunctionQuarantine folder = cloud.quarantine(function.functionName()).orElseThrow();
            assertThat(replica(dynamoDb)).containsOnlyKeys("request#1", "request#3");
            assertThat(folder.keys()).hasSize(2);
            // Newer changes of both keys reach the replica before the redrive: their quarantined images are stale.
            put(dynamoDb, "request#2", Map.of("host", AttributeValue.fromS("b.example.com")));
            dynamoDb.deleteItem(b -> b.tableName("logfile").key(Map.of("PK", AttributeValue.fromS("request#4"))));
            assertThat(cloud.awaitIdle(DRAIN)).isTrue();
            assertThat(replica(dynamoDb)).isEqualTo(source(dynamoDb));
            S3Client s3 = S3Client.create();

            List<Result> dryRun = redrive(cloud, function, s3, folder.keys(), true);
            assertThat(dryRun).extracting(Result::outcome).containsExactly(Outcome.WOULD_REDRIVE, Outcome.WOULD_REDRIVE);
            assertThat(replica(dynamoDb)).isEqualTo(source(dynamoDb));

            dropIndexTheSourceLacks(dynamoDb);
            String key = folder.keys().get(0);
            List<Result> first = redrive(cloud, function, s3, folder.keys(), false);
            List<Result> second = redrive(cloud, function, s3, folder.keys(), false);

            // The redrive resyncs each key from the source: no stale image put back, no deleted item revived.
            assertThat(first).extracting(Result::outcome).containsExactly(Outcome.REDRIVEN, Outcome.REDRIVEN);
            assertThat(second).isEmpty();
            assertThat(folder.count()).isZero();
            assertThat(replica(dynamoDb)).isEqualTo(source(dynamoDb));

            // A run that stopped after the apply, before the delete: the record is redriven again, harmlessly.
            restore(folder, key);
            assertThat(redrive(cloud, function, s3, folder.keys(), false)).extracting(Result::outcome)
                    .containsExactly(Outcome.REDRIVEN);
            assertThat(replica(dynamoDb)).isEqualTo(source(dynamoDb));
        }
    }

    @Test
    void redrive_whenTheCauseRemains_keepsTheRecordAndSaysWhy_andARepairedRecordCountsOnce(@TempDir Path work)
            throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            cloud.deploy(Path.of("..", "aggregation", "template.yaml"), "workshop-aggregation", Map.of(),
                    function -> function.logicalId().equals("VoteCounterFunction"), trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            vote(dynamoDb, "1", "MORE_TREES");
            vote(dynamoDb, "2", "MORE_TREES-" + "x".repeat(1_100));
            assertThat(cloud.awaitIdle(DRAIN)).isTrue();
            FunctionDefinition function = function(cloud, "VoteCounterFunction");
            FunctionQuarantine folder = cloud.quarantine(function.functionName()).orElseThrow();
            S3Client s3 = S3Client.create();
            String key = folder.keys().get(0);

            List<Result> unfixed = redrive(cloud, function, s3, folder.keys(), false);

            assertThat(unfixed).singleElement().satisfies(result -> {
                assertThat(result.outcome()).isEqualTo(Outcome.STILL_FAILS);
                assertThat(result.detail()).startsWith("quarantined again: ").contains("improvement");
            });
            assertThat(folder.keys()).containsExactly(key);
            assertThat(total(dynamoDb)).isEqualTo("1");

            // The operator repairs the record itself (the improvement it was meant to be), and redrives.
            Path object = folder.bucketFolder().resolve(key);
            ObjectNode document = (ObjectNode) JSON.readTree(object.toFile());
            ((ObjectNode) document.path("record").path("dynamodb").path("NewImage").path("improvement"))
                    .put("S", "MORE_TREES");
            Files.writeString(object, document.toString());
            assertThat(redrive(cloud, function, s3, folder.keys(), false)).extracting(Result::outcome)
                    .containsExactly(Outcome.REDRIVEN);
            assertThat(redrive(cloud, function, s3, folder.keys(), false)).isEmpty();
            assertThat(total(dynamoDb)).isEqualTo("2");

            // Interrupted before its delete and redriven again: the redrive window's marker says "already applied".
            restore(folder, key);
            assertThat(redrive(cloud, function, s3, folder.keys(), false)).extracting(Result::outcome)
                    .containsExactly(Outcome.REDRIVEN);
            assertThat(total(dynamoDb)).isEqualTo("2");
        }
    }

    @Test
    void redrive_leavesARefusedWindowIncrementToTheOperator_andChangesNoSum(@TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            cloud.deploy(Path.of("..", "aggregation", "template.yaml"), "workshop-aggregation", Map.of(),
                    function -> function.logicalId().equals("VoteCounterFunction"), trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            // 38 significant digits, the most a number holds: one more vote would need 39.
            String fullest = "1" + "0".repeat(36) + "10";
            dynamoDb.putItem(b -> b.tableName("total_votes").item(Map.of("region", AttributeValue.fromS("SOUTH"),
                    "improvement", AttributeValue.fromS("MORE_TREES"), "total_votes", AttributeValue.fromN(fullest))));
            vote(dynamoDb, "1", "MORE_TREES");
            assertThat(cloud.awaitIdle(DRAIN)).isTrue();
            FunctionDefinition function = function(cloud, "VoteCounterFunction");
            FunctionQuarantine folder = cloud.quarantine(function.functionName()).orElseThrow();
            List<String> keys = folder.keys();
            assertThat(keys).singleElement().asString().contains("/window-");

            for (boolean dryRun : List.of(true, false)) {
                assertThat(redrive(cloud, function, S3Client.create(), keys, dryRun)).singleElement()
                        .satisfies(result -> {
                            assertThat(result.outcome()).isEqualTo(Outcome.BY_HAND);
                            assertThat(result.detail()).contains("UpdateItem ADD");
                        });
            }
            assertThat(folder.keys()).isEqualTo(keys);
            assertThat(new BigDecimal(total(dynamoDb))).isEqualByComparingTo(fullest);
        }
    }

    @Test
    void replicaHandler_builtWhileTheIndexExisted_appliesWhatItRefused_onceTheIndexIsDropped(@TempDir Path work)
            throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            cloud.deploy(Path.of("..", "replication", "template.yaml"), "workshop-replication", Map.of(),
                    function -> false, trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            addIndexTheSourceLacks(dynamoDb);
            FunctionDefinition definition = function(cloud, "ReplicaFunction");
            FunctionQuarantine folder = cloud.quarantine(definition.functionName()).orElseThrow();
            // One execution environment throughout, as a warm (or SnapStart-restored) function keeps its handler.
            try (LocalFunction function = new LocalFunction(definition, cloud.dynamoDb().region().id(), Map.of(),
                    FunctionFaults.NONE, InstantSource.system())) {
                Invocation refused = function.invoke(insert("request#2", "6493", "100"));
                assertThat(refused.responseJson()).hasValueSatisfying(json -> assertThat(json).doesNotContain("\"itemIdentifier\""));
                assertThat(folder.keys()).hasSize(1);

                dropIndexTheSourceLacks(dynamoDb);
                put(dynamoDb, "request#5", Map.of("bytessent", AttributeValue.fromN("17")));
                Invocation applied = function.invoke(insert("request#5", "17", "200"));

                assertThat(applied.responseJson()).hasValueSatisfying(json -> assertThat(json).doesNotContain("\"itemIdentifier\""));
                assertThat(replica(dynamoDb)).containsOnlyKeys("request#5");
                assertThat(folder.keys()).hasSize(1);

                // Its redrive, which redrive.sh's invoke of the alias may send to this same warm environment.
                put(dynamoDb, "request#2", Map.of("bytessent", AttributeValue.fromN("6500")));
                String quarantined = new S3Quarantine(new S3ClientBucket(S3Client.create(), folder.bucket()), InstantSource.system())
                        .read(folder.keys().get(0)).eventJson();
                Invocation redriven = function.invoke(quarantined, Map.of(QuarantinedRecord.REDRIVE_CLIENT_CONTEXT, "true"));
                assertThat(redriven.responseJson()).hasValueSatisfying(json -> assertThat(json).doesNotContain("\"itemIdentifier\""));
                assertThat(replica(dynamoDb)).isEqualTo(source(dynamoDb));
                assertThat(function.coldStarts()).isOne();
            }
        }
    }

    /** A stream delivery of one INSERT into logfile, as Lambda sends it. */
    private static String insert(String pk, String bytessent, String sequenceNumber) {
        ObjectNode record = JSON.createObjectNode().put("eventID", "e-" + sequenceNumber).put("eventName", "INSERT")
                .put("eventVersion", "1.1").put("eventSource", "aws:dynamodb").put("awsRegion", "us-east-1")
                .put("eventSourceARN", "arn:aws:dynamodb:us-east-1:123456789012:table/logfile/stream/2026-12-05T00:00:00.000");
        ObjectNode change = record.putObject("dynamodb").put("ApproximateCreationDateTime", 1_795_255_200)
                .put("SequenceNumber", sequenceNumber).put("SizeBytes", 60).put("StreamViewType", "NEW_IMAGE");
        change.putObject("Keys").putObject("PK").put("S", pk);
        ObjectNode image = change.putObject("NewImage");
        image.putObject("PK").put("S", pk);
        image.putObject("bytessent").put("N", bytessent);
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").add(record);
        return event.toString();
    }

    /** The fault: an index on the replica only, keyed by a string bytessent; the source writes numbers. */
    private static void addIndexTheSourceLacks(DynamoDbClient dynamoDb) {
        dynamoDb.updateTable(b -> b.tableName("logfile_replica")
                .attributeDefinitions(d -> d.attributeName("bytessent").attributeType(ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("ByBytes")
                        .keySchema(k -> k.attributeName("bytessent").keyType("HASH"))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
        // DynamoDB Local builds the index in the background: the fault is in place once it is ACTIVE.
        await().atMost(Duration.ofSeconds(30)).until(() -> dynamoDb.describeTable(b -> b.tableName("logfile_replica"))
                .table().globalSecondaryIndexes().stream().anyMatch(index -> index.indexStatus() == IndexStatus.ACTIVE));
    }

    /** The operator's fix. */
    private static void dropIndexTheSourceLacks(DynamoDbClient dynamoDb) {
        // DynamoDB Local refuses the delete while it still builds the index (ResourceInUse), even once ACTIVE.
        await().atMost(Duration.ofSeconds(30)).ignoreException(ResourceInUseException.class)
                .untilAsserted(() -> dynamoDb.updateTable(b -> b.tableName("logfile_replica")
                        .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("ByBytes")))));
        // Fixed once the index is gone (DynamoDB Local deletes it in the background, as DynamoDB does).
        await().atMost(Duration.ofSeconds(30)).until(() -> dynamoDb.describeTable(b -> b.tableName("logfile_replica"))
                .table().globalSecondaryIndexes().stream().noneMatch(index -> index.indexName().equals("ByBytes")));
    }

    private static List<Result> redrive(LocalCloud cloud, FunctionDefinition function, S3Client s3, List<String> keys,
            boolean dryRun) {
        return QuarantineRedrive.of(function, cloud.dynamoDb().region().id(), s3).redrive(keys, dryRun, result -> { });
    }

    /** Puts the redriven copy back at its key, as a run that stopped before its delete would have left it. */
    private static void restore(FunctionQuarantine folder, String key) throws IOException {
        Path target = folder.bucketFolder().resolve(key);
        Files.createDirectories(target.getParent());
        Files.copy(folder.bucketFolder().resolve(QuarantineRedrive.REDRIVEN_PREFIX + key), target);
    }

    private static FunctionDefinition function(LocalCloud cloud, String logicalId) {
        return cloud.deployments().get(0).template().function(logicalId).orElseThrow();
    }

    private static void put(DynamoDbClient dynamoDb, String key, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("PK", AttributeValue.fromS(key));
        dynamoDb.putItem(b -> b.tableName("logfile").item(item));
    }

    private static Map<String, Map<String, AttributeValue>> replica(DynamoDbClient dynamoDb) {
        return scan(dynamoDb, "logfile_replica");
    }

    private static Map<String, Map<String, AttributeValue>> source(DynamoDbClient dynamoDb) {
        return scan(dynamoDb, "logfile");
    }

    private static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient dynamoDb, String table) {
        return dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .collect(Collectors.toMap(item -> item.get("PK").s(), item -> item));
    }

    private static void vote(DynamoDbClient dynamoDb, String id, String improvement) {
        dynamoDb.putItem(b -> b.tableName("votes").item(Map.of("id", AttributeValue.fromS(id),
                "region", AttributeValue.fromS("SOUTH"), "improvement", AttributeValue.fromS(improvement))));
    }

    private static String total(DynamoDbClient dynamoDb) {
        return dynamoDb.getItem(b -> b.tableName("total_votes").consistentRead(true).key(Map.of(
                "region", AttributeValue.fromS("SOUTH"), "improvement", AttributeValue.fromS("MORE_TREES"))))
                .item().get("total_votes").n();
    }
}
