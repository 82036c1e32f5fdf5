package dev.ddbstreams.localcloud.trigger;

import java.time.Instant;
import java.util.List;

/**
 * Records handed to one invocation. With a tumbling window it belongs to that window, and the
 * window's last invocation carries no records and {@code finalForWindow}.
 *
 * @param windowStart null without a tumbling window
 */
record Batch(List<PendingRecord> records, Instant windowStart, boolean finalForWindow) {

    Batch {
        records = List.copyOf(records);
    }

    static Batch finalInvoke(Instant windowStart) {
        return new Batch(List.of(), windowStart, true);
    }

    Batch withRecords(List<PendingRecord> subset) {
        return new Batch(subset, windowStart, finalForWindow);
    }

    boolean inWindow() {
        return windowStart != null;
    }

    PendingRecord first() {
        return records.get(0);
    }

    PendingRecord last() {
        return records.get(records.size() - 1);
    }
}
