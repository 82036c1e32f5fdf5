package dev.ddbstreams.localcloud.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

class LocalKinesisClientTest {

    private static final String STREAM = "scores";
    /** 2^128 - 1: the last hash key, where a one-shard stream's range ends (DescribeStream on AWS). */
    private static final String MAX_KEY = "340282366920938463463374607431768211455";

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T10:00:00Z"));
    private final LocalKinesisClient kinesis = LocalKinesisClient.builder().clock(now::get).build();

    @Test
    void createStream_withOneShard_coversTheWholeHashKeySpace() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));

        Shard shard = kinesis.listShards(b -> b.streamName(STREAM)).shards().get(0);

        assertThat(shard.shardId()).isEqualTo("shardId-000000000000");
        assertThat(shard.hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(shard.hashKeyRange().endingHashKey()).isEqualTo(MAX_KEY);
    }

    @Test
    void createStream_withSeveralShards_splitsTheRangeEvenly() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(4));

        List<String> ranges = kinesis.listShards(b -> b.streamName(STREAM)).shards().stream()
                .map(s -> s.hashKeyRange().startingHashKey() + ".." + s.hashKeyRange().endingHashKey()).toList();

        // Each start is floor(i * 2^128 / 4); the midpoint is where SplitShard's guide example splits a full range.
        assertThat(ranges).containsExactly(
                "0..85070591730234615865843651857942052863",
                "85070591730234615865843651857942052864..170141183460469231731687303715884105727",
                "170141183460469231731687303715884105728..255211775190703847597530955573826158591",
                "255211775190703847597530955573826158592.." + MAX_KEY);
    }

    @Test
    void putRecord_goesToTheShardHoldingTheMd5OfItsPartitionKey() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(4));

        // MD5 as an unsigned 128-bit integer: "a" = 16955237001963240173058271559858726497 (shard 0),
        // "player-1" = 157897378145454983460875761877725361821 (1), "bob" = 2121640997...632 (2),
        // "player-3" = 329138617062232994442734224404874102108 (3).
        assertThat(HashKeyRange.hashOf("bob")).isEqualTo(new BigInteger("212164099741615454138234394844395612632"));
        assertThat(List.of("a", "player-1", "bob", "player-3")).extracting(key -> put(key, "x").shardId())
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002",
                        "shardId-000000000003");
    }

    @Test
    void putRecord_withExplicitHashKey_ignoresThePartitionKey() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));

        PutRecordResponse last = kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("a").explicitHashKey(MAX_KEY)
                .data(SdkBytes.fromUtf8String("x")));
        PutRecordResponse first = kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("player-3")
                .explicitHashKey("0").data(SdkBytes.fromUtf8String("x")));

        assertThat(last.shardId()).isEqualTo("shardId-000000000001");
        assertThat(first.shardId()).isEqualTo("shardId-000000000000");
        assertThatThrownBy(() -> kinesis.putRecord(b -> b.streamName(STREAM).partitionKey("a")
                .explicitHashKey(HashKeyRange.MAX_HASH_KEY.add(BigInteger.ONE).toString())
                .data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Invalid ExplicitHashKey");
    }

    @Test
    void sequenceNumbers_areDecimal_uniqueInTheStream_andIncreasingWithinAShard() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(2));
        List<PutRecordResponse> puts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            puts.add(put("key-" + i, "v" + i));
        }

        assertThat(puts).extracting(PutRecordResponse::sequenceNumber).doesNotHaveDuplicates()
                .allMatch(sequence -> sequence.matches("\\d{56}"));
        for (String shardId : List.of("shardId-000000000000", "shardId-000000000001")) {
            List<BigInteger> inShard = puts.stream().filter(p -> p.shardId().equals(shardId))
                    .map(p -> new BigInteger(p.sequenceNumber())).toList();
            assertThat(inShard).isNotEmpty().isSorted();
        }
    }

    @Test
    void getRecords_fromTrimHorizon_returnsRecordsInOrder_withArrivalTimes() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        put("k", "one");
        now.set(now.get().plusMillis(1500));
        put("k", "two");

        GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(iterator(ShardIteratorType.TRIM_HORIZON, null)));

        assertThat(page.records()).extracting(r -> r.data().asUtf8String()).containsExactly("one", "two");
        assertThat(page.records()).extracting(Record::approximateArrivalTimestamp)
                .containsExactly(Instant.parse("2026-12-05T10:00:00Z"), Instant.parse("2026-12-05T10:00:01.500Z"));
        assertThat(page.records()).extracting(Record::partitionKey).containsOnly("k");
        assertThat(page.millisBehindLatest()).isZero();
        assertThat(kinesis.getRecords(b -> b.shardIterator(page.nextShardIterator())).records()).isEmpty();
    }

    @Test
    void getShardIterator_eachType_startsWhereAwsSays() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        String first = put("k", "one").sequenceNumber();
        now.set(now.get().plusSeconds(10));
        put("k", "two");
        String latest = iterator(ShardIteratorType.LATEST, null);
        put("k", "three");

        assertThat(data(latest)).containsExactly("three");
        assertThat(data(iterator(ShardIteratorType.AT_SEQUENCE_NUMBER, first))).containsExactly("one", "two", "three");
        assertThat(data(iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, first))).containsExactly("two", "three");
        String atTimestamp = kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(Instant.parse("2026-12-05T10:00:05Z")))
                .shardIterator();
        assertThat(data(atTimestamp)).containsExactly("two", "three");
    }

    @Test
    void getShardIterator_withASequenceNumberOfAnotherShard_isInvalid() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(4));
        String inShardOne = put("player-1", "x").sequenceNumber();

        assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(inShardOne)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("did not come from this stream");
    }

    @Test
    void getRecords_afterFiveMinutes_throwsExpiredIterator() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        String iterator = iterator(ShardIteratorType.TRIM_HORIZON, null);

        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(kinesis.getRecords(b -> b.shardIterator(iterator)).records()).isEmpty();
        now.set(now.get().plusMillis(1));

        assertThatThrownBy(() -> kinesis.getRecords(b -> b.shardIterator(iterator)))
                .isInstanceOf(ExpiredIteratorException.class).hasMessageContaining("Iterator expired")
                .extracting(e -> ((ExpiredIteratorException) e).statusCode()).isEqualTo(400);
    }

    @Test
    void getRecords_withLimit_pagesAndReportsHowFarBehindItIs() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        put("k", "one");
        put("k", "two");
        now.set(now.get().plusSeconds(3));

        GetRecordsResponse page = kinesis.getRecords(b -> b.limit(1)
                .shardIterator(iterator(ShardIteratorType.TRIM_HORIZON, null)));

        assertThat(page.records()).extracting(r -> r.data().asUtf8String()).containsExactly("one");
        assertThat(page.millisBehindLatest()).isEqualTo(3000);
        assertThatThrownBy(() -> kinesis.getRecords(b -> b.limit(10_001).shardIterator(page.nextShardIterator())))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void partitionKey_mustHoldOneTo256Characters() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));

        assertThat(put("k".repeat(256), "x").shardId()).isEqualTo("shardId-000000000000");
        assertThatThrownBy(() -> put("k".repeat(257), "x")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("partitionKey");
        assertThatThrownBy(() -> put("", "x")).isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must have length between 1 and 256");
    }

    @Test
    void record_dataPlusPartitionKey_isAtMostOneMebibyte() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        int mebibyte = 1024 * 1024;

        assertThat(put("k", "x".repeat(mebibyte - 1)).sequenceNumber()).isNotNull();
        assertThatThrownBy(() -> put("kk", "x".repeat(mebibyte - 1)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("1048577 bytes");
    }

    @Test
    void putRecords_atMost500Records_andFiveMebibytes() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        List<PutRecordsRequestEntry> tooMany = Collections.nCopies(501, entry("k", "x"));
        List<PutRecordsRequestEntry> tooBig = Collections.nCopies(6, entry("k", "x".repeat(1000 * 1024)));

        assertThatThrownBy(() -> kinesis.putRecords(b -> b.streamName(STREAM).records(tooMany)))
                .isInstanceOf(ValidationException.class).hasMessageContaining("between 1 and 500");
        assertThatThrownBy(() -> kinesis.putRecords(b -> b.streamName(STREAM).records(tooBig)))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("5 MiB");
        assertThat(data(iterator(ShardIteratorType.TRIM_HORIZON, null))).as("a rejected call stores nothing").isEmpty();
    }

    @Test
    void putRecords_failedEntries_areIndexAligned_andNotStored() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        put("k", "zero");
        kinesis.failNextRecords(1);

        PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(STREAM)
                .records(entry("k", "one"), entry("k", "two"), entry("k", "three")));
        kinesis.failNextRecords(1);
        PutRecordsResponse second = kinesis.putRecords(b -> b.streamName(STREAM)
                .records(entry("k", "four"), entry("k", "five")));

        assertThat(response.failedRecordCount()).isEqualTo(1);
        assertThat(response.records().get(0).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(response.records().get(0).sequenceNumber()).isNull();
        assertThat(response.records().subList(1, 3)).allMatch(entry -> entry.errorCode() == null
                && entry.shardId().equals("shardId-000000000000"));
        assertThat(second.records()).extracting(e -> e.errorCode() != null).containsExactly(true, false);
        assertThat(data(iterator(ShardIteratorType.TRIM_HORIZON, null))).containsExactly("zero", "two", "three", "five");
    }

    @Test
    void unknownStream_andExistingStream_failAsOnAws() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));

        assertThatThrownBy(() -> kinesis.describeStream(b -> b.streamName("missing")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Stream missing under account 123456789012 not found.");
        assertThatThrownBy(() -> kinesis.createStream(b -> b.streamName(STREAM).shardCount(1)))
                .isInstanceOf(ResourceInUseException.class);
        assertThatThrownBy(() -> kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000001")
                .shardIteratorType(ShardIteratorType.LATEST))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void streamArn_namesTheStreamLikeItsName() {
        kinesis.createStream(b -> b.streamName(STREAM).shardCount(1));
        String arn = "arn:aws:kinesis:us-east-1:123456789012:stream/" + STREAM;

        kinesis.putRecord(b -> b.streamARN(arn).partitionKey("k").data(SdkBytes.fromUtf8String("x")));

        assertThat(kinesis.describeStreamSummary(b -> b.streamARN(arn)).streamDescriptionSummary().openShardCount())
                .isEqualTo(1);
        assertThat(kinesis.describeStream(b -> b.streamName(STREAM)).streamDescription().streamARN()).isEqualTo(arn);
    }

    @Test
    void listShards_pagesWithNextToken_andOnDemandStreamsStartWithFourShards() {
        kinesis.createStream(b -> b.streamName(STREAM).streamModeDetails(m -> m.streamMode(StreamMode.ON_DEMAND)));

        ListShardsResponse first = kinesis.listShards(b -> b.streamName(STREAM).maxResults(3));
        ListShardsResponse rest = kinesis.listShards(b -> b.nextToken(first.nextToken()));

        assertThat(first.shards()).hasSize(3);
        assertThat(rest.shards()).extracting(Shard::shardId).containsExactly("shardId-000000000003");
        assertThat(rest.nextToken()).isNull();
    }

    private PutRecordResponse put(String partitionKey, String data) {
        return kinesis.putRecord(b -> b.streamName(STREAM).partitionKey(partitionKey).data(SdkBytes.fromUtf8String(data)));
    }

    private static PutRecordsRequestEntry entry(String partitionKey, String data) {
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey).data(SdkBytes.fromUtf8String(data)).build();
    }

    private String iterator(ShardIteratorType type, String sequenceNumber) {
        return kinesis.getShardIterator(b -> b.streamName(STREAM).shardId("shardId-000000000000")
                .shardIteratorType(type).startingSequenceNumber(sequenceNumber)).shardIterator();
    }

    private List<String> data(String iterator) {
        return kinesis.getRecords(b -> b.shardIterator(iterator)).records().stream()
                .map(r -> r.data().asUtf8String()).toList();
    }
}
