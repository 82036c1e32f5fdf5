package dev.ddbstreams.localcloud.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The counts at one moment, per {@link MetricKey} and in total. Immutable.
 *
 * <p>A call that touches several tables (a BatchWriteItem to two tables, a transaction that also
 * writes a checkpoint) counts once in the row of each table, but once only in {@link #total()}:
 * so the total's calls are real requests, while the rows' calls are "requests that touched this
 * table".
 */
public final class MetricsSnapshot {

    public static final MetricsSnapshot EMPTY = new MetricsSnapshot(Map.of(), Counters.ZERO);

    private final SortedMap<MetricKey, Counters> rows;
    private final Counters total;

    public MetricsSnapshot(Map<MetricKey, Counters> rows, Counters total) {
        this.rows = Collections.unmodifiableSortedMap(new TreeMap<>(rows));
        this.total = total;
    }

    /** Rows sorted by service, resource, operation. */
    public SortedMap<MetricKey, Counters> rows() {
        return rows;
    }

    public Counters total() {
        return total;
    }

    /** The row's counts, or {@link Counters#ZERO} if no call touched it. */
    public Counters row(String service, String resource, String operation) {
        return rows.getOrDefault(new MetricKey(service, resource, operation), Counters.ZERO);
    }

    /** All rows of one resource (a table, say) added up, whatever the service or operation. */
    public Counters resource(String resource) {
        return rows.entrySet().stream()
                .filter(row -> row.getKey().resource().equals(resource))
                .map(Map.Entry::getValue)
                .reduce(Counters.ZERO, Counters::plus);
    }

    /**
     * What happened between {@code earlier} and this snapshot: rows untouched in between are left
     * out. Both must come from the same {@link RequestMetrics} with no {@code reset()} in between.
     */
    public MetricsSnapshot minus(MetricsSnapshot earlier) {
        Map<MetricKey, Counters> difference = new TreeMap<>();
        rows.forEach((key, counters) -> {
            Counters delta = counters.minus(earlier.rows.getOrDefault(key, Counters.ZERO));
            if (!delta.isZero()) {
                difference.put(key, delta);
            }
        });
        return new MetricsSnapshot(difference, total.minus(earlier.total));
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The plain-text table of {@link MetricsTable}. */
    @Override
    public String toString() {
        return MetricsTable.render(this);
    }
}
