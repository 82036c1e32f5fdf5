package dev.ddbstreams.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalCloudIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/copy-pipeline.yaml");

    @Test
    void deploy_runsTheTemplatesFunctionOnItsTablesStream(@TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "copy-test", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            for (int i = 0; i < 25; i++) {
                String id = "item-" + i;
                dynamoDb.putItem(b -> b.tableName("copy-source").item(Map.of("id", AttributeValue.fromS(id),
                        "n", AttributeValue.fromN("1.50"))));
            }
            dynamoDb.deleteItem(b -> b.tableName("copy-source").key(Map.of("id", AttributeValue.fromS("item-0"))));

            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(deployment.tables()).extracting(t -> t.tableName()).containsExactly("copy-source", "copy-target");
            assertThat(deployment.triggers()).singleElement()
                    .satisfies(t -> assertThat(t.status().counts().recordsProcessed()).isEqualTo(26));
            assertThat(dynamoDb.scan(b -> b.tableName("copy-target")).items())
                    .hasSize(24)
                    .allSatisfy(item -> assertThat(item).containsEntry("n", AttributeValue.fromN("1.5")));
            assertThat(logLines(cloud.logFolder().resolve(
                    deployment.template().function("Copier").orElseThrow().functionName() + ".log")))
                    .isNotEmpty()
                    .allSatisfy(line -> {
                        assertThat(line.path("level").asText()).isEqualTo("INFO");
                        assertThat(line.path("message").asText()).matches("copied \\d+ changes");
                        assertThat(Instant.parse(line.path("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
                        assertThat(UUID.fromString(line.path("AWSRequestId").asText())).isNotNull();
                    });
        }
    }

    @Test
    void failDuring_stopsTheHandlerRightAfterOneOfItsFirstWrites_onceABatch_andTheRetryCopiesTheRest(@TempDir Path work)
            throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("Copier", FunctionFaults.parse("fail-during=1,seed=3")).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "copy-test", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            putSourceItems(dynamoDb, 5);

            assertThat(cloud.awaitIdle(Duration.ofSeconds(60))).isTrue();

            // Each batch's first delivery fails after its 1st, 2nd or 3rd PutItem; its retry holds struck records only.
            TriggerStatus.Counts counts = deployment.triggers().get(0).status().counts();
            assertThat(counts.functionErrors()).isPositive().isEqualTo(counts.retries());
            assertThat(counts.invocations()).isEqualTo(2 * counts.functionErrors());
            assertThat(dynamoDb.scan(b -> b.tableName("copy-target")).items()).hasSize(5);
        }
    }

    @Test
    void failDuring_retriesTheBatch_untilEveryChangeIsCopied(@TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("Copier", FunctionFaults.parse("fail-during=0.5,seed=3")).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "copy-test", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            putSourceItems(dynamoDb, 30);

            assertThat(cloud.awaitIdle(Duration.ofSeconds(60))).isTrue();

            assertThat(deployment.triggers().get(0).status().counts().retries()).isPositive();
            assertThat(dynamoDb.scan(b -> b.tableName("copy-target")).items()).hasSize(30);
        }
    }

    /** Items item-0, item-1, ... in the source table, each a change the copier copies. */
    private static void putSourceItems(DynamoDbClient dynamoDb, int count) {
        for (int i = 0; i < count; i++) {
            String id = "item-" + i;
            dynamoDb.putItem(b -> b.tableName("copy-source").item(Map.of("id", AttributeValue.fromS(id))));
        }
    }

    /** The function's log: Lambda's JSON log lines, one object a line. */
    private static List<JsonNode> logLines(Path log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            lines.add(json.readTree(line));
        }
        return lines;
    }

    /** What ./workshop check does: the template's tables and trigger, another handler in the function. */
    @Test
    void deploy_withAFunctionsHandlerReplaced_runsTheOtherHandlerOnTheSameTrigger(@TempDir Path work) {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "copy-test", Map.of(), function -> true,
                    function -> function.withHandler(AlwaysFailingHandler.class.getName() + "::handleRequest"),
                    trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            dynamoDb.putItem(b -> b.tableName("copy-source").item(Map.of("id", AttributeValue.fromS("item-1"))));

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(deployment.triggers()).singleElement()
                    .satisfies(t -> assertThat(t.status().lastResult()).contains("cannot process 1 records")));
            assertThat(dynamoDb.scan(b -> b.tableName("copy-target")).items()).isEmpty();
        }
    }
}
