package dev.ddbstreams.replication;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.dynamodb.BatchWriteSender;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * ReplicaWriter's batching, one-write-per-key and failure point, on Lambda event fixtures and a
 * stand-in for BatchWriteItem ({@link FakeReplicaTable}).
 */
class ReplicaWriterTest {

    private static final String REPLICA = "logfile_replica";

    private final FakeReplicaTable table = new FakeReplicaTable(REPLICA);
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<Kept> quarantined = new ArrayList<>();
    private final List<DynamodbEvent.DynamodbStreamRecord> unreadable = new ArrayList<>();
    private final ReplicaWriter writer = writer(false);

    @Test
    void apply_insert_putsTheNewImage() {
        DynamodbEvent event = event("replica-insert.json");

        StreamsEventResponse response = writer.apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(table.items()).containsOnlyKeys("request#104009");
        assertThat(table.items().get("request#104009")).isEqualTo(newImage(event, 0))
                .containsEntry("bytessent", AttributeValue.fromN("6493"))
                .containsEntry("url", AttributeValue.fromS("/wiki/Zürich"));
    }

    @Test
    void apply_modify_replacesTheWholeItem() {
        Map<String, AttributeValue> stale = new LinkedHashMap<>(newImage(event("replica-insert.json"), 0));
        stale.put("leftover", AttributeValue.fromS("only on the replica"));
        table.put(stale);
        DynamodbEvent event = event("replica-modify.json");

        writer.apply(event.getRecords());

        assertThat(table.items().get("request#104009")).isEqualTo(newImage(event, 0))
                .containsEntry("servererror", AttributeValue.fromS("5xx"))
                .doesNotContainKey("leftover");
    }

    @Test
    void apply_remove_deletesTheItem() {
        table.put(newImage(event("replica-insert.json"), 0));

        StreamsEventResponse response = writer.apply(event("replica-remove.json").getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(table.items()).isEmpty();
    }

    @Test
    void apply_ttlRemove_deletesTheItem() {
        table.put(newImage(event("replica-insert.json"), 0));

        writer.apply(event("replica-ttl-remove.json").getRecords());

        assertThat(table.items()).isEmpty();
    }

    @Test
    void apply_ttlRemove_whenSkippingTtlDeletes_keepsTheItem() {
        table.put(newImage(event("replica-insert.json"), 0));

        StreamsEventResponse response = writer(true).apply(event("replica-ttl-remove.json").getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(table.items()).containsOnlyKeys("request#104009");
        assertThat(table.requests()).isEmpty();
    }

    @Test
    void apply_remove_whenSkippingTtlDeletes_stillDeletesAUsersDelete() {
        table.put(newImage(event("replica-insert.json"), 0));

        writer(true).apply(event("replica-remove.json").getRecords());

        assertThat(table.items()).isEmpty();
    }

    @Test
    void apply_everyAttributeType_copiesItExactly() {
        DynamodbEvent event = event("replica-all-types.json");

        writer.apply(event.getRecords());

        Map<String, AttributeValue> item = table.items().get("request#types");
        assertThat(item).isEqualTo(newImage(event, 0));
        assertThat(item.get("big").n()).isEqualTo("12345678901234567890.123456789012345678");
        assertThat(item.get("tiny").n()).isEqualTo("1E-130");
        assertThat(item.get("scores").ns()).containsExactly("1.5", "-2", "100000000000000000000");
        assertThat(item.get("blob").b()).isEqualTo(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 254, (byte) 255}));
        assertThat(item.get("blobs").bs()).hasSize(2);
        assertThat(item.get("tags").ss()).containsExactly("a", "b", "ü");
        assertThat(item.get("emptyList").l()).isEmpty();
        assertThat(item.get("emptyList").hasL()).isTrue();
        assertThat(item.get("emptyMap").hasM()).isTrue();
        assertThat(item.get("nothing").nul()).isTrue();
        assertThat(item.get("flag").bool()).isTrue();
        assertThat(item.get("nested").m().get("list").l()).hasSize(4);
    }

    @Test
    void apply_largeBatch_writesEachKeyOnceInCallsOf25_inTheOrderOfTheirLastChange() {
        // 60 records over 40 keys: k0..k19 change twice (records i and i+40), k20..k39 once.
        DynamodbEvent event = event("replica-large-batch.json");

        StreamsEventResponse response = writer.apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(table.requests()).extracting(List::size).containsExactly(25, 15);
        assertThat(table.requests().get(0)).startsWith("request#900020").endsWith("request#900004");
        assertThat(table.requests().get(1)).startsWith("request#900005").endsWith("request#900019");
        assertThat(table.items()).isEqualTo(replayOneByOne(event));
        assertThat(table.items()).doesNotContainKeys("request#900000", "request#900005", "request#900010",
                "request#900015");
        assertThat(table.items().get("request#900001")).containsEntry("bytessent", AttributeValue.fromN("41"));
    }

    @Test
    void apply_recordThatIsNotAChangeRecord_isQuarantinedAsLambdaSentIt_andTheBatchGoesOn() {
        // A NEW_IMAGE stream's INSERT without a NewImage: it does not read as a change record.
        DynamodbEvent event = event("replica-poison.json");

        StreamsEventResponse response = writer.apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(table.items()).containsOnlyKeys("request#1", "request#3");
        assertThat(quarantined).isEmpty();
        assertThat(unreadable).singleElement().isSameAs(event.getRecords().get(1));
    }

    @Test
    void apply_recordThatIsNotAChangeRecord_whenTheQuarantineFails_appliesTheRecordsBeforeIt_andReportsIt() {
        ReplicaWriter failingQuarantine = new ReplicaWriter(new BatchWriteSender(table, backoff()), REPLICA, false,
                DynamoDbLimits.forTable("PK"), (record, failure) -> quarantined.add(new Kept(record, failure)));

        StreamsEventResponse response = failingQuarantine.apply(event("replica-poison.json").getRecords());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("4421584500000000017450400202");
        assertThat(table.items()).containsOnlyKeys("request#1");
    }

    @Test
    void apply_insertWithoutNewImage_onAKeysOnlyStream_isQuarantined() {
        StreamsEventResponse response = writer.apply(event("replica-keys-only.json").getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(quarantined).extracting(kept -> kept.record().sequenceNumber())
                .containsExactly("4421584500000000017450400301");
        assertThat(table.requests()).isEmpty();
    }

    @Test
    void apply_whenTheQuarantineFails_reportsThePoisonRecord() {
        ReplicaWriter failingQuarantine = new ReplicaWriter(new BatchWriteSender(table, backoff()), REPLICA, false,
                DynamoDbLimits.forTable("PK"), (record, failure) -> {
                    throw new IllegalStateException("S3 unreachable");
                });

        StreamsEventResponse response = failingQuarantine.apply(event("replica-keys-only.json").getRecords());

        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly("4421584500000000017450400301");
    }

    @Test
    void apply_keyOverTheLimit_isQuarantinedBeforeAnyWrite_andTheKeysEarlierChangeStays() {
        DynamodbEvent event = event("replica-large-batch.json");
        // Record 45 is k5's last change (a delete): a key of 2,049 bytes can never be written.
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> keys =
                event.getRecords().get(45).getDynamodb().getKeys();
        keys.put("PK", new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue()
                .withS("k".repeat(DynamoDbLimits.MAX_PARTITION_KEY_BYTES + 1)));

        StreamsEventResponse response = writer.apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(quarantined).singleElement().satisfies(kept -> assertThat(kept.failure().violation()).isPresent());
        assertThat(table.requests()).flatExtracting(keysOfCall -> keysOfCall).noneMatch(pk -> pk.startsWith("kkk"));
    }

    @Test
    void apply_writeDynamoDbRefuses_isFoundAlone_quarantined_andTheBatchAppliedWithoutIt() {
        table.refuse("request#900020");
        DynamodbEvent event = event("replica-large-batch.json");

        StreamsEventResponse response = writer.apply(event.getRecords());

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(quarantined).singleElement().satisfies(kept -> {
            assertThat(kept.record().keys().string("PK")).isEqualTo("request#900020");
            assertThat(kept.failure().reason()).contains("ValidationException");
        });
        Map<String, Map<String, AttributeValue>> expected = replayOneByOne(event);
        expected.remove("request#900020");
        assertThat(table.items()).isEqualTo(expected);
    }

    @Test
    void apply_whenAWriteStaysUnprocessed_reportsTheFirstRecordOfItsKey_andKeepsWhatWasApplied() {
        table.neverProcess("request#900007");
        DynamodbEvent event = event("replica-large-batch.json");

        StreamsEventResponse response = writer.apply(event.getRecords());

        // k7's first change is record 7: records 0..6 are applied (their keys' writes succeeded).
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(7).getDynamodb().getSequenceNumber());
        assertThat(table.items()).doesNotContainKey("request#900007");
        assertThat(table.items()).containsKeys("request#900001", "request#900006", "request#900020");
        assertThat(table.requests()).extracting(List::size).containsExactly(25, 15, 1, 1, 1);
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void apply_whenACallFails_resumesAtTheEarliestRecordOfItsKeys_andSendsNothingAfterIt() {
        table.failCallsWith("request#900020");
        DynamodbEvent event = event("replica-large-batch.json");

        StreamsEventResponse response = writer.apply(event.getRecords());

        // The first call holds k20..k39 and k0..k4, whose earliest record is record 0: nothing applied.
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getDynamodb().getSequenceNumber());
        assertThat(table.requests()).hasSize(1);
        assertThat(table.items()).isEmpty();
    }

    @Test
    void apply_whenTheSecondCallFails_resumesAtTheFirstRecordNotOnTheReplica() {
        table.failCallsWith("request#900019");
        DynamodbEvent event = event("replica-large-batch.json");

        StreamsEventResponse response = writer.apply(event.getRecords());

        // The second call holds k5..k19: records 0..4 (k0..k4) are on the replica, record 5 is not.
        assertThat(response.getBatchItemFailures()).extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(5).getDynamodb().getSequenceNumber());
        assertThat(table.items()).containsKeys("request#900001", "request#900004").doesNotContainKey("request#900005");
    }

    @Test
    void apply_afterAFailure_theRedeliveryFromTheReportedRecord_leavesTheReplicaEqualToTheSource() {
        table.neverProcess("request#900007");
        DynamodbEvent event = event("replica-large-batch.json");
        StreamsEventResponse response = writer.apply(event.getRecords());
        String resumeAt = response.getBatchItemFailures().get(0).getItemIdentifier();
        FakeReplicaTable healed = new FakeReplicaTable(REPLICA);
        table.items().values().forEach(healed::put);

        int from = IntStream.range(0, event.getRecords().size())
                .filter(i -> event.getRecords().get(i).getDynamodb().getSequenceNumber().equals(resumeAt))
                .findFirst().orElseThrow();
        StreamsEventResponse retried = writer(false, healed).apply(event.getRecords().subList(from, event.getRecords().size()));

        assertThat(retried.getBatchItemFailures()).isEmpty();
        assertThat(healed.items()).isEqualTo(replayOneByOne(event));
    }

    @Test
    void plan_writesOncePerKey_andRemembersTheKeysFirstAndLastRecord() {
        KeyedBatch<WriteRequest> plan = ReplicaWriter.plan(event("replica-large-batch.json").getRecords(), false);

        assertThat(plan.writes()).hasSize(40);
        assertThat(plan.readUpTo()).isEqualTo(60);
        KeyedBatch.KeyWrite<WriteRequest> k5 = plan.writes().stream()
                .filter(write -> write.key().get("PK").s().equals("request#900005")).findFirst().orElseThrow();
        assertThat(k5.firstIndex()).isEqualTo(5);
        assertThat(k5.lastIndex()).isEqualTo(45);
        assertThat(k5.write().deleteRequest()).isNotNull();
    }

    private ReplicaWriter writer(boolean skipTtlDeletes) {
        return writer(skipTtlDeletes, table);
    }

    private ReplicaWriter writer(boolean skipTtlDeletes, FakeReplicaTable target) {
        return new ReplicaWriter(new BatchWriteSender(target, backoff()), REPLICA, skipTtlDeletes,
                DynamoDbLimits.forTable("PK"), new Quarantine() {
                    @Override
                    public void keep(ChangeRecord record, Failure failure) {
                        quarantined.add(new Kept(record, failure));
                    }

                    @Override
                    public void keepUnreadable(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
                        unreadable.add(record);
                    }
                });
    }

    private RetryBackoff backoff() {
        return new RetryBackoff(Duration.ofMillis(10), Duration.ofMillis(100), 4, new Random(1), sleeps::add);
    }

    private record Kept(ChangeRecord record, Failure failure) {
    }

    private static DynamodbEvent event(String fixture) {
        return EventLoader.loadDynamoDbEvent("events/" + fixture);
    }

    private static Map<String, AttributeValue> newImage(DynamodbEvent event, int index) {
        return ChangeRecords.fromLambda(event.getRecords().get(index)).requireNewImage().attributes();
    }

    /** What the replica should hold: every record applied on its own, in order. */
    private static Map<String, Map<String, AttributeValue>> replayOneByOne(DynamodbEvent event) {
        Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
        for (var record : ChangeRecords.fromEvent(event)) {
            String pk = record.keys().string("PK");
            if (record.newImage().isPresent()) {
                items.put(pk, record.newImage().get().attributes());
            } else {
                items.remove(pk);
            }
        }
        return items;
    }
}
