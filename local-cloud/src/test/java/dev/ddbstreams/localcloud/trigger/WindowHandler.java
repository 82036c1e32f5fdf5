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

/** Counts records per window in its state, as a tumbling-window aggregator would. */
public final class WindowHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {

    private final String run = FunctionEnvironment.require("RUN");

    @Override
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        List<ChangeRecord> records = ChangeRecords.fromEvent(event);
        Map<String, String> state = new HashMap<>(event.getState() == null ? Map.of() : event.getState());
        InvocationLog.add(run, InvocationLog.Seen.of(records, Map.copyOf(state),
                Boolean.TRUE.equals(event.getIsFinalInvokeForWindow()), event.getShardId(),
                context.getRemainingTimeInMillis()));
        int count = Integer.parseInt(state.getOrDefault("count", "0")) + records.size();
        state.put("count", Integer.toString(count));
        return TimeWindowEventResponse.builder().withState(state).build();
    }
}
