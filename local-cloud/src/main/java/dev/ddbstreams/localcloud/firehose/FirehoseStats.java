package dev.ddbstreams.localcloud.firehose;

/**
 * A snapshot of what the local Firehose has seen, for tests, benchmarks and the cost report.
 *
 * @param putRecordCalls PutRecord calls, including rejected and throttled ones
 * @param putRecordBatchCalls PutRecordBatch calls, including rejected and throttled ones
 * @param rejectedCalls calls rejected whole: InvalidArgumentException or ResourceNotFoundException
 * @param throttledCalls calls rejected whole with ServiceUnavailableException (injected)
 * @param recordsReceived records in calls that were neither rejected nor throttled
 * @param bytesReceived their data bytes
 * @param recordsFailed records answered with an error entry (injected)
 * @param recordsAccepted records buffered for delivery
 * @param bytesAccepted their data bytes
 * @param billedBytes what Firehose would bill for the accepted records: each rounded up to 5 KB
 * @param objectsWritten objects written to the bucket folder
 * @param objectBytesWritten their size on disk (after compression)
 * @param deliveryErrors failed attempts to write an object (the data stays buffered)
 * @param largestCallRecords the most records seen in one call, rejected calls included
 * @param largestCallBytes the most data bytes seen in one call, rejected calls included
 */
public record FirehoseStats(long putRecordCalls, long putRecordBatchCalls, long rejectedCalls, long throttledCalls,
        long recordsReceived, long bytesReceived, long recordsFailed, long recordsAccepted, long bytesAccepted,
        long billedBytes, long objectsWritten, long objectBytesWritten, long deliveryErrors, long largestCallRecords,
        long largestCallBytes) {

    /** Firehose bills ingestion per record in steps of 5 KB (5,120 bytes). */
    public static final int BILLING_STEP_BYTES = 5_120;

    public long calls() {
        return putRecordCalls + putRecordBatchCalls;
    }

    /** The billed size of one record: rounded up to the next 5 KB step, at least one step. */
    public static long billedSize(long recordBytes) {
        long steps = Math.max(1, (recordBytes + BILLING_STEP_BYTES - 1) / BILLING_STEP_BYTES);
        return steps * BILLING_STEP_BYTES;
    }
}
