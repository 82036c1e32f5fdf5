package dev.ddbstreams.localcloud.trigger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The live counters of one trigger, updated by its shard readers and lanes as things happen;
 * {@link #snapshot()} copies them into the {@link TriggerStatus} that status reports show.
 */
final class TriggerCounters {

    final AtomicLong recordsRead = new AtomicLong();
    final AtomicLong recordsFilteredOut = new AtomicLong();
    final AtomicLong recordsProcessed = new AtomicLong();
    final AtomicLong invocations = new AtomicLong();
    final AtomicLong functionErrors = new AtomicLong();
    final AtomicLong timeouts = new AtomicLong();
    final AtomicLong partialFailures = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong bisections = new AtomicLong();
    final AtomicLong duplicateDeliveries = new AtomicLong();
    final AtomicLong batchesDiscarded = new AtomicLong();
    final AtomicLong recordsDiscarded = new AtomicLong();
    final AtomicLong iteratorRenewals = new AtomicLong();
    final AtomicReference<String> lastResult = new AtomicReference<>("no invocation yet");
    /** A gauge, not a count: the IteratorAge of the latest invocation with records; null before one. */
    final AtomicReference<Duration> iteratorAge = new AtomicReference<>();

    TriggerStatus.Counts snapshot() {
        return new TriggerStatus.Counts(recordsRead.get(), recordsFilteredOut.get(), recordsProcessed.get(),
                invocations.get(), functionErrors.get(), timeouts.get(), partialFailures.get(), retries.get(),
                bisections.get(), duplicateDeliveries.get(), batchesDiscarded.get(), recordsDiscarded.get(),
                iteratorRenewals.get());
    }
}
