package dev.ddbstreams.localcloud.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Time, faults and re-discovery: the rules that need a clock, injected faults or an expiring iterator. */
class StreamTriggerFaultsIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    @Test
    void handler_seesTheRecordsOfTheStream_throughLambdasOwnSerialisation() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults(), ScriptedHandler.class, Map.of())) {
            rig.put("a");
            rig.put("a", 2);
            rig.dynamoDb.deleteItem(b -> b.tableName(rig.table).key(Map.of("id",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a"))));
            rig.start();

            assertThat(rig.awaitIdle()).isTrue();

            String streamArn = DYNAMODB.streamReader().streamArnOf(rig.table);
            List<ChangeRecord> fromStream = DYNAMODB.streamReader().readStream(streamArn).stream()
                    .map(r -> ChangeRecords.fromGetRecords(r, streamArn)).toList();
            List<ChangeRecord> seenByHandler = rig.invocations().stream().flatMap(s -> s.records().stream()).toList();
            assertThat(seenByHandler).hasSize(3).containsExactlyElementsOf(fromStream);
        }
    }

    @Test
    void tumblingWindow_carriesStateAcrossInvocations_andEndsWithAFinalInvoke() {
        SettableClock clock = new SettableClock();
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(2).tumblingWindow(Duration.ofSeconds(900)),
                WindowHandler.class, Map.of(), FunctionFaults.NONE, clock, DYNAMODB.streams(), Duration.ofSeconds(5))) {
            rig.putAll(5);
            rig.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> rig.idsDelivered().size() == 5);

            clock.advance(Duration.ofMinutes(20));

            await().atMost(Duration.ofSeconds(10)).until(() -> rig.invocations().stream()
                    .anyMatch(InvocationLog.Seen::finalForWindow));
            List<InvocationLog.Seen> seen = rig.invocations();
            assertThat(seen).extracting(s -> s.ids().size()).containsExactly(2, 2, 1, 0);
            assertThat(seen).extracting(s -> s.state().getOrDefault("count", "none"))
                    .containsExactly("none", "2", "4", "5");
            assertThat(seen.get(3).finalForWindow()).isTrue();
            assertThat(seen).extracting(InvocationLog.Seen::shardId).doesNotContainNull();
        }
    }

    @Test
    void tumblingWindow_stateOver1Mb_endsTheWindowEarly_withAFinalInvoke() {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(2).tumblingWindow(Duration.ofSeconds(900)),
                WindowHandler.class, Map.of("STATE_PADDING", Integer.toString(1_100_000)))) {
            rig.putAll(4);
            rig.start();

            // No clock moves: only the state's size can end the window within its 900 seconds.
            await().atMost(Duration.ofSeconds(20)).until(() -> rig.invocations().size() == 4);

            List<InvocationLog.Seen> seen = rig.invocations();
            assertThat(seen).extracting(s -> s.ids().size()).containsExactly(2, 0, 2, 0);
            assertThat(seen).extracting(InvocationLog.Seen::finalForWindow).containsExactly(false, true, false, true);
            assertThat(seen).extracting(InvocationLog.Seen::windowTerminatedEarly)
                    .containsExactly(false, true, false, true);
            // The window goes on with a fresh state after it was ended early.
            assertThat(seen).extracting(s -> s.state().getOrDefault("count", "none"))
                    .containsExactly("none", "2", "none", "2");
        }
    }

    @Test
    void recordAge_whenExceeded_discardsRecordsToTheDestination_withoutInvoking() throws InterruptedException {
        SettableClock clock = new SettableClock();
        clock.advance(Duration.ofMinutes(5));
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().maximumRecordAge(Duration.ofSeconds(60)),
                ScriptedHandler.class, Map.of(), FunctionFaults.NONE, clock, DYNAMODB.streams(), Duration.ofSeconds(5))) {
            assertThat(rig.processAll(3)).isTrue();

            assertThat(rig.invocations()).isEmpty();
            assertThat(rig.failureRecords).singleElement()
                    .satisfies(r -> assertThat(r.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded"))
                    .satisfies(r -> assertThat(r.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(3));
        }
    }

    @Test
    void expiredIterator_isRenewedAfterTheLastRecordRead_withoutLossOrRepeat() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(3), ScriptedHandler.class,
                Map.of(), FunctionFaults.NONE, InstantSource.system(),
                new ExpiringStreamsClient(DYNAMODB.streams(), 3), Duration.ofSeconds(5))) {
            assertThat(rig.processAll(3)).isTrue();
            rig.put("item-003");
            rig.put("item-004");

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.idsDelivered()).containsExactly("item-000", "item-001", "item-002", "item-003", "item-004");
            assertThat(rig.trigger.status().counts().iteratorRenewals()).isEqualTo(1);
        }
    }

    @Test
    void crashAfterCommit_redeliversBatchesWhoseWritesAlreadyHappened() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(1), ScriptedHandler.class,
                Map.of(), new FunctionFaults(0, 0.5, 0, 0, 0, 7), InstantSource.system(), DYNAMODB.streams(),
                Duration.ofSeconds(5))) {
            assertThat(rig.processAll(20)).isTrue();

            List<String> delivered = rig.idsDelivered();
            assertThat(delivered).containsAll(TriggerRigIds.of(20));
            assertThat(delivered.size()).isGreaterThan(20);
            assertThat(rig.trigger.status().counts().recordsProcessed()).isEqualTo(20);
        }
    }

    @Test
    void duplicateDelivery_deliversEachBatchTwice() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(5), ScriptedHandler.class,
                Map.of(), new FunctionFaults(0, 0, 0, 1, 0, 1), InstantSource.system(), DYNAMODB.streams(),
                Duration.ofSeconds(5))) {
            assertThat(rig.processAll(5)).isTrue();

            assertThat(rig.invocations()).hasSize(2);
            assertThat(rig.invocations().get(1).ids()).isEqualTo(rig.invocations().get(0).ids());
            assertThat(rig.trigger.status().counts().duplicateDeliveries()).isEqualTo(1);
        }
    }

    @Test
    void timeout_failsTheInvocation_andCountsAsAnAttempt() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().maximumRetryAttempts(1),
                ScriptedHandler.class, Map.of("SLEEP_MILLIS", "1500"), FunctionFaults.NONE, InstantSource.system(),
                DYNAMODB.streams(), Duration.ofSeconds(1))) {
            rig.put("slow");
            rig.start();

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.trigger.status().counts().timeouts()).isEqualTo(2);
            assertThat(rig.trigger.status().lastResult()).contains("Task timed out after 1.0 seconds");
            assertThat(rig.failureRecords).singleElement()
                    .satisfies(r -> assertThat(r.at("/requestContext/condition").asText())
                            .isEqualTo("RetryAttemptsExhausted"));
        }
    }
}
