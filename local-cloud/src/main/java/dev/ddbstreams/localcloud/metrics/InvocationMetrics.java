package dev.ddbstreams.localcloud.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Lambda invocations per function in this JVM, with their duration rounded up to the
 * millisecond as Lambda bills it and the function's memory: what the cost estimate turns into
 * requests and GB-seconds. Recorded by the local Lambda runtime for every invocation, whoever
 * makes it (a stream trigger or a lab playing Kinesis).
 */
public final class InvocationMetrics {

    private static final InvocationMetrics GLOBAL = new InvocationMetrics();

    private final Map<String, Usage> byFunction = new TreeMap<>();

    /** Use {@link #global()}; a separate instance is for tests. */
    InvocationMetrics() {
    }

    /**
     * @param billedMillis durations, each rounded up to a whole millisecond
     * @param megabyteMillis each billed duration times the function's memory in MB
     */
    public record Usage(long invocations, long billedMillis, long megabyteMillis) {

        public static final Usage ZERO = new Usage(0, 0, 0);

        public double gigabyteSeconds() {
            return megabyteMillis / 1024.0 / 1000.0;
        }

        Usage plus(Usage other) {
            return new Usage(invocations + other.invocations, billedMillis + other.billedMillis,
                    megabyteMillis + other.megabyteMillis);
        }

        Usage minus(Usage other) {
            return new Usage(invocations - other.invocations, billedMillis - other.billedMillis,
                    megabyteMillis - other.megabyteMillis);
        }
    }

    public static InvocationMetrics global() {
        return GLOBAL;
    }

    public synchronized void record(String function, int memoryMb, Duration duration) {
        long millis = Math.max(1, (duration.toNanos() + 999_999) / 1_000_000);
        byFunction.merge(function, new Usage(1, millis, millis * memoryMb), Usage::plus);
    }

    /** Per function, sorted by name. */
    public synchronized Map<String, Usage> snapshot() {
        return Map.copyOf(byFunction);
    }

    /** What happened between two snapshots; functions with no invocation in between are left out. */
    public static Map<String, Usage> between(Map<String, Usage> earlier, Map<String, Usage> later) {
        Map<String, Usage> difference = new TreeMap<>();
        later.forEach((function, usage) -> {
            Usage delta = usage.minus(earlier.getOrDefault(function, Usage.ZERO));
            if (delta.invocations() > 0) {
                difference.put(function, delta);
            }
        });
        return difference;
    }
}
