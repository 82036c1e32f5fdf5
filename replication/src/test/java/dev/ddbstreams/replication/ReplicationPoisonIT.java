package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.LocalCloud.Deployment;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.testing.Seeds;
import dev.ddbstreams.quarantine.QuarantinedRecord;
import dev.ddbstreams.quarantine.S3Quarantine;
import dev.ddbstreams.replication.workload.LogfileWorkload;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Poison records on the module's own template, on the local cloud, with Lambda's delivery at its
 * worst (invocations failing before and after the handler's writes, batches delivered twice).
 *
 * <p>A replica fed by its own source can still refuse an item the source took: here the replica
 * has an index the source lacks ({@code BY_TRIAGE} on {@code triage}, a string), as a replica kept
 * for other queries would, so the handler's check before writing knows it. Every class of item
 * DynamoDB refuses for that index is written to the source: {@code triage} as a number (type mismatch), as an empty string, and as a string over the
 * 2,048-byte key limit. Around them, 2,000 seeded valid changes on 30 keys, and on 20 more keys
 * valid puts and deletes interleaved with the poison ones, so a key's change after a poison record
 * must still apply, and a key whose last change is poison must keep its change before it.
 *
 * <p>Then: the replica equals the source on the workload's keys and the model on the others, each
 * poison record is in the quarantine exactly once with its content, and the trigger drains within
 * 120 seconds with nothing discarded. (Limit checks before the write, which a same-schema source
 * can never trip, are covered by {@code ReplicaWriterTest}.)
 */
@ExtendWith(Seeds.class)
class ReplicationPoisonIT {

    private static final int VALID_CHANGES = 2_000;
    private static final int POISON_KEYS = 20;
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(120);

    static Stream<Named<Long>> seeds() {
        return Seeds.from(11);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void replica_withPoisonInterleaved_appliesEveryValidChange_andQuarantinesEveryPoisonRecord(long seed,
            @TempDir Path work) throws Exception {
        FunctionFaults faults = FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=" + seed);
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("ReplicaFunction", faults).start()) {
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            createReplicaWithItsOwnIndex(dynamoDb);
            Deployment deployment = cloud.deploy(Path.of("template.yaml"), "repl-poison", Map.of(),
                    function -> function.logicalId().equals("ReplicaFunction"), UnaryOperator.identity());
            Random random = new Random(seed);
            LogfileWorkload workload = new LogfileWorkload(seed, 30);
            Map<String, Map<String, AttributeValue>> expected = new HashMap<>();
            Map<String, AttributeValue> poisonWritten = new HashMap<>();
            int counter = 0;
            for (int valid = 0; valid < VALID_CHANGES; ) {
                if (random.nextInt(5) > 0) {
                    workload.step(dynamoDb, "logfile");
                    valid++;
                    continue;
                }
                String pk = "poison#" + random.nextInt(POISON_KEYS);
                String n = String.valueOf(counter++);
                switch (random.nextInt(5)) {
                    case 0, 1 -> {
                        AttributeValue triage = IndexKeyPoison.draw(random);
                        dynamoDb.putItem(b -> b.tableName("logfile").item(item(pk, n, triage)));
                        poisonWritten.put(n, triage);
                    }
                    case 2, 3 -> {
                        Map<String, AttributeValue> item = item(pk, n, AttributeValue.fromS("ok"));
                        dynamoDb.putItem(b -> b.tableName("logfile").item(item));
                        expected.put(pk, item);
                        valid++;
                    }
                    default -> {
                        dynamoDb.deleteItem(b -> b.tableName("logfile").key(Map.of("PK", AttributeValue.fromS(pk))));
                        expected.remove(pk);
                        valid++;
                    }
                }
            }

            assertThat(cloud.awaitIdle(DRAIN_BOUND)).as("drained within %s", DRAIN_BOUND).isTrue();
            Map<String, Map<String, AttributeValue>> source = ReplicaComparison.items(dynamoDb, "logfile");
            Map<String, Map<String, AttributeValue>> replica = ReplicaComparison.items(dynamoDb, "logfile_replica");
            source.keySet().removeIf(pk -> pk.startsWith("poison#"));
            expected.putAll(source);
            assertThat(replica).isEqualTo(expected);

            S3Quarantine quarantine = LocalQuarantine.of(cloud, deployment, "ReplicaFunction");
            Map<String, String> quarantined = new HashMap<>();
            for (String key : quarantine.keys(ReplicaHandler.QUARANTINE_FOLDER)) {
                QuarantinedRecord record = quarantine.read(key);
                assertThat(record.violation()).hasValueSatisfying(violation -> assertThat(violation).startsWith("triage"));
                JsonNode image = new ObjectMapper().readTree(record.record()).path("dynamodb").path("NewImage");
                assertThat(quarantined.put(image.path("n").path("N").asText(), IndexKeyPoison.content(image.path("triage"))))
                        .isNull();
            }
            assertThat(poisonWritten).isNotEmpty();
            assertThat(quarantined).hasSameSizeAs(poisonWritten);
            poisonWritten.forEach((n, triage) -> assertThat(quarantined.get(n)).as("poison record n=%s", n)
                    .isEqualTo(IndexKeyPoison.content(triage)));
            assertThat(cloud.triggers()).singleElement().satisfies(trigger -> {
                assertThat(trigger.status().counts().functionErrors()).isPositive();
                assertThat(trigger.status().counts().recordsDiscarded()).isZero();
            });
        }
    }

    private static Map<String, AttributeValue> item(String pk, String n, AttributeValue triage) {
        return Map.of("PK", AttributeValue.fromS(pk), "n", AttributeValue.fromN(n), "triage", triage);
    }

    /** The template's replica plus an index of its own; the deployment leaves a table that exists alone. */
    private static void createReplicaWithItsOwnIndex(DynamoDbClient dynamoDb) {
        dynamoDb.createTable(b -> b.tableName("logfile_replica").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition("PK"), definition("GSI_1_PK"), definition("triage"))
                .keySchema(key -> key.attributeName("PK").keyType(KeyType.HASH))
                .globalSecondaryIndexes(
                        index -> index.indexName("GSI_1")
                                .keySchema(key -> key.attributeName("GSI_1_PK").keyType(KeyType.HASH))
                                .projection(projection -> projection.projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes("bytessent", "requestid", "host")),
                        index -> index.indexName("BY_TRIAGE")
                                .keySchema(key -> key.attributeName("triage").keyType(KeyType.HASH))
                                .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY))));
    }

    private static AttributeDefinition definition(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }
}
