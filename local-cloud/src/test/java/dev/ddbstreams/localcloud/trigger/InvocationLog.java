package dev.ddbstreams.localcloud.trigger;

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
    record Seen(List<String> sequenceNumbers, List<String> ids, Map<String, String> state, boolean finalForWindow,
            String shardId, int remainingMillis) {
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
