package dev.ddbstreams.localcloud.trigger;

import java.time.Instant;
import java.util.List;

/**
 * Records handed to one invocation. With a tumbling window it belongs to that window, and the
 * window's last invocation carries no records and {@code finalForWindow}.
 */
record Batch(List<PendingRecord> records, Instant windowStart, boolean finalForWindow) {

    Batch {
        records = List.copyOf(records);
    }

    static Batch of(List<PendingRecord> records) {
        return new Batch(records, null, false);
    }

    Batch withRecords(List<PendingRecord> subset) {
        return new Batch(subset, windowStart, finalForWindow);
    }

    boolean inWindow() {
        return windowStart != null;
    }
}
