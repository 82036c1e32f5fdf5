package dev.ddbstreams.localcloud.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition.StartingPosition;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which shards a trigger reads, from where, and in which order, on a laid-out shard lineage. */
class ShardLineageTest {

    private final String run = "run-" + UUID.randomUUID();

    @Test
    void startingPositionLatest_skipsClosedShardsForGood_andReadsTheirOpenChildrenFromLatest()
            throws InterruptedException {
        ScriptedShardSource source = new ScriptedShardSource()
                .shard("parent", List.of(), true, "old-1", "old-2")
                .shard("child", List.of("parent"), false, "before-start");
        try (StreamTrigger trigger = trigger(source, TriggerSettings.defaults().startingPosition(StartingPosition.LATEST))) {
            trigger.start();
            assertThat(trigger.awaitIdle(Duration.ofSeconds(30))).isTrue();
            source.append("child", "after-start");

            assertThat(trigger.awaitIdle(Duration.ofSeconds(30))).isTrue();

            assertThat(InvocationLog.idsDelivered(run)).containsExactly("after-start");
            assertThat(trigger.status().shards()).extracting(TriggerStatus.ShardPosition::shardId)
                    .containsExactly("child");
        }
    }

    @Test
    void mergedShard_waitsForBothParents() throws InterruptedException {
        // The second parent is held open, so the child must not start when the first one ends.
        ScriptedShardSource source = new ScriptedShardSource()
                .shard("parent-a", List.of(), true, "a-1", "a-2")
                .shard("parent-b", List.of(), false, "b-1")
                .shard("merged", List.of("parent-a", "parent-b"), false, "m-1");
        try (StreamTrigger trigger = trigger(source, TriggerSettings.defaults())) {
            trigger.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> InvocationLog.idsDelivered(run).size() == 3);
            Thread.sleep(10 * TriggerRig.POLL.toMillis());
            assertThat(InvocationLog.idsDelivered(run)).containsExactlyInAnyOrder("a-1", "a-2", "b-1");

            source.close("parent-b");

            await().atMost(Duration.ofSeconds(30)).until(() -> InvocationLog.idsDelivered(run).size() == 4);
            assertThat(InvocationLog.idsDelivered(run).get(3)).isEqualTo("m-1");
        }
    }

    private StreamTrigger trigger(ScriptedShardSource source, TriggerSettings settings) {
        // A generous timeout: a timed-out cold start on a loaded machine would deliver a batch twice.
        FunctionDefinition function = new FunctionDefinition("Fn", "fn-lineage", ScriptedHandler.class.getName(),
                Map.of("RUN", run), Duration.ofSeconds(60), 512, "java21", List.of());
        return new StreamTrigger(settings.build("Lineage"), function.functionName(), source, new DynamoDbRecordFlavour(),
                () -> new LocalFunction(function, "us-east-1", Map.of(), FunctionFaults.NONE, InstantSource.system()),
                FailureDestination.NONE, InstantSource.system(), TriggerRig.POLL);
    }
}
