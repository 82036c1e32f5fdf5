package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.destinations.InvocationRecord;
import dev.ddbstreams.localcloud.lambda.Invocation;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Takes one batch to its final outcome with Lambda's rules for a failed batch: drop records past
 * MaximumRecordAgeInSeconds, invoke, honour a partial batch response, bisect, retry the same
 * records with a growing pause, and give up when retries run out.
 */
final class BatchProcessor {

    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(1);

    private final int maximumRetryAttempts;
    private final Optional<Duration> maximumRecordAge;
    private final boolean bisectOnError;
    private final LocalFunction function;
    private final LambdaEventCodec codec;
    private final FailureRouter failures;
    private final Optional<TumblingWindow> window;
    private final TriggerCounters counters;
    private final InstantSource clock;
    private final Duration pollInterval;
    private final BooleanSupplier stopped;
    private final String shardId;

    BatchProcessor(int maximumRetryAttempts, Optional<Duration> maximumRecordAge, boolean bisectOnError,
            LocalFunction function, LambdaEventCodec codec, FailureRouter failures, Optional<TumblingWindow> window,
            TriggerCounters counters, InstantSource clock, Duration pollInterval, BooleanSupplier stopped,
            String shardId) {
        this.maximumRetryAttempts = maximumRetryAttempts;
        this.maximumRecordAge = maximumRecordAge;
        this.bisectOnError = bisectOnError;
        this.function = function;
        this.codec = codec;
        this.failures = failures;
        this.window = window;
        this.counters = counters;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.stopped = stopped;
        this.shardId = shardId;
    }

    void process(Batch batch) throws InterruptedException {
        int failedAttempts = 0;
        Batch current = batch;
        while (!stopped.getAsBoolean()) {
            current = withoutExpiredRecords(current);
            if (current.records().isEmpty() && !current.finalForWindow()) {
                return;
            }
            ObjectNode event = codec.event(current, window.map(TumblingWindow::state).orElse(null),
                    window.map(TumblingWindow::terminatedEarly).orElse(false));
            if (!current.records().isEmpty()) {
                counters.iteratorAge.set(Duration.between(current.last().readAt(), clock.instant()));
            }
            Invocation invocation = function.invoke(event.toString());
            counters.invocations.incrementAndGet();
            Outcome outcome = codec.outcome(invocation, current);
            count(invocation, outcome);
            counters.lastResult.set(describe(invocation, outcome, current));
            if (outcome instanceof Outcome.Succeeded success) {
                succeeded(current, current.records().size(), success.windowState());
                if (function.drawDuplicateDelivery()) {
                    counters.duplicateDeliveries.incrementAndGet();
                    function.invoke(event.toString());
                    counters.invocations.incrementAndGet();
                }
                return;
            }
            if (outcome instanceof Outcome.PartlyFailed partly && partly.firstFailed() > 0) {
                counters.partialFailures.incrementAndGet();
                succeeded(current, partly.firstFailed(), Optional.empty());
                current = current.withRecords(current.records().subList(partly.firstFailed(), current.records().size()));
                if (bisectOnError) {
                    // "The batch is bisected at the returned sequence number and Lambda retries only the
                    // remaining records": a split, which does not count against the retry quota.
                    counters.bisections.incrementAndGet();
                    failedAttempts = 0;
                    continue;
                }
            } else if (outcome instanceof Outcome.Failed && bisectOnError && current.records().size() > 1) {
                bisect(current);
                return;
            }
            failedAttempts++;
            // A window's final invoke is retried until it succeeds: Lambda pauses the shard meanwhile.
            if (!current.finalForWindow() && maximumRetryAttempts >= 0 && failedAttempts > maximumRetryAttempts) {
                failures.giveUp(current, InvocationRecord.Condition.RetryAttemptsExhausted, event,
                        Optional.of(invocation), failedAttempts);
                return;
            }
            counters.retries.incrementAndGet();
            Thread.sleep(retryDelay(failedAttempts).toMillis());
        }
    }

    /** Halves, first half first to keep order; each starts with a fresh retry count. */
    private void bisect(Batch batch) throws InterruptedException {
        List<PendingRecord> records = batch.records();
        int half = records.size() / 2;
        counters.bisections.incrementAndGet();
        process(batch.withRecords(records.subList(0, half)));
        process(batch.withRecords(records.subList(half, records.size())));
    }

    private void count(Invocation invocation, Outcome outcome) {
        if (invocation.status() == Invocation.Status.TIMEOUT) {
            counters.timeouts.incrementAndGet();
        } else if (outcome instanceof Outcome.Failed failed && failed.functionError()) {
            counters.functionErrors.incrementAndGet();
        }
    }

    private void succeeded(Batch batch, int count, Optional<ObjectNode> state) {
        counters.recordsProcessed.addAndGet(count);
        if (batch.inWindow()) {
            TumblingWindow open = window.orElseThrow();
            if (batch.finalForWindow()) {
                open.close();
            } else {
                state.ifPresent(open::keep);
            }
        }
    }

    /** Records older than MaximumRecordAgeInSeconds are not delivered: Lambda discards them. */
    private Batch withoutExpiredRecords(Batch batch) {
        if (maximumRecordAge.isEmpty() || batch.records().isEmpty()) {
            return batch;
        }
        Instant oldestAllowed = clock.instant().minus(maximumRecordAge.get());
        List<PendingRecord> expired = batch.records().stream().filter(r -> r.created().isBefore(oldestAllowed)).toList();
        if (expired.isEmpty()) {
            return batch;
        }
        Batch given = batch.withRecords(expired);
        failures.giveUp(given, InvocationRecord.Condition.RecordAgeExceeded, codec.event(given,
                window.map(TumblingWindow::state).orElse(null), false), Optional.empty(), 0);
        return batch.withRecords(batch.records().stream().filter(r -> !r.created().isBefore(oldestAllowed)).toList());
    }

    private String describe(Invocation invocation, Outcome outcome, Batch batch) {
        String records = batch.finalForWindow() ? "final invoke for window " + batch.windowStart()
                : batch.records().size() + " records";
        return clock.instant() + " " + records + " from shard " + shardId + ": " + outcome.why()
                + invocation.injectedFault().map(f -> " (injected fault: " + f + ")").orElse("");
    }

    private Duration retryDelay(int failedAttempts) {
        Duration delay = pollInterval.multipliedBy(1L << Math.min(failedAttempts, 10));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }
}
