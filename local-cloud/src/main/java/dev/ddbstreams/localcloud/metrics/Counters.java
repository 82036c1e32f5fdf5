package dev.ddbstreams.localcloud.metrics;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of one row (or of all calls). Immutable; {@link #plus} and {@link #minus} make new
 * ones.
 *
 * @param calls calls, failed ones included
 * @param failures failed calls
 * @param attempts HTTP attempts: more than {@code calls} when the SDK retried
 * @param items items or records written or read
 * @param bytes record payload bytes (Firehose, Kinesis)
 * @param capacityAsked calls that asked DynamoDB for consumed capacity
 * @param capacityReported calls whose response carried it; capacity figures cover only these
 * @param readUnits read capacity units
 * @param writeUnits write capacity units
 * @param failuresByCode failed calls per error code, sorted by code
 */
public record Counters(long calls, long failures, long attempts, long items, long bytes, long capacityAsked,
        long capacityReported, double readUnits, double writeUnits, Map<String, Long> failuresByCode) {

    public static final Counters ZERO = new Counters(0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of());

    public Counters {
        failuresByCode = Collections.unmodifiableSortedMap(new TreeMap<>(failuresByCode));
    }

    /** The counts one call adds to the row of one of its resources. */
    static Counters of(RecordedCall call, ResourceUsage usage) {
        return new Counters(1, call.failed() ? 1 : 0, call.attempts(), usage.items(), usage.bytes(),
                usage.capacityAsked() ? 1 : 0, usage.capacityReported() ? 1 : 0,
                usage.readUnits(), usage.writeUnits(),
                call.errorCode().map(code -> Map.of(code, 1L)).orElse(Map.of()));
    }

    /** The counts one call adds to the total: once, however many resources it touched. */
    static Counters totalOf(RecordedCall call) {
        long items = 0;
        long bytes = 0;
        double readUnits = 0;
        double writeUnits = 0;
        boolean asked = false;
        boolean reported = false;
        for (ResourceUsage usage : call.resources()) {
            items += usage.items();
            bytes += usage.bytes();
            readUnits += usage.readUnits();
            writeUnits += usage.writeUnits();
            asked |= usage.capacityAsked();
            reported |= usage.capacityReported();
        }
        return new Counters(1, call.failed() ? 1 : 0, call.attempts(), items, bytes, asked ? 1 : 0,
                reported ? 1 : 0, readUnits, writeUnits,
                call.errorCode().map(code -> Map.of(code, 1L)).orElse(Map.of()));
    }

    public Counters plus(Counters other) {
        return combine(other, 1);
    }

    public Counters minus(Counters other) {
        return combine(other, -1);
    }

    /** Attempts beyond the first of each call. */
    public long retries() {
        return Math.max(0, attempts - calls);
    }

    /** Nothing counted (a row no call touched between two snapshots). */
    public boolean isZero() {
        return calls == 0 && failures == 0 && attempts == 0 && items == 0 && bytes == 0 && capacityAsked == 0
                && capacityReported == 0 && readUnits == 0 && writeUnits == 0 && failuresByCode.isEmpty();
    }

    private Counters combine(Counters other, int sign) {
        Map<String, Long> codes = new TreeMap<>(failuresByCode);
        other.failuresByCode.forEach((code, count) -> codes.merge(code, sign * count, Long::sum));
        codes.values().removeIf(count -> count == 0);
        return new Counters(calls + sign * other.calls, failures + sign * other.failures,
                attempts + sign * other.attempts, items + sign * other.items, bytes + sign * other.bytes,
                capacityAsked + sign * other.capacityAsked, capacityReported + sign * other.capacityReported,
                readUnits + sign * other.readUnits, writeUnits + sign * other.writeUnits, codes);
    }
}
