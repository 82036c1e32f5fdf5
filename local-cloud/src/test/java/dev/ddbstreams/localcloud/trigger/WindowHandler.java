package dev.ddbstreams.localcloud.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts records per window in its state, as a tumbling-window aggregator would. STATE_PADDING
 * (a number of characters) adds a {@code padding} entry that long to the state it returns.
 */
public final class WindowHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    private final String run = FunctionEnvironment.require("RUN");
    private final int padding = Integer.parseInt(FunctionEnvironment.get("STATE_PADDING").orElse("0"));

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        List<ChangeRecord> records = ChangeRecords.fromEvent(event);
        Map<String, String> state = new HashMap<>(event.getState() == null ? Map.of() : event.getState());
        state.remove("padding");
        InvocationLog.add(run, InvocationLog.Seen.of(records, Map.copyOf(state),
                Boolean.TRUE.equals(event.getIsFinalInvokeForWindow()),
                Boolean.TRUE.equals(event.getIsWindowTerminatedEarly()), event.getShardId(),
                context.getRemainingTimeInMillis()));
        int count = Integer.parseInt(state.getOrDefault("count", "0")) + records.size();
        state.put("count", Integer.toString(count));
        if (padding > 0) {
            state.put("padding", "x".repeat(padding));
        }
        return TimeWindowEventResponse.builder().withState(state).build();
    }
}
