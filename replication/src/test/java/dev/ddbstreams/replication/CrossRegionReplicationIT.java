package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.replication.workload.LogfileWorkload;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * One-way cross-region replication on two DynamoDB Locals standing for us-east-1 and us-west-2:
 * the same ReplicaHandler, told TARGET_REGION us-west-2, builds its client for that region and the
 * local cloud routes it there, as AWS routes a regional client. Faults as in ReplicationFaultsIT.
 */
class CrossRegionReplicationIT {

    @Test
    void replicaInAnotherRegion_underRetriesCrashesAndDuplicates_equalsTheSource(@TempDir Path work)
            throws InterruptedException {
        try (LocalCloud cloud = LocalCloud.builder().region(Region.US_EAST_1).additionalRegions(Region.US_WEST_2)
                .workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("CrossRegionReplicaFunction", FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=11"))
                .start()) {
            cloud.deploy(Path.of("cross-region/target.yaml"), "repl-west", Map.of(), Region.US_WEST_2);
            cloud.deploy(Path.of("cross-region/source.yaml"), "repl-east", Map.of("TargetRegion", "us-west-2"));
            DynamoDbClient east = cloud.dynamoDb(Region.US_EAST_1).dynamoDbClient();
            DynamoDbClient west = cloud.dynamoDb(Region.US_WEST_2).dynamoDbClient();

            new LogfileWorkload(11, 30).run(east, "logfile", 800);

            assertThat(cloud.awaitIdle(Duration.ofSeconds(90))).isTrue();
            ReplicaComparison.Differences differences = ReplicaComparison.compare(east, "logfile", west, "logfile_replica");
            assertThat(differences.none()).as(differences.toString()).isTrue();
            assertThat(differences.sourceItems()).isPositive();
            assertThat(east.listTables().tableNames()).doesNotContain("logfile_replica");
            assertThat(west.listTables().tableNames()).doesNotContain("logfile");
        }
    }
}
