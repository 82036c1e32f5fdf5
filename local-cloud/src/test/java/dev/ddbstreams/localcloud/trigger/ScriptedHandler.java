package dev.ddbstreams.localcloud.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.PartialBatchResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A purpose-made handler for the trigger's contract tests, configured by its environment
 * variables as a real one would be:
 * RUN (log id), FAIL_FIRST (fail that many invocations), POISON (an id whose record fails the
 * batch), POISON_MODE (throw | report | report-two | report-unknown), SLEEP_MILLIS.
 */
public final class ScriptedHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private static final Map<String, AtomicInteger> INVOCATIONS = new java.util.concurrent.ConcurrentHashMap<>();

    private final String run = FunctionEnvironment.require("RUN");
    private final int failFirst = Integer.parseInt(FunctionEnvironment.get("FAIL_FIRST").orElse("0"));
    private final String poison = FunctionEnvironment.get("POISON").orElse("");
    private final String poisonMode = FunctionEnvironment.get("POISON_MODE").orElse("throw");
    private final long sleepMillis = Long.parseLong(FunctionEnvironment.get("SLEEP_MILLIS").orElse("0"));

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<ChangeRecord> records = ChangeRecords.fromEvent(event);
        InvocationLog.add(run, InvocationLog.Seen.of(records, Map.of(), false, false, null,
                context.getRemainingTimeInMillis()));
        if (INVOCATIONS.computeIfAbsent(run, r -> new AtomicInteger()).incrementAndGet() <= failFirst) {
            throw new IllegalStateException("scripted failure");
        }
        sleep();
        for (ChangeRecord record : records) {
            if (record.keys().string("id").equals(poison)) {
                return switch (poisonMode) {
                    case "report" -> PartialBatchResponse.failedFrom(record);
                    // The poison record and the batch's last record: Lambda retries from the lower.
                    case "report-two" -> PartialBatchResponse.failed(List.of(records.get(records.size() - 1), record));
                    case "report-unknown" -> PartialBatchResponse.failedFrom("999");
                    default -> throw new IllegalArgumentException("poison record " + record.eventId());
                };
            }
        }
        return PartialBatchResponse.success();
    }

    private void sleep() {
        try {
            Thread.sleep(sleepMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
