package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.records.ChangeRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the test handlers saw, per test run id. Handlers are constructed by class name, as Lambda
 * constructs them, so they report through this static log.
 */
final class InvocationLog {

    /** One invocation as the handler saw it. */
    record Seen(List<ChangeRecord> records, List<String> sequenceNumbers, List<String> ids, Map<String, String> state,
            boolean finalForWindow, boolean windowTerminatedEarly, String shardId, int remainingMillis) {

        static Seen of(List<ChangeRecord> records, Map<String, String> state, boolean finalForWindow,
                boolean windowTerminatedEarly, String shardId, int remainingMillis) {
            return new Seen(records, records.stream().map(ChangeRecord::sequenceNumber).toList(),
                    records.stream().map(r -> r.keys().string("id")).toList(), state, finalForWindow,
                    windowTerminatedEarly, shardId, remainingMillis);
        }
    }

    private static final Map<String, List<Seen>> BY_RUN = new ConcurrentHashMap<>();

    private InvocationLog() {
    }

    static void add(String run, Seen seen) {
        BY_RUN.computeIfAbsent(run, r -> new CopyOnWriteArrayList<>()).add(seen);
    }

    static List<Seen> of(String run) {
        return List.copyOf(BY_RUN.getOrDefault(run, List.of()));
    }

    /** Every id delivered, in delivery order, across invocations. */
    static List<String> idsDelivered(String run) {
        return of(run).stream().flatMap(seen -> seen.ids().stream()).toList();
    }
}
