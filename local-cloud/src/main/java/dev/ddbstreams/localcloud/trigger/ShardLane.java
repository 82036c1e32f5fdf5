package dev.ddbstreams.localcloud.trigger;

import java.util.List;
import java.util.Optional;

/**
 * Delivers one shard's records (or, with ParallelizationFactor above 1, the records of the item
 * keys hashed to this lane) to the function, one batch at a time and in order: its
 * {@link BatchCutter} cuts batches from its {@link LaneBuffer}, and its {@link BatchProcessor}
 * takes each to a final outcome before the next is cut.
 */
final class ShardLane implements Runnable {

    private final LaneBuffer buffer;
    private final BatchCutter cutter;
    private final BatchProcessor processor;
    private final Optional<TumblingWindow> window;
    private boolean busy;

    ShardLane(LaneBuffer buffer, BatchCutter cutter, BatchProcessor processor, Optional<TumblingWindow> window) {
        this.buffer = buffer;
        this.cutter = cutter;
        this.processor = processor;
        this.window = window;
    }

    /** Called by the shard reader with one page's records for this lane, in stream order; waits while the lane is far behind. */
    void offer(List<PendingRecord> records) throws InterruptedException {
        buffer.offer(records);
    }

    /** The shard has ended: once its records are delivered, the lane finishes (closing an open window). */
    void finishInput() {
        buffer.finishInput();
    }

    /** Nothing waiting, nothing in flight, and no tumbling window still to close. */
    boolean idle() {
        synchronized (buffer) {
            return buffer.isEmpty() && !busy && !windowOpen();
        }
    }

    void stop() {
        buffer.stop();
    }

    @Override
    public void run() {
        try {
            while (!buffer.stopped()) {
                Batch batch;
                synchronized (buffer) {
                    if (buffer.inputFinished() && buffer.isEmpty() && !windowOpen()) {
                        return;
                    }
                    batch = cutter.next(buffer);
                    busy = batch != null;
                }
                if (batch != null) {
                    processor.process(batch);
                    synchronized (buffer) {
                        busy = false;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean windowOpen() {
        return window.map(TumblingWindow::isOpen).orElse(false);
    }
}
