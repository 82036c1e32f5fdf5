package dev.ddbstreams.localcloud.kinesis;

import dev.ddbstreams.localcloud.awsjson.AwsJsonEndpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * The endpoint through the real SDK {@link KinesisClient} over HTTP (AWS JSON 1.1), so what a
 * caller sees (exception classes, timestamps, blobs, index-aligned entries) is what the SDK makes
 * of the wire format. The SDK speaks CBOR to Kinesis unless {@code aws.cborEnabled} is false.
 */
class KinesisEndpointIT {

    private static String cborBefore;

    private final LocalKinesisClient local = LocalKinesisClient.builder().build();
    private final AwsJsonEndpoint endpoint = KinesisEndpoint.start(local);
    private final KinesisClient sdk = KinesisClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
            .build();

    @BeforeAll
    static void speakJson() {
        cborBefore = System.getProperty(LocalKinesis.CBOR_PROPERTY);
        System.setProperty(LocalKinesis.CBOR_PROPERTY, "false");
    }

    @AfterAll
    static void restoreCbor() {
        if (cborBefore == null) {
            System.clearProperty(LocalKinesis.CBOR_PROPERTY);
        } else {
            System.setProperty(LocalKinesis.CBOR_PROPERTY, cborBefore);
        }
    }

    @AfterEach
    void close() {
        sdk.close();
        endpoint.close();
    }

    @Test
    void putThenGet_roundTripsDataKeysAndArrivalTimes_overHttp() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        sdk.createStream(b -> b.streamName("scores").shardCount(2));

        PutRecordResponse put = sdk.putRecord(b -> b.streamName("scores").partitionKey("player-3")
                .data(SdkBytes.fromByteArray(new byte[] {0, (byte) 0xff, 'a'})));
        String iterator = sdk.getShardIterator(b -> b.streamName("scores").shardId(put.shardId())
                .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(put.sequenceNumber()))
                .shardIterator();
        GetRecordsResponse page = sdk.getRecords(b -> b.shardIterator(iterator));

        assertThat(put.shardId()).isEqualTo("shardId-000000000001");
        Record record = page.records().get(0);
        assertThat(record.data().asByteArray()).containsExactly(0, 0xff, 'a');
        assertThat(record.partitionKey()).isEqualTo("player-3");
        assertThat(record.sequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(record.approximateArrivalTimestamp()).isBetween(before, Instant.now());
        assertThat(page.millisBehindLatest()).isZero();
        assertThat(page.nextShardIterator()).isNotBlank();
    }

    @Test
    void putRecords_entriesComeBackIndexAligned_withFailedEntriesCounted() {
        sdk.createStream(b -> b.streamName("scores").shardCount(4));
        local.failNextRecords(1);

        PutRecordsResponse response = sdk.putRecords(b -> b.streamName("scores").records(
                entry("a"), entry("player-1"), entry("bob"), entry("player-3")));

        assertThat(response.failedRecordCount()).isEqualTo(1);
        assertThat(response.records()).extracting(e -> e.errorCode() == null ? e.shardId() : e.errorCode())
                .containsExactly("ProvisionedThroughputExceededException", "shardId-000000000001",
                        "shardId-000000000002", "shardId-000000000003");
    }

    @Test
    void describeAndListShards_overHttp_equalTheInProcessAnswers() {
        sdk.createStream(b -> b.streamName("scores").shardCount(3));

        StreamDescription description = sdk.describeStream(b -> b.streamName("scores")).streamDescription();

        assertThat(description).isEqualTo(local.describeStream(b -> b.streamName("scores")).streamDescription());
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(sdk.listShards(b -> b.streamName("scores")).shards())
                .isEqualTo(local.listShards(b -> b.streamName("scores")).shards());
        assertThat(sdk.describeStreamSummary(b -> b.streamName("scores")).streamDescriptionSummary())
                .isEqualTo(local.describeStreamSummary(b -> b.streamName("scores")).streamDescriptionSummary());
    }

    @Test
    void errors_comeBackAsTheSdksExceptionClasses() {
        sdk.createStream(b -> b.streamName("scores").shardCount(1));

        assertThatThrownBy(() -> sdk.putRecord(b -> b.streamName("missing").partitionKey("k")
                .data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("Stream missing under account");
        assertThatThrownBy(() -> sdk.putRecords(b -> b.streamName("scores")
                .records(List.of(PutRecordsRequestEntry.builder().partitionKey("k")
                        .data(SdkBytes.fromByteArray(new byte[5 * 1024 * 1024])).build()))))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> sdk.getRecords(b -> b.shardIterator("not-an-iterator")))
                .isInstanceOf(InvalidArgumentException.class).hasMessageContaining("Invalid ShardIterator");
        assertThatThrownBy(() -> sdk.putRecord(b -> b.streamName("scores").partitionKey("k".repeat(257))
                .data(SdkBytes.fromUtf8String("x"))))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> sdk.deleteStream(b -> b.streamName("scores")))
                .isInstanceOf(KinesisException.class).hasMessageContaining("DeleteStream is not supported");
    }

    private static PutRecordsRequestEntry entry(String partitionKey) {
        return PutRecordsRequestEntry.builder().partitionKey(partitionKey).data(SdkBytes.fromUtf8String("x")).build();
    }
}
