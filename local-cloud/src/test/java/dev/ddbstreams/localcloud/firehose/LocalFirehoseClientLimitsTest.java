package dev.ddbstreams.localcloud.firehose;

import static dev.ddbstreams.localcloud.firehose.Records.batch;
import static dev.ddbstreams.localcloud.firehose.Records.copies;
import static dev.ddbstreams.localcloud.firehose.Records.ofSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

class LocalFirehoseClientLimitsTest {

    private static final String STREAM = "archive";

    @TempDir
    Path bucket;

    private LocalFirehoseClient firehose;

    @BeforeEach
    void start() {
        firehose = LocalFirehoseClient.builder().deliveryStream(DeliveryStreamConfig.of(STREAM, bucket)).build();
    }

    @AfterEach
    void stop() {
        firehose.close();
    }

    @Test
    void putRecordBatch_when501Records_rejectsWholeCallLikeAws() {
        assertThatThrownBy(() -> firehose.putRecordBatch(batch(STREAM, copies(ofSize(10), 501))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("1 validation error detected")
                .hasMessageContaining("at 'records' failed to satisfy constraint: Member must have length less than or equal to 500")
                .satisfies(e -> assertThat(((InvalidArgumentException) e).statusCode()).isEqualTo(400))
                .satisfies(e -> assertThat(((InvalidArgumentException) e).awsErrorDetails().errorCode())
                        .isEqualTo("InvalidArgumentException"));
        assertThat(firehose.stats().rejectedCalls()).isEqualTo(1);
        assertThat(firehose.stats().recordsAccepted()).isZero();
        assertThat(firehose.stats().largestCallRecords()).isEqualTo(501);
    }

    @Test
    void putRecordBatch_when500Records_acceptsAll() {
        PutRecordBatchResponse response = firehose.putRecordBatch(batch(STREAM, copies(ofSize(10), 500)));

        assertThat(response.failedPutCount()).isZero();
        assertThat(response.requestResponses()).hasSize(500).allSatisfy(entry -> assertThat(entry.recordId()).isNotBlank());
        assertThat(response.encrypted()).isFalse();
    }

    @Test
    void putRecordBatch_whenRecordsTotalMoreThan4MiB_rejectsWholeCall() {
        // Five records of 1,000 KiB: each within its limit, 5,120,000 bytes together.
        List<Record> records = copies(ofSize(PutLimits.MAX_RECORD_BYTES), 5);

        assertThatThrownBy(() -> firehose.putRecordBatch(batch(STREAM, records)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageStartingWith("Records size exceeds 4 MB limit");
        assertThat(firehose.stats().recordsReceived()).isZero();
    }

    @Test
    void putRecordBatch_whenRecordsTotalExactly4MiB_accepts() {
        List<Record> records = new ArrayList<>(copies(ofSize(PutLimits.MAX_RECORD_BYTES), 4));
        records.add(ofSize((int) (PutLimits.MAX_BATCH_BYTES - 4L * PutLimits.MAX_RECORD_BYTES)));

        PutRecordBatchResponse response = firehose.putRecordBatch(batch(STREAM, records));

        assertThat(response.failedPutCount()).isZero();
        assertThat(firehose.stats().bytesAccepted()).isEqualTo(4L * 1024 * 1024);
    }

    @Test
    void putRecordBatch_whenOneRecordIs1001KiB_rejectsWholeCallNamingTheRecord() {
        List<Record> records = List.of(ofSize(10), ofSize(1_025_024));

        assertThatThrownBy(() -> firehose.putRecordBatch(batch(STREAM, records)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at 'records.2.member.data' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 1024000");
        assertThat(firehose.stats().recordsAccepted()).isZero();
    }

    @Test
    void putRecordBatch_whenRecordIsExactly1000KiB_accepts() {
        PutRecordBatchResponse response = firehose.putRecordBatch(batch(STREAM, List.of(ofSize(1_024_000))));

        assertThat(response.failedPutCount()).isZero();
        assertThat(firehose.stats().bytesAccepted()).isEqualTo(1_024_000);
    }

    @Test
    void putRecordBatch_whenNoRecords_rejects() {
        assertThatThrownBy(() -> firehose.putRecordBatch(batch(STREAM, List.of())))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Member must have length greater than or equal to 1");
    }

    @Test
    void putRecord_whenRecordIs1001KiB_rejects() {
        assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName(STREAM).record(ofSize(1_025_024))))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("at 'record.data' failed to satisfy constraint");
    }

    @Test
    void putRecord_whenRecordIsExactly1000KiB_returnsRecordId() {
        String recordId = firehose.putRecord(b -> b.deliveryStreamName(STREAM).record(ofSize(1_024_000))).recordId();

        assertThat(recordId).isNotBlank();
        assertThat(firehose.stats().putRecordCalls()).isEqualTo(1);
    }

    @Test
    void putRecordBatch_whenStreamUnknown_throwsResourceNotFound() {
        assertThatThrownBy(() -> firehose.putRecordBatch(batch("no-such-stream", List.of(ofSize(1)))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Firehose no-such-stream under account 000000000000 not found.");
        assertThat(firehose.stats().rejectedCalls()).isEqualTo(1);
    }

    @Test
    void putRecord_whenStreamUnknown_throwsResourceNotFound() {
        assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName("nope").record(ofSize(1))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void stats_afterCalls_countBilledBytesIn5KbStepsPerRecord() {
        firehose.putRecordBatch(batch(STREAM, List.of(ofSize(1), ofSize(5_120), ofSize(5_121))));

        assertThat(firehose.stats().billedBytes()).isEqualTo(5_120 + 5_120 + 10_240);
        assertThat(firehose.stats().largestCallBytes()).isEqualTo(1 + 5_120 + 5_121);
    }
}
