package dev.ddbstreams.localcloud.firehose;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;

/** The live counters behind {@link FirehoseStats}; safe to update from several threads. */
final class StatsCounters {

    final AtomicLong putRecordCalls = new AtomicLong();
    final AtomicLong putRecordBatchCalls = new AtomicLong();
    final AtomicLong rejectedCalls = new AtomicLong();
    final AtomicLong throttledCalls = new AtomicLong();
    final AtomicLong recordsReceived = new AtomicLong();
    final AtomicLong bytesReceived = new AtomicLong();
    final AtomicLong recordsFailed = new AtomicLong();
    final AtomicLong recordsAccepted = new AtomicLong();
    final AtomicLong bytesAccepted = new AtomicLong();
    final AtomicLong billedBytes = new AtomicLong();
    final AtomicLong objectsWritten = new AtomicLong();
    final AtomicLong objectBytesWritten = new AtomicLong();
    final AtomicLong deliveryErrors = new AtomicLong();
    private final LongAccumulator largestCallRecords = new LongAccumulator(Math::max, 0);
    private final LongAccumulator largestCallBytes = new LongAccumulator(Math::max, 0);

    void callSeen(long records, long bytes) {
        largestCallRecords.accumulate(records);
        largestCallBytes.accumulate(bytes);
    }

    void accepted(long bytes) {
        recordsAccepted.incrementAndGet();
        bytesAccepted.addAndGet(bytes);
        billedBytes.addAndGet(FirehoseStats.billedSize(bytes));
    }

    FirehoseStats snapshot() {
        return new FirehoseStats(putRecordCalls.get(), putRecordBatchCalls.get(), rejectedCalls.get(),
                throttledCalls.get(), recordsReceived.get(), bytesReceived.get(), recordsFailed.get(),
                recordsAccepted.get(), bytesAccepted.get(), billedBytes.get(), objectsWritten.get(),
                objectBytesWritten.get(), deliveryErrors.get(), largestCallRecords.get(), largestCallBytes.get());
    }
}
