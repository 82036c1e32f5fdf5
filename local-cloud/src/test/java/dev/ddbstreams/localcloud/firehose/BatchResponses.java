package dev.ddbstreams.localcloud.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;

/** What the tests check of a PutRecordBatch answer, through the SDK or in process alike. */
final class BatchResponses {

    private BatchResponses() {
    }

    /** The first {@code failed} entries throttled, the rest accepted, index-aligned with the request. */
    static void assertFirstThrottled(PutRecordBatchResponse response, int failed, int total) {
        assertThat(response.failedPutCount()).isEqualTo(failed);
        assertThat(response.requestResponses()).hasSize(total);
        assertThat(response.requestResponses().subList(0, failed)).allSatisfy(entry -> {
            assertThat(entry.errorCode()).isEqualTo("ServiceUnavailableException");
            assertThat(entry.errorMessage()).isEqualTo("Slow down.");
            assertThat(entry.recordId()).isNull();
        });
        assertThat(response.requestResponses().subList(failed, total)).allSatisfy(entry -> {
            assertThat(entry.recordId()).isNotBlank();
            assertThat(entry.errorCode()).isNull();
        });
    }
}
