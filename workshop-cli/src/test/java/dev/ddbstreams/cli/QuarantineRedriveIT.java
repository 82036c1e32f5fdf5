package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.cli.QuarantineRedrive.Outcome;
import dev.ddbstreams.cli.QuarantineRedrive.Result;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.s3.FunctionQuarantine;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
            // The fault: an index on the replica only, keyed by a string bytessent; the source writes numbers.
            dynamoDb.updateTable(b -> b.tableName("logfile_replica")
                    .attributeDefinitions(d -> d.attributeName("bytessent").attributeType(ScalarAttributeType.S))
                    .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("ByBytes")
                            .keySchema(k -> k.attributeName("bytessent").keyType("HASH"))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));
            // DynamoDB Local builds the index in the background: the fault is in place once it is ACTIVE.
            await().atMost(Duration.ofSeconds(30)).until(() -> dynamoDb.describeTable(b -> b.tableName("logfile_replica"))
                    .table().globalSecondaryIndexes().stream().anyMatch(index -> index.indexStatus() == IndexStatus.ACTIVE));
            put(dynamoDb, "request#1", Map.of("host", AttributeValue.fromS("a.example.com")));
            put(dynamoDb, "request#2", Map.of("bytessent", AttributeValue.fromN("6493")));
            put(dynamoDb, "request#3", Map.of("host", AttributeValue.fromS("c.example.com")));
            assertThat(cloud.awaitIdle(DRAIN)).isTrue();
            FunctionDefinition function = function(cloud, "ReplicaFunction");
            FunctionQuarantine folder = cloud.quarantine(function.functionName()).orElseThrow();
            assertThat(replica(dynamoDb)).containsOnlyKeys("request#1", "request#3");
            assertThat(folder.keys()).hasSize(1);
            S3Client s3 = S3Client.create();

            List<Result> dryRun = redrive(cloud, function, s3, folder.keys(), true);
            assertThat(dryRun).extracting(Result::outcome).containsExactly(Outcome.WOULD_REDRIVE);
            assertThat(replica(dynamoDb)).containsOnlyKeys("request#1", "request#3");

            // DynamoDB Local refuses the delete while it still builds the index (ResourceInUse), even once ACTIVE.
            await().atMost(Duration.ofSeconds(30)).ignoreException(ResourceInUseException.class)
                    .untilAsserted(() -> dynamoDb.updateTable(b -> b.tableName("logfile_replica")
                            .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("ByBytes")))));
            // Fixed once the index is gone (DynamoDB Local deletes it in the background, as DynamoDB does).
            await().atMost(Duration.ofSeconds(30)).until(() -> dynamoDb.describeTable(b -> b.tableName("logfile_replica"))
                    .table().globalSecondaryIndexes().stream().noneMatch(index -> index.indexName().equals("ByBytes")));
            String key = folder.keys().get(0);
            List<Result> first = redrive(cloud, function, s3, folder.keys(), false);
            List<Result> second = redrive(cloud, function, s3, folder.keys(), false);

            assertThat(first).extracting(Result::outcome).containsExactly(Outcome.REDRIVEN);
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
