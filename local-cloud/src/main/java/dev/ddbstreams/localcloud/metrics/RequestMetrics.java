package dev.ddbstreams.localcloud.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * The counts of SDK calls, per service, resource and operation. Thread-safe: handlers, stream
 * triggers and tests record concurrently.
 *
 * <p>{@link #global()} is what {@link RequestMetricsInterceptor} records into when the SDK loads
 * it from the classpath, so every client in the JVM is counted without being told. Measure one
 * phase with two snapshots: {@code after.minus(before)}.
 */
public final class RequestMetrics {

    private static final RequestMetrics GLOBAL = new RequestMetrics();

    /*
     * One lock for rows and total: a snapshot never sees a call in a row but not in the total.
     * Recording is a few map merges next to an HTTP round trip, so contention does not matter.
     */
    private final Object lock = new Object();
    private final Map<MetricKey, Counters> rows = new HashMap<>();
    private Counters total = Counters.ZERO;

    /** The instance every SDK client in this JVM records into. */
    public static RequestMetrics global() {
        return GLOBAL;
    }

    public void record(RecordedCall call) {
        synchronized (lock) {
            for (ResourceUsage usage : call.resources()) {
                rows.merge(new MetricKey(call.service(), usage.resource(), call.operation()),
                        Counters.of(call, usage), Counters::plus);
            }
            total = total.plus(Counters.totalOf(call));
        }
    }

    public MetricsSnapshot snapshot() {
        synchronized (lock) {
            return new MetricsSnapshot(rows, total);
        }
    }

    /** Forgets everything counted so far. Calls in flight are counted when they finish. */
    public void reset() {
        synchronized (lock) {
            rows.clear();
            total = Counters.ZERO;
        }
    }
}
