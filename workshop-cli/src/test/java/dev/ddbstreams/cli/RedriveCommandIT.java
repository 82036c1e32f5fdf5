package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.LocalCloud;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code ./workshop redrive} against a serve's status file (this JVM plays the serve): what it prints and returns. */
class RedriveCommandIT {

    @Test
    void redrive_whenARecordStillFails_printsItsReasonAndExitsOne(@TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            cloud.deploy(Path.of("..", "aggregation", "template.yaml"), "workshop-aggregation", Map.of(),
                    function -> function.logicalId().equals("VoteCounterFunction"), trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            dynamoDb.putItem(b -> b.tableName("votes").item(Map.of("id", AttributeValue.fromS("poison-1"),
                    "region", AttributeValue.fromS("SOUTH"), "improvement", AttributeValue.fromS("x".repeat(1_100)))));
            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();
            new TriggerStatusFile(work).write(cloud);

            StringWriter dryRun = new StringWriter();
            int dryRunExit = command(work, dryRun).execute("VoteCounterFunction", "--dry-run");
            StringWriter out = new StringWriter();
            int exit = command(work, out).execute("workshop-aggregation-VoteCounterFunction");
            StringWriter unknown = new StringWriter();
            int unknownExit = command(work, unknown).execute("NoSuchFunction");

            assertThat(dryRunExit).isZero();
            assertThat(dryRun.toString())
                    .contains("workshop-aggregation-VoteCounterFunction: quarantined records: 1 "
                            + "(s3://workshop-aggregation-quarantinebucket/VoteCounterFunction/)")
                    .containsPattern("would redrive +\\S+ VoteCounterFunction/\\S+\\.json: "
                            + "quarantined for: .*improvement")
                    .contains("1 would be redriven (dry run: nothing invoked)");
            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).containsPattern("still fails +\\S+ \\S+: quarantined again: .*improvement")
                    .contains("0 redriven, 1 still failing");
            assertThat(unknownExit).isNotZero();
            assertThat(cloud.quarantine("workshop-aggregation-VoteCounterFunction").orElseThrow().count()).isOne();
        }
    }

    private static CommandLine command(Path work, StringWriter out) {
        return new CommandLine(new RedriveCommand(work)).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(new StringWriter(), true));
    }
}
