package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * One lane's tumbling window: which window a record falls in, the open window and the state the
 * function returned for it, and when it must close.
 *
 * <p>State over 1 MB ends the window early: "Your state can be a maximum of 1 MB per shard. If it
 * exceeds that size, Lambda terminates the window early" (Lambda guide, "Tumbling windows",
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html). The next invocation is
 * the window's final one and carries {@code isWindowTerminatedEarly: true}; records of the same
 * period after it open the window again with a fresh state.
 */
final class TumblingWindow {

    static final int MAX_STATE_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Duration size;
    private Instant start;
    private ObjectNode state = JSON.createObjectNode();
    private boolean terminatedEarly;

    TumblingWindow(Duration size) {
        this.size = size;
    }

    Duration size() {
        return size;
    }

    /** The start of the window the record falls in, by the time the trigger read it. */
    Instant windowOf(PendingRecord record) {
        long seconds = size.getSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(record.readAt().getEpochSecond(), seconds) * seconds);
    }

    synchronized boolean isOpen() {
        return start != null;
    }

    synchronized Instant start() {
        return start;
    }

    synchronized ObjectNode state() {
        return state.deepCopy();
    }

    synchronized boolean terminatedEarly() {
        return terminatedEarly;
    }

    synchronized void openIfClosed(Instant windowStart) {
        if (start == null) {
            start = windowStart;
            state = JSON.createObjectNode();
            terminatedEarly = false;
        }
    }

    /** Keeps the state a successful invocation returned; over 1 MB it ends the window early. */
    synchronized void keep(ObjectNode returned) {
        state = returned;
        if (returned.toString().getBytes(StandardCharsets.UTF_8).length > MAX_STATE_BYTES) {
            terminatedEarly = true;
        }
    }

    /** After the final invoke succeeded. */
    synchronized void close() {
        start = null;
        state = JSON.createObjectNode();
        terminatedEarly = false;
    }

    /**
     * The open window closes when its state ended it early, a later window's record is waiting,
     * the shard has ended, or its time has passed with nothing queued. Called holding the buffer's lock.
     */
    synchronized boolean mustClose(LaneBuffer buffer, Instant now) {
        boolean laterRecordWaiting = !buffer.isEmpty() && !windowOf(buffer.peek()).equals(start);
        boolean shardEnded = buffer.inputFinished() && buffer.isEmpty();
        boolean timePassed = buffer.isEmpty() && !now.isBefore(start.plus(size));
        return terminatedEarly || laterRecordWaiting || shardEnded || timePassed;
    }
}
