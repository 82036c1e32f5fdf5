package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.replication.workload.LogfileWorkload;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** The replica's GSI_1 answers the queries the source's does, with the seed's INCLUDE projection. */
class ReplicaIndexIT {

    @Test
    void replicaGsi_byHost_findsWhatTheSourceFinds_withTheProjectedAttributesOnly(@TempDir Path work)
            throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            cloud.deploy(Path.of("template.yaml"), "repl-index-it", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            LogfileWorkload items = new LogfileWorkload(7, 0);
            for (int i = 0; i < 120; i++) {
                Map<String, AttributeValue> item = items.item("request#" + (200_000 + i));
                dynamoDb.putItem(b -> b.tableName("logfile").item(item));
            }
            dynamoDb.deleteItem(b -> b.tableName("logfile").key(Map.of("PK", AttributeValue.fromS("request#200000"))));

            assertThat(cloud.awaitIdle(Duration.ofSeconds(60))).isTrue();
            for (String host : LogfileWorkload.HOSTS) {
                assertThat(ReplicaComparison.countByHost(dynamoDb, "logfile_replica", host))
                        .as(host).isPositive()
                        .isEqualTo(ReplicaComparison.countByHost(dynamoDb, "logfile", host))
                        .isEqualTo(ReplicaComparison.countByHost(dynamoDb, "logfile_replica_naive", host));
            }
            String host = LogfileWorkload.HOSTS.get(0);
            QueryResponse page = dynamoDb.query(b -> b.tableName("logfile_replica").indexName("GSI_1").limit(1)
                    .keyConditionExpression("GSI_1_PK = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("host#" + host))));
            assertThat(page.items().get(0)).containsOnlyKeys(List.of("PK", "GSI_1_PK", "bytessent", "requestid", "host"));
        }
    }
}
