package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.LocalCloud;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A known gap of DynamoDB Local, asserted so that we notice when it closes. DynamoDB trims leading
 * and trailing zeros of a number ("Leading and trailing zeroes are trimmed", Developer Guide, data
 * types). DynamoDB Local's stream record does, and so does a read after a PutItem; but a 38-digit
 * number written by UpdateItem's SET reads back as written, trailing zeros and all.
 * So the replica, written from the stream, reads back the trimmed form while the source reads back
 * the untrimmed one. The same number, so ReplicaComparison compares numbers as numbers.
 */
class DynamoDbLocalNumbersIT {

    /** 38 digits, the last two trailing zeros: seen in ReplicationFaultsIT's workload (an UpdateItem SET). */
    private static final String WRITTEN = "412.00000000000000000073088684023115400";
    private static final String TRIMMED = "412.000000000000000000730886840231154";

    @Test
    void updateItemSet_ofA38DigitNumber_keepsItsTrailingZerosInReads_butNotInTheStream(@TempDir Path work)
            throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            cloud.deploy(Path.of("template.yaml"), "numbers-it", Map.of(),
                    function -> function.logicalId().equals("ReplicaFunction"), trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            Map<String, AttributeValue> key = Map.of("PK", AttributeValue.fromS("request#1"));
            dynamoDb.updateItem(b -> b.tableName("logfile").key(key).updateExpression("SET bytessent = :b")
                    .expressionAttributeValues(Map.of(":b", AttributeValue.fromN(WRITTEN))));

            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();
            assertThat(dynamoDb.getItem(b -> b.tableName("logfile").key(key)).item().get("bytessent").n())
                    .isEqualTo(WRITTEN); // AWS would return TRIMMED
            assertThat(dynamoDb.getItem(b -> b.tableName("logfile_replica").key(key)).item().get("bytessent").n())
                    .isEqualTo(TRIMMED);
        }
    }
}
