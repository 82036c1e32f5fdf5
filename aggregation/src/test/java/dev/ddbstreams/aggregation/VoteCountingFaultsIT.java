package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.aggregation.workload.VoteWorkload;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.testing.Seeds;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The module's own template on the local cloud, with Lambda's delivery at its worst: invocations
 * that fail before the handler, fail after its writes committed, and batches delivered twice. The
 * exact counter's totals must equal a recount of the votes every time; the seed's counter's must not.
 * 2,500 changes a seed.
 */
@ExtendWith(Seeds.class)
class VoteCountingFaultsIT {

    static Stream<Named<Long>> seeds() {
        return Seeds.from(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void totals_underRetriesCrashesAndDuplicates_equalARecount(long seed, @TempDir Path work)
            throws InterruptedException {
        FunctionFaults faults = FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=" + seed);
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("*", faults).start()) {
            cloud.deploy(Path.of("template.yaml"), "votes-it", Map.of());
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();

            VoteWorkload.Mix mix = new VoteWorkload(seed).run(dynamoDb, "votes", 2_500);

            assertThat(cloud.awaitIdle(Duration.ofSeconds(90))).isTrue();
            Map<String, BigDecimal> recount = VoteTotals.recount(dynamoDb, "votes");
            assertThat(mix.moves() + mix.withdrawals() + mix.invalid()).isPositive();
            assertThat(VoteTotals.read(dynamoDb, "total_votes")).isEqualTo(recount);
            assertThat(VoteTotals.read(dynamoDb, "total_votes_naive")).isNotEqualTo(recount);
            assertThat(cloud.triggers()).anySatisfy(trigger ->
                    assertThat(trigger.status().counts().functionErrors()).isPositive());
        }
    }
}
