package dev.ddbstreams.localcloud.trigger;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.util.List;
import java.util.Map;

/**
 * Answers a batch holding the POISON id with {@code batchItemFailures} as a string, not a list:
 * a response Lambda cannot read. Other batches succeed.
 */
public final class MalformedResponseHandler implements RequestHandler<DynamodbEvent, Map<String, Object>> {

    private final String run = FunctionEnvironment.require("RUN");
    private final String poison = FunctionEnvironment.require("POISON");

    @Override
    public Map<String, Object> handleRequest(DynamodbEvent event, Context context) {
        List<ChangeRecord> records = ChangeRecords.fromEvent(event);
        InvocationLog.add(run, InvocationLog.Seen.of(records, Map.of(), false, false, null,
                context.getRemainingTimeInMillis()));
        boolean poisoned = records.stream().anyMatch(r -> r.keys().string("id").equals(poison));
        return Map.of("batchItemFailures", poisoned ? records.get(0).sequenceNumber() : List.of());
    }
}
