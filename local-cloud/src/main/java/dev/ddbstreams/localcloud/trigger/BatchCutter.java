package dev.ddbstreams.localcloud.trigger;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cuts a lane's next batch from its buffer: at most BatchSize records, of one tumbling window,
 * whose event stays within the 6 MB invocation payload; with MaximumBatchingWindowInSeconds it
 * first waits until the batch is full, the payload is reached, the window has passed or the shard
 * has ended. An open tumbling window that must close yields its final invoke.
 */
final class BatchCutter {

    /** Lambda's invocation payload limit for a stream trigger's batch: 6 MB. */
    static final int MAX_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private final int batchSize;
    private final Duration batchingWindow;
    private final Optional<TumblingWindow> window;
    private final LambdaEventCodec codec;
    private final InstantSource clock;
    private final Duration pollInterval;

    BatchCutter(int batchSize, Duration batchingWindow, Optional<TumblingWindow> window, LambdaEventCodec codec,
            InstantSource clock, Duration pollInterval) {
        this.batchSize = batchSize;
        this.batchingWindow = batchingWindow;
        this.window = window;
        this.codec = codec;
        this.clock = clock;
        this.pollInterval = pollInterval;
    }

    /** The next batch, or null when there is none yet (after waiting a poll interval). Called holding the buffer's lock. */
    Batch next(LaneBuffer buffer) throws InterruptedException {
        if (window.isPresent() && window.get().isOpen() && window.get().mustClose(buffer, clock.instant())) {
            return Batch.finalInvoke(window.get().start());
        }
        if (buffer.isEmpty()) {
            buffer.await(pollInterval.toMillis());
            return null;
        }
        Instant deadline = clock.instant().plus(batchingWindow);
        while (buffer.size() < batchSize && buffer.bytes() < MAX_PAYLOAD_BYTES && !buffer.inputFinished()
                && !buffer.stopped() && clock.instant().isBefore(deadline)) {
            buffer.await(Math.min(pollInterval.toMillis(), Duration.between(clock.instant(), deadline).toMillis()));
        }
        Instant windowStart = window.map(w -> w.windowOf(buffer.peek())).orElse(null);
        Batch empty = new Batch(List.of(), windowStart, false);
        long payload = codec.envelopeBytes(empty, window.map(TumblingWindow::state).orElse(null));
        List<PendingRecord> records = new ArrayList<>();
        while (!buffer.isEmpty() && records.size() < batchSize
                && (windowStart == null || window.get().windowOf(buffer.peek()).equals(windowStart))) {
            // The batch is cut before the record that would take the event past 6 MB; a comma separates records.
            long withNext = payload + buffer.peek().jsonBytes() + (records.isEmpty() ? 0 : 1);
            if (!records.isEmpty() && withNext > MAX_PAYLOAD_BYTES) {
                break;
            }
            records.add(buffer.poll());
            payload = withNext;
        }
        window.ifPresent(w -> w.openIfClosed(windowStart));
        return empty.withRecords(records);
    }
}
