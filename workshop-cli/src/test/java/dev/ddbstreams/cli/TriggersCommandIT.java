package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.LocalCloud;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./workshop triggers} on the status a serve writes: per trigger, the records its function
 * quarantined and its iterator age.
 */
class TriggersCommandIT {

    private static final Path AGGREGATION = Path.of("..", "aggregation", "template.yaml");

    @Test
    void print_whenTheFunctionQuarantinedRecords_showsHowMany(@TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            cloud.deploy(AGGREGATION, "workshop-aggregation", Map.of(),
                    function -> !function.logicalId().equals("NaiveVoteCounterFunction"), trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            vote(dynamoDb, "1", "SOUTH", "MORE_TREES");
            // A sort key of 1,100 bytes: no total can ever hold it.
            vote(dynamoDb, "2", "SOUTH", "MORE_TREES-" + "x".repeat(1_100));
            vote(dynamoDb, "3", "NORTH", "x".repeat(1_200));
            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();

            String printed = printedStatus(cloud, work);

            assertThat(printed).contains("workshop-aggregation-VoteCounterFunction <- votes")
                    .contains("  quarantined records: 2 (s3://workshop-aggregation-quarantinebucket/"
                            + "VoteCounterFunction/)")
                    .contains("workshop-aggregation-StatisticsFunction <- measurements")
                    .contains("  quarantined records: 0 (s3://workshop-aggregation-quarantinebucket/"
                            + "StatisticsFunction/)")
                    .containsPattern("VoteCounterFunction <- votes\\n(  .*\\n)*  iterator age: \\d+ ms at the latest invocation\\n")
                    .containsPattern("StatisticsFunction <- measurements\\n(  .*\\n)*  iterator age: - \\(no batch delivered yet\\)\\n");
        }
    }

    private static String printedStatus(LocalCloud cloud, Path work) throws IOException {
        TriggerStatusFile statusFile = new TriggerStatusFile(work);
        statusFile.write(cloud);
        StringWriter out = new StringWriter();
        TriggersCommand.print(statusFile.read(), new PrintWriter(out));
        return out.toString();
    }

    private static void vote(DynamoDbClient dynamoDb, String id, String region, String improvement) {
        dynamoDb.putItem(b -> b.tableName("votes").item(Map.of("id", AttributeValue.fromS(id),
                "region", AttributeValue.fromS(region), "improvement", AttributeValue.fromS(improvement))));
    }
}
