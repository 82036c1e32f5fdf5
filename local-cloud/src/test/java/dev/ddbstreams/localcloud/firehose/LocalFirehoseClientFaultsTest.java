package dev.ddbstreams.localcloud.firehose;

import static dev.ddbstreams.localcloud.firehose.Records.batch;
import static dev.ddbstreams.localcloud.firehose.Records.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

class LocalFirehoseClientFaultsTest {

    private static final String STREAM = "archive";

    @TempDir
    Path bucket;

    private LocalFirehoseClient firehose(String faults) {
        return LocalFirehoseClient.builder()
                .deliveryStream(DeliveryStreamConfig.of(STREAM, bucket))
                .faults(FirehoseFaults.parse(faults))
                .build();
    }

    @Test
    void putRecordBatch_whenFirstRecordsFail_returnsIndexAlignedErrorEntries() {
        try (LocalFirehoseClient firehose = firehose("first=2")) {
            PutRecordBatchResponse response = firehose.putRecordBatch(batch(STREAM, lines("a", 5)));

            BatchResponses.assertFirstThrottled(response, 2, 5);
            assertThat(firehose.stats().recordsFailed()).isEqualTo(2);
            assertThat(firehose.stats().recordsAccepted()).isEqualTo(3);
        }
    }

    @Test
    void putRecordBatch_whenFailureFractionSet_failsSomeRecordsReproduciblyBySeed() {
        List<Integer> failedFirstRun = failedIndexes("records=0.3,seed=42,code=mixed");
        List<Integer> failedSecondRun = failedIndexes("records=0.3,seed=42,code=mixed");

        assertThat(failedFirstRun).isNotEmpty().hasSizeLessThan(500).isEqualTo(failedSecondRun);
    }

    @Test
    void putRecordBatch_whenMixedCodes_usesBothFirehoseErrorCodes() {
        try (LocalFirehoseClient firehose = firehose("records=1,seed=7,code=mixed")) {
            PutRecordBatchResponse response = firehose.putRecordBatch(batch(STREAM, lines("m", 100)));

            assertThat(response.failedPutCount()).isEqualTo(100);
            assertThat(response.requestResponses()).extracting(PutRecordBatchResponseEntry::errorCode)
                    .containsOnly("ServiceUnavailableException", "InternalFailure")
                    .contains("ServiceUnavailableException", "InternalFailure");
        }
    }

    @Test
    void putRecordBatch_whenFailedEntriesResent_deliversEveryRecordOnce() throws Exception {
        try (LocalFirehoseClient firehose = firehose("first=3")) {
            List<software.amazon.awssdk.services.firehose.model.Record> records = lines("r", 10);
            PutRecordBatchResponse first = firehose.putRecordBatch(batch(STREAM, records));
            List<software.amazon.awssdk.services.firehose.model.Record> failed = IntStream.range(0, records.size())
                    .filter(i -> first.requestResponses().get(i).errorCode() != null)
                    .mapToObj(records::get).toList();

            PutRecordBatchResponse resent = firehose.putRecordBatch(batch(STREAM, failed));

            assertThat(resent.failedPutCount()).isZero();
            assertThat(firehose.stats().recordsAccepted()).isEqualTo(10);
        }
    }

    @Test
    void putRecordBatch_whenThrottled_throwsSlowDownAndAcceptsNothing() {
        try (LocalFirehoseClient firehose = firehose("throttle=1")) {
            assertThatThrownBy(() -> firehose.putRecordBatch(batch(STREAM, lines("t", 3))))
                    .isInstanceOf(ServiceUnavailableException.class)
                    .hasMessageStartingWith("Slow down.")
                    .satisfies(e -> assertThat(((ServiceUnavailableException) e).awsErrorDetails().errorCode())
                            .isEqualTo("ServiceUnavailableException"));
            assertThat(firehose.stats().throttledCalls()).isEqualTo(1);
            assertThat(firehose.stats().recordsReceived()).isZero();
        }
    }

    @Test
    void putRecord_whenRecordFails_throwsItsErrorCodeAsException() {
        try (LocalFirehoseClient firehose = firehose("first=1")) {
            assertThatThrownBy(() -> firehose.putRecord(b -> b.deliveryStreamName(STREAM).record(Records.line("x"))))
                    .isInstanceOf(ServiceUnavailableException.class);
        }
    }

    @Test
    void failNextRecords_whenCalledDuringRun_failsThatManyNextRecords() {
        try (LocalFirehoseClient firehose = firehose("none")) {
            firehose.failNextRecords(1);

            PutRecordBatchResponse response = firehose.putRecordBatch(batch(STREAM, lines("n", 3)));

            assertThat(response.failedPutCount()).isEqualTo(1);
            assertThat(response.requestResponses().get(0).errorCode()).isEqualTo("ServiceUnavailableException");
        }
    }

    private List<Integer> failedIndexes(String faults) {
        try (LocalFirehoseClient firehose = firehose(faults)) {
            PutRecordBatchResponse response = firehose.putRecordBatch(batch(STREAM, lines("s", 500)));
            List<Integer> failed = IntStream.range(0, 500)
                    .filter(i -> response.requestResponses().get(i).errorCode() != null).boxed().toList();
            assertThat(response.failedPutCount()).isEqualTo(failed.size());
            return failed;
        }
    }
}
