package dev.ddbstreams.localcloud.trigger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The records read for one lane and not yet cut into a batch, in stream order. Bounded: the shard
 * reader waits while the lane is far behind. Its monitor is the lane's lock: the lane and its
 * batch cutter hold it while they look at the buffer and wait on it for records.
 */
final class LaneBuffer {

    private final Deque<PendingRecord> records = new ArrayDeque<>();
    private final int capacity;
    private final Duration pollInterval;
    private long bytes;
    private boolean inputFinished;
    private volatile boolean stopped;

    LaneBuffer(int capacity, Duration pollInterval) {
        this.capacity = capacity;
        this.pollInterval = pollInterval;
    }

    /** One GetRecords page's records for this lane. A page arrives whole, so a batch can hold all of it. */
    synchronized void offer(List<PendingRecord> page) throws InterruptedException {
        while (records.size() >= capacity && !stopped) {
            wait(pollInterval.toMillis());
        }
        for (PendingRecord record : page) {
            records.addLast(record);
            bytes += record.jsonBytes();
        }
        notifyAll();
    }

    /** The shard has ended: no more records will come. */
    synchronized void finishInput() {
        inputFinished = true;
        notifyAll();
    }

    synchronized boolean inputFinished() {
        return inputFinished;
    }

    synchronized boolean isEmpty() {
        return records.isEmpty();
    }

    synchronized int size() {
        return records.size();
    }

    /** The records' JSON size, in UTF-8 bytes. */
    synchronized long bytes() {
        return bytes;
    }

    synchronized PendingRecord peek() {
        return records.peekFirst();
    }

    synchronized PendingRecord poll() {
        PendingRecord record = records.pollFirst();
        bytes -= record.jsonBytes();
        notifyAll();
        return record;
    }

    /** Waits for records, the end of input or a stop, at most {@code millis}. */
    synchronized void await(long millis) throws InterruptedException {
        wait(Math.max(1, millis));
    }

    boolean stopped() {
        return stopped;
    }

    void stop() {
        stopped = true;
        synchronized (this) {
            notifyAll();
        }
    }
}
