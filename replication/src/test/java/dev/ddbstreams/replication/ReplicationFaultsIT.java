package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.testing.Seeds;
import dev.ddbstreams.replication.workload.LogfileWorkload;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The module's own template on the local cloud, with Lambda's delivery at its worst: invocations
 * that fail before the handler, fail after its writes committed, and batches delivered twice. After
 * a seeded mix of puts, updates and deletes on 30 keys (each key changes about 80 times, often
 * several times in one batch), the replica must equal the source item for item, every time.
 * 2,400 changes on 30 keys a seed. Only ReplicaFunction runs (the naive one has its own test cost).
 */
@ExtendWith(Seeds.class)
class ReplicationFaultsIT {

    static Stream<Named<Long>> seeds() {
        return Seeds.from(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void replica_underRetriesCrashesAndDuplicates_equalsTheSource(long seed, @TempDir Path work)
            throws InterruptedException {
        FunctionFaults faults = FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=" + seed);
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("ReplicaFunction", faults).start()) {
            cloud.deploy(Path.of("template.yaml"), "repl-it", Map.of(),
                    function -> function.logicalId().equals("ReplicaFunction"), UnaryOperator.identity());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            LogfileWorkload.Mix mix = new LogfileWorkload(seed, 30).run(dynamoDb, "logfile", 2_400);

            assertThat(cloud.awaitIdle(Duration.ofSeconds(90))).isTrue();
            assertThat(mix.deletes()).isPositive();
            ReplicaComparison.Differences differences = ReplicaComparison.compare(dynamoDb, "logfile", "logfile_replica");
            assertThat(differences.none()).as(differences.toString()).isTrue();
            assertThat(differences.sourceItems()).isPositive();
            assertThat(cloud.triggers()).singleElement().satisfies(trigger -> {
                assertThat(trigger.status().counts().functionErrors()).isPositive();
                assertThat(trigger.status().counts().recordsDiscarded()).isZero();
            });
        }
    }
}
