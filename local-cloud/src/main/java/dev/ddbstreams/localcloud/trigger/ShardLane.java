package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.destinations.InvocationRecord;
import dev.ddbstreams.localcloud.lambda.Invocation;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one shard's records (or, with ParallelizationFactor above 1, the records of the item
 * keys hashed to this lane) to the function, one batch at a time and in order, with Lambda's
 * rules for a failed batch: retry the same records, bisect, honour a partial batch response, give
 * up when retries or record age run out and tell the on-failure destination.
 */
final class ShardLane implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ShardLane.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(1);

    private final StreamTriggerDefinition settings;
    private final String shardId;
    private final String streamArn;
    private final LocalFunction function;
    private final FailureDestination destination;
    private final TriggerStats stats;
    private final InstantSource clock;
    private final Duration pollInterval;
    private final int capacity;

    private final Deque<PendingRecord> queue = new ArrayDeque<>();
    private final Deque<Batch> splitBatches = new ArrayDeque<>();
    private boolean inputFinished;
    private boolean busy;
    private boolean finished;
    private volatile boolean stopped;

    private Instant windowStart;
    private ObjectNode windowState = JSON.createObjectNode();

    ShardLane(StreamTriggerDefinition settings, String shardId, String streamArn, LocalFunction function,
            FailureDestination destination, TriggerStats stats, InstantSource clock, Duration pollInterval) {
        this.settings = settings;
        this.shardId = shardId;
        this.streamArn = streamArn;
        this.function = function;
        this.destination = destination;
        this.stats = stats;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.capacity = Math.max(4 * settings.batchSize(), 1_000);
    }

    /**
     * Called by the shard reader with one GetRecords page's records for this lane, in stream
     * order; waits while the lane is far behind. A page arrives whole, so a batch can hold all of it.
     */
    synchronized void offer(List<PendingRecord> records) throws InterruptedException {
        while (queue.size() >= capacity && !stopped) {
            wait(pollInterval.toMillis());
        }
        queue.addAll(records);
        notifyAll();
    }

    /** The shard has ended: once its records are delivered, the lane finishes (closing an open window). */
    synchronized void finishInput() {
        inputFinished = true;
        notifyAll();
    }

    /** Nothing waiting, nothing in flight, and no tumbling window still to close. */
    synchronized boolean idle() {
        return queue.isEmpty() && splitBatches.isEmpty() && !busy && windowStart == null;
    }

    synchronized boolean finished() {
        return finished;
    }

    void stop() {
        stopped = true;
        synchronized (this) {
            notifyAll();
        }
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                Batch batch = nextBatch();
                if (batch == null) {
                    if (finishedWhenDrained()) {
                        return;
                    }
                    continue;
                }
                deliver(batch);
                synchronized (this) {
                    busy = false;
                    notifyAll();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean finishedWhenDrained() {
        if (inputFinished && queue.isEmpty() && splitBatches.isEmpty() && windowStart == null) {
            finished = true;
            notifyAll();
            return true;
        }
        return false;
    }

    /** The next batch to deliver, or null when there is nothing yet (after waiting a poll interval). */
    private synchronized Batch nextBatch() throws InterruptedException {
        if (!splitBatches.isEmpty()) {
            busy = true;
            return splitBatches.pollFirst();
        }
        if (windowStart != null && windowMustClose()) {
            busy = true;
            return new Batch(List.of(), windowStart, true);
        }
        if (queue.isEmpty()) {
            wait(pollInterval.toMillis());
            return null;
        }
        busy = true;
        Instant deadline = clock.instant().plus(settings.maximumBatchingWindow());
        while (queue.size() < settings.batchSize() && !inputFinished && !stopped
                && clock.instant().isBefore(deadline)) {
            wait(Math.max(1, Math.min(pollInterval.toMillis(),
                    Duration.between(clock.instant(), deadline).toMillis())));
        }
        List<PendingRecord> records = new ArrayList<>();
        Instant window = settings.tumblingWindow().isPresent() ? windowOf(queue.peekFirst()) : null;
        while (!queue.isEmpty() && records.size() < settings.batchSize()
                && (window == null || windowOf(queue.peekFirst()).equals(window))) {
            records.add(queue.pollFirst());
        }
        notifyAll();
        if (window != null && windowStart == null) {
            windowStart = window;
            windowState = JSON.createObjectNode();
        }
        return new Batch(records, window, false);
    }

    /** A window closes when its time has passed, a later window's record is waiting, or the shard ended. */
    private boolean windowMustClose() {
        Instant end = windowStart.plus(settings.tumblingWindow().orElseThrow());
        boolean laterRecordWaiting = !queue.isEmpty() && !windowOf(queue.peekFirst()).equals(windowStart);
        boolean shardEnded = inputFinished && queue.isEmpty();
        return laterRecordWaiting || shardEnded || (queue.isEmpty() && !clock.instant().isBefore(end));
    }

    private Instant windowOf(PendingRecord record) {
        long size = settings.tumblingWindow().orElseThrow().getSeconds();
        long start = Math.floorDiv(record.readAt().getEpochSecond(), size) * size;
        return Instant.ofEpochSecond(start);
    }

    private void deliver(Batch batch) throws InterruptedException {
        int failedAttempts = 0;
        Batch current = batch;
        while (!stopped) {
            current = withoutExpiredRecords(current);
            if (current.records().isEmpty() && !current.finalForWindow()) {
                return;
            }
            ObjectNode event = eventFor(current);
            Invocation invocation = function.invoke(event.toString());
            stats.invocations.incrementAndGet();
            Outcome outcome = outcomeOf(invocation, current);
            stats.lastResult.set(describe(invocation, outcome, current));
            if (outcome.failedFrom() < 0) {
                succeeded(current, current.records().size(), outcome.state());
                if (function.drawDuplicateDelivery()) {
                    stats.duplicateDeliveries.incrementAndGet();
                    function.invoke(event.toString());
                    stats.invocations.incrementAndGet();
                }
                return;
            }
            if (outcome.failedFrom() > 0) {
                stats.partialFailures.incrementAndGet();
                succeeded(current, outcome.failedFrom(), Optional.empty());
                current = current.withRecords(current.records().subList(outcome.failedFrom(),
                        current.records().size()));
            } else if (settings.bisectBatchOnFunctionError() && current.records().size() > 1) {
                bisect(current);
                return;
            }
            failedAttempts++;
            // A window's final invoke is retried until it succeeds: Lambda pauses the shard meanwhile.
            if (!current.finalForWindow() && settings.maximumRetryAttempts() >= 0
                    && failedAttempts > settings.maximumRetryAttempts()) {
                giveUp(current, "RetryAttemptsExhausted", invocation, failedAttempts);
                return;
            }
            stats.retries.incrementAndGet();
            Thread.sleep(retryDelay(failedAttempts).toMillis());
        }
    }

    private void bisect(Batch batch) {
        List<PendingRecord> records = batch.records();
        int half = records.size() / 2;
        stats.bisections.incrementAndGet();
        synchronized (this) {
            // Splits do not count against the retry quota; the first half goes first to keep order.
            splitBatches.addFirst(batch.withRecords(records.subList(half, records.size())));
            splitBatches.addFirst(batch.withRecords(records.subList(0, half)));
        }
    }

    private void succeeded(Batch batch, int count, Optional<ObjectNode> state) {
        stats.recordsProcessed.addAndGet(count);
        if (batch.inWindow()) {
            state.ifPresent(s -> windowState = s);
            if (batch.finalForWindow()) {
                synchronized (this) {
                    windowStart = null;
                    windowState = JSON.createObjectNode();
                }
            }
        }
    }

    /** Records older than MaximumRecordAgeInSeconds are not delivered: Lambda discards them. */
    private Batch withoutExpiredRecords(Batch batch) {
        if (settings.maximumRecordAge().isEmpty() || batch.records().isEmpty()) {
            return batch;
        }
        Instant oldestAllowed = clock.instant().minus(settings.maximumRecordAge().get());
        List<PendingRecord> expired = batch.records().stream()
                .filter(r -> r.created().isBefore(oldestAllowed)).toList();
        if (expired.isEmpty()) {
            return batch;
        }
        giveUp(batch.withRecords(expired), "RecordAgeExceeded", null, 0);
        return batch.withRecords(batch.records().stream().filter(r -> !r.created().isBefore(oldestAllowed))
                .toList());
    }

    private void giveUp(Batch batch, String condition, Invocation lastInvocation, int invokeCount) {
        stats.batchesDiscarded.incrementAndGet();
        stats.recordsDiscarded.addAndGet(batch.records().size());
        LOG.warn("{} gave up on {} records of shard {} ({}): sequence numbers {} to {}", function.name(),
                batch.records().size(), shardId, condition, batch.records().get(0).sequenceNumber(),
                batch.records().get(batch.records().size() - 1).sequenceNumber());
        settings.onFailureDestination().ifPresent(target ->
                destination.send(target, failureRecord(batch, condition, lastInvocation, invokeCount), eventFor(batch)));
    }

    private InvocationRecord failureRecord(Batch batch, String condition, Invocation lastInvocation, int invokeCount) {
        List<PendingRecord> records = batch.records();
        PendingRecord first = records.get(0);
        PendingRecord last = records.get(records.size() - 1);
        return new InvocationRecord(
                new InvocationRecord.RequestContext(lastInvocation == null ? java.util.UUID.randomUUID().toString()
                        : lastInvocation.requestId(), function.arn(), InvocationRecord.Condition.valueOf(condition),
                        invokeCount),
                lastInvocation == null ? Optional.empty() : Optional.of("Unhandled"), clock.instant(),
                new InvocationRecord.BatchInfo(InvocationRecord.Source.DYNAMODB_STREAMS, shardId,
                        first.sequenceNumber(), last.sequenceNumber(), first.created(), last.created(),
                        records.size(), streamArn));
    }

    private ObjectNode eventFor(Batch batch) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode array = event.putArray("Records");
        batch.records().forEach(r -> array.add(r.json()));
        if (batch.inWindow()) {
            ObjectNode window = event.putObject("window");
            window.put("start", batch.windowStart().toString());
            window.put("end", batch.windowStart().plus(settings.tumblingWindow().orElseThrow()).toString());
            event.set("state", windowState.deepCopy());
            event.put("shardId", shardId);
            event.put("eventSourceARN", streamArn);
            event.put("isFinalInvokeForWindow", batch.finalForWindow());
            event.put("isWindowTerminatedEarly", false);
        }
        return event;
    }

    /**
     * @param failedFrom -1 for success, else the index of the first record to deliver again (0 = the whole batch)
     */
    private record Outcome(int failedFrom, Optional<ObjectNode> state, String why) {
    }

    private Outcome outcomeOf(Invocation invocation, Batch batch) {
        if (!invocation.succeeded()) {
            if (invocation.status() == Invocation.Status.TIMEOUT) {
                stats.timeouts.incrementAndGet();
            } else {
                stats.functionErrors.incrementAndGet();
            }
            return new Outcome(0, Optional.empty(), invocation.errorType().orElse("error") + ": "
                    + invocation.errorMessage().orElse(""));
        }
        JsonNode response = parse(invocation.responseJson().orElse("null"));
        Optional<ObjectNode> state = Optional.empty();
        if (batch.inWindow()) {
            JsonNode stateNode = response == null ? null : response.get("state");
            if (stateNode == null || !stateNode.isObject()) {
                stats.functionErrors.incrementAndGet();
                return new Outcome(0, Optional.empty(), "the response has no state object, which a tumbling "
                        + "window requires");
            }
            state = Optional.of((ObjectNode) stateNode);
        }
        if (!settings.reportBatchItemFailures() || response == null || !response.isObject()) {
            return new Outcome(-1, state, "success");
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull() || (failures.isArray() && failures.isEmpty())) {
            return new Outcome(-1, state, "success");
        }
        int lowest = Integer.MAX_VALUE;
        for (JsonNode failure : failures) {
            JsonNode identifier = failure.get("itemIdentifier");
            int index = identifier == null || !identifier.isTextual() ? -1 : indexOf(batch, identifier.asText());
            if (index < 0) {
                return new Outcome(0, Optional.empty(), "batchItemFailures names " + failure
                        + ", which is no sequence number of this batch: the whole batch failed");
            }
            lowest = Math.min(lowest, index);
        }
        return new Outcome(lowest, Optional.empty(), "partial failure from sequence number "
                + batch.records().get(lowest).sequenceNumber());
    }

    private static int indexOf(Batch batch, String sequenceNumber) {
        List<PendingRecord> records = batch.records();
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
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
