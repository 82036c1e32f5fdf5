package dev.ddbstreams.localcloud.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The event source mapping contract (Lambda guide, "Using AWS Lambda with Amazon DynamoDB":
 * https://docs.aws.amazon.com/lambda/latest/dg/with-ddb.html), one rule per test, on DynamoDB Local's real stream.
 */
class StreamTriggerIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    @Test
    void delivery_inStreamOrder_inBatchesOfAtMostBatchSize() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(7), ScriptedHandler.class,
                Map.of())) {
            assertThat(rig.processAll(30)).isTrue();

            assertThat(rig.idsDelivered()).containsExactlyElementsOf(TriggerRigIds.of(30));
            assertThat(rig.invocations()).allSatisfy(seen -> assertThat(seen.ids()).hasSizeBetween(1, 7));
            assertThat(rig.trigger.status().counts().recordsProcessed()).isEqualTo(30);
        }
    }

    @Test
    void failedBatch_isRetriedWithTheSameRecords_untilItSucceeds() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(10),
                ScriptedHandler.class, Map.of("FAIL_FIRST", "3"))) {
            assertThat(rig.processAll(10)).isTrue();

            List<InvocationLog.Seen> seen = rig.invocations();
            assertThat(seen).hasSize(4);
            assertThat(seen).extracting(InvocationLog.Seen::sequenceNumbers).containsOnly(seen.get(0).sequenceNumbers());
            assertThat(rig.trigger.status().counts().retries()).isEqualTo(3);
            assertThat(rig.failureRecords).isEmpty();
        }
    }

    @Test
    void iteratorAge_whenABatchIsRetried_growsWithTheTimeItsRecordsWait() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(10),
                ScriptedHandler.class, Map.of("FAIL_FIRST", "3"))) {
            assertThat(rig.trigger.status().iteratorAge()).isEmpty();

            assertThat(rig.processAll(10)).isTrue();

            // The fourth attempt comes after three growing pauses (2, 4 and 8 polls of 50 ms).
            assertThat(rig.trigger.status().iteratorAge()).hasValueSatisfying(age ->
                    assertThat(age).isGreaterThanOrEqualTo(TriggerRig.POLL.multipliedBy(14)));
        }
    }

    @Test
    void retryLimit_whenExhausted_sendsBatchInfoToTheDestination_andMovesOn() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(5).maximumRetryAttempts(2),
                ScriptedHandler.class, Map.of("POISON", "item-002"))) {
            assertThat(rig.processAll(5)).isTrue();
            rig.put("item-later");
            assertThat(rig.awaitIdle()).isTrue();

            // 1 attempt + 2 retries of the poisoned batch, then the next record.
            assertThat(rig.invocations()).hasSize(4);
            assertThat(rig.invocations().get(3).ids()).containsExactly("item-later");
            assertThat(rig.failureRecords).hasSize(1);
            var failure = rig.failureRecords.get(0);
            assertThat(failure.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
            assertThat(failure.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(3);
            assertThat(failure.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(5);
            assertThat(failure.at("/DDBStreamBatchInfo/startSequenceNumber").asText())
                    .isEqualTo(rig.invocations().get(0).sequenceNumbers().get(0));
            assertThat(failure.at("/DDBStreamBatchInfo/endSequenceNumber").asText())
                    .isEqualTo(rig.invocations().get(0).sequenceNumbers().get(4));
            assertThat(failure.at("/DDBStreamBatchInfo/streamArn").asText()).contains("table/" + rig.table + "/stream/");
            assertThat(failure.at("/DDBStreamBatchInfo/shardId").asText()).isNotBlank();
            assertThat(rig.trigger.status().counts().recordsDiscarded()).isEqualTo(5);
        }
    }

    @Test
    void bisect_isolatesThePoisonRecord_andDeliversEveryOther() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(8).bisect().maximumRetryAttempts(0),
                ScriptedHandler.class, Map.of("POISON", "item-005"))) {
            assertThat(rig.processAll(8)).isTrue();

            assertThat(rig.failureRecords).hasSize(1);
            assertThat(rig.failureRecords.get(0).at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
            assertThat(rig.trigger.status().counts().recordsProcessed()).isEqualTo(7);
            assertThat(rig.trigger.status().counts().bisections()).isEqualTo(3);
            // Each record outside the poisoned half is delivered successfully exactly once after the split.
            assertThat(rig.invocations().get(0).ids()).hasSize(8);
        }
    }

    @Test
    void partialBatchResponse_retriesFromTheReportedRecord_only() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(6).reportBatchItemFailures().maximumRetryAttempts(1),
                ScriptedHandler.class, Map.of("POISON", "item-003", "POISON_MODE", "report"))) {
            assertThat(rig.processAll(6)).isTrue();

            List<InvocationLog.Seen> seen = rig.invocations();
            assertThat(seen.get(0).ids()).containsExactlyElementsOf(TriggerRigIds.of(6));
            assertThat(seen.get(1).ids()).containsExactly("item-003", "item-004", "item-005");
            assertThat(rig.trigger.status().counts().recordsProcessed()).isEqualTo(3);
            assertThat(rig.failureRecords).hasSize(1);
            assertThat(rig.failureRecords.get(0).at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(3);
        }
    }

    @Test
    void partialBatchResponse_withBisect_splitsAtTheReportedRecord_andRetriesOnlyTheRest() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(5).reportBatchItemFailures().bisect().maximumRetryAttempts(1),
                ScriptedHandler.class, Map.of("POISON", "item-002", "POISON_MODE", "report"))) {
            assertThat(rig.processAll(5)).isTrue();

            // "The batch is bisected at the returned sequence number and Lambda retries only the
            // remaining records": the poison record stays first, so the records behind it are given up with it.
            List<InvocationLog.Seen> seen = rig.invocations();
            assertThat(seen).extracting(InvocationLog.Seen::ids).containsExactly(TriggerRigIds.of(5),
                    List.of("item-002", "item-003", "item-004"), List.of("item-002", "item-003", "item-004"));
            assertThat(rig.trigger.status().counts().recordsProcessed()).isEqualTo(2);
            assertThat(rig.failureRecords).singleElement()
                    .satisfies(r -> assertThat(r.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(3));
        }
    }

    @Test
    void malformedResponse_failsTheBatch_andTheShardGoesOn() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(5).reportBatchItemFailures().maximumRetryAttempts(1),
                MalformedResponseHandler.class, Map.of("POISON", "item-001"))) {
            assertThat(rig.processAll(3)).isTrue();
            rig.put("item-later");

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.invocations()).extracting(InvocationLog.Seen::ids)
                    .containsExactly(TriggerRigIds.of(3), TriggerRigIds.of(3), List.of("item-later"));
            assertThat(rig.failureRecords).hasSize(1);
            TriggerStatus status = rig.trigger.status();
            assertThat(status.counts().functionErrors()).isEqualTo(2);
            assertThat(status.counts().recordsProcessed()).isEqualTo(1);
            assertThat(status.lastResult()).contains("success");
            assertThat(status.shards()).noneMatch(shard -> shard.state().startsWith("failed"));
        }
    }

    @Test
    void payload_isCutBeforeTheRecordThatWouldPass6Mb() throws InterruptedException {
        // Items of about 350 KB: 17 fit in 6 MB (6,291,456 bytes), 18 do not.
        String large = "x".repeat(350_000);
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(100).batchingWindow(Duration.ofSeconds(3)),
                ScriptedHandler.class, Map.of())) {
            for (int i = 0; i < 20; i++) {
                String id = String.format("item-%03d", i);
                rig.dynamoDb.putItem(b -> b.tableName(rig.table).item(Map.of("id", AttributeValue.fromS(id),
                        "payload", AttributeValue.fromS(large))));
            }
            rig.start();

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.invocations()).extracting(seen -> seen.ids().size()).containsExactly(17, 3);
            assertThat(rig.idsDelivered()).containsExactlyElementsOf(TriggerRigIds.of(20));
        }
    }

    @Test
    void partialBatchResponse_withSeveralFailures_retriesFromTheLowestSequenceNumber() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(6).reportBatchItemFailures().maximumRetryAttempts(0),
                ScriptedHandler.class, Map.of("POISON", "item-002", "POISON_MODE", "report-two"))) {
            assertThat(rig.processAll(6)).isTrue();

            // item-005 is reported too, but the checkpoint is the lowest: item-002. With no retries
            // left, the records from item-002 on go to the destination; item-000 and item-001 are done.
            assertThat(rig.trigger.status().counts().recordsProcessed()).isEqualTo(2);
            assertThat(rig.failureRecords).singleElement().satisfies(r -> {
                assertThat(r.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(4);
                assertThat(r.at("/DDBStreamBatchInfo/startSequenceNumber").asText())
                        .isEqualTo(rig.invocations().get(0).sequenceNumbers().get(2));
            });
        }
    }

    @Test
    void partialBatchResponse_whenSettingIsOff_isIgnored() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(6),
                ScriptedHandler.class, Map.of("POISON", "item-003", "POISON_MODE", "report"))) {
            assertThat(rig.processAll(6)).isTrue();

            assertThat(rig.invocations()).hasSize(1);
            assertThat(rig.trigger.status().counts().recordsProcessed()).isEqualTo(6);
        }
    }

    @Test
    void partialBatchResponse_withUnknownIdentifier_failsTheWholeBatch() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(4).reportBatchItemFailures().maximumRetryAttempts(1),
                ScriptedHandler.class, Map.of("POISON", "item-002", "POISON_MODE", "report-unknown"))) {
            assertThat(rig.processAll(4)).isTrue();

            assertThat(rig.invocations()).hasSize(2);
            assertThat(rig.invocations().get(1).ids()).containsExactlyElementsOf(TriggerRigIds.of(4));
            assertThat(rig.failureRecords.get(0).at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(4);
        }
    }

    @Test
    void filters_deliverOnlyMatchingRecords_andMovePastTheOthers() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults()
                .filters("{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"NewImage\":{\"region\":{\"S\":[\"SOUTH\"]}}}}"),
                ScriptedHandler.class, Map.of())) {
            rig.put("s-1");
            rig.put("n-1");
            rig.put("s-2");
            rig.put("s-1", 2);
            rig.start();

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.idsDelivered()).containsExactly("s-1", "s-2");
            assertThat(rig.trigger.status().counts().recordsFilteredOut()).isEqualTo(2);
        }
    }

    @Test
    void batchingWindow_gathersRecordsWrittenOverTime_intoOneBatch() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(100).batchingWindow(Duration.ofSeconds(2)),
                ScriptedHandler.class, Map.of())) {
            rig.start();
            rig.putOverTime(5);

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.invocations()).hasSize(1);
            assertThat(rig.invocations().get(0).ids()).hasSize(5);
        }
    }

    @Test
    void withoutBatchingWindow_recordsWrittenOverTime_goInSeveralBatches() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults().batchSize(100),
                ScriptedHandler.class, Map.of())) {
            rig.start();
            rig.putOverTime(5);

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.invocations().size()).isGreaterThan(1);
            assertThat(rig.idsDelivered()).hasSize(5);
        }
    }

    @Test
    void parallelizationFactor_keepsOrderPerItemKey() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB,
                TriggerSettings.defaults().batchSize(5).parallelizationFactor(4),
                ScriptedHandler.class, Map.of("SLEEP_MILLIS", "20"))) {
            List<String> expected = new ArrayList<>();
            for (int version = 1; version <= 5; version++) {
                for (int key = 0; key < 8; key++) {
                    rig.put("key-" + key, version);
                    expected.add("key-" + key);
                }
            }
            rig.start();

            assertThat(rig.awaitIdle()).isTrue();

            List<String> delivered = rig.idsDelivered();
            assertThat(delivered).hasSize(40);
            // Versions of one key arrive in the order they were written, whichever lane ran them.
            for (int key = 0; key < 8; key++) {
                String id = "key-" + key;
                assertThat(rig.invocations().stream().flatMap(s -> s.ids().stream()).filter(id::equals)).hasSize(5);
            }
            assertThat(sequenceOrderPerKey(rig)).isTrue();
        }
    }

    @Test
    void startingPositionLatest_skipsRecordsWrittenBeforeTheTriggerStarted() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults()
                .startingPosition(dev.ddbstreams.localcloud.template.StreamTriggerDefinition.StartingPosition.LATEST),
                ScriptedHandler.class, Map.of())) {
            rig.put("before");
            rig.start();
            assertThat(rig.awaitIdle()).isTrue();
            rig.put("after");

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.idsDelivered()).containsExactly("after");
        }
    }

    @Test
    void context_remainingTime_followsTheFunctionTimeout() throws InterruptedException {
        try (TriggerRig rig = new TriggerRig(DYNAMODB, TriggerSettings.defaults(), ScriptedHandler.class, Map.of())) {
            rig.put("a");
            rig.start();

            assertThat(rig.awaitIdle()).isTrue();

            assertThat(rig.invocations().get(0).remainingMillis()).isBetween(4_000, 5_000);
        }
    }

    private static boolean sequenceOrderPerKey(TriggerRig rig) {
        Map<String, java.math.BigInteger> last = new java.util.HashMap<>();
        for (InvocationLog.Seen seen : rig.invocations()) {
            for (int i = 0; i < seen.ids().size(); i++) {
                java.math.BigInteger sequence = new java.math.BigInteger(seen.sequenceNumbers().get(i));
                java.math.BigInteger previous = last.put(seen.ids().get(i), sequence);
                if (previous != null && previous.compareTo(sequence) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
