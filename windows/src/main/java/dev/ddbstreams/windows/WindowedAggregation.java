package dev.ddbstreams.windows;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Exactly-once aggregation over Lambda's tumbling windows: each invocation of a window adds its
 * records' increments to the window's state (no write at all); the window's final invocation
 * commits the state with {@link WindowCommitter}. Lambda keeps the state only from invocations
 * that succeeded, so a retried, duplicated or crashed invocation cannot count a record twice, and
 * the commit itself is idempotent.
 *
 * <p>A record that is not valid input (see {@link ChangeAggregator}) is skipped: logged with its
 * eventID and counted in {@link InvalidRecords}, never failing the batch, so it can neither block
 * the shard nor hold back the valid records around it.
 */
public final class WindowedAggregation {

    private static final Logger LOG = LoggerFactory.getLogger(WindowedAggregation.class);

    private final ChangeAggregator aggregator;
    private final WindowCommitter committer;
    private final InvalidRecords invalidRecords;
    /** Held so the SnapStart registration lives as long as the handler; null when built for a test. */
    private final SnapStartPriming priming;

    /** Markers outlive the stream's 24-hour retention, so no replay can come after its marker expires. */
    public static final Duration MARKER_LIFETIME = Duration.ofDays(2);

    /**
     * The wiring a handler's no-argument constructor uses: its DynamoDB client, the aggregate
     * table named by the environment variable {@code aggregateTableVariable}, window markers in
     * {@code WINDOWS_TABLE}, invalid records counted under the function's name, SnapStart priming
     * of both tables.
     */
    public static WindowedAggregation fromEnvironment(ChangeAggregator aggregator, String aggregateTableVariable) {
        String aggregateTable = FunctionEnvironment.require(aggregateTableVariable);
        String windowsTable = FunctionEnvironment.require("WINDOWS_TABLE");
        DynamoDbClient dynamoDb = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
        return new WindowedAggregation(aggregator,
                new WindowCommitter(dynamoDb, aggregateTable, windowsTable, MARKER_LIFETIME, InstantSource.system()),
                new InvalidRecords(FunctionEnvironment.get("AWS_LAMBDA_FUNCTION_NAME").orElse("aggregation"),
                        InstantSource.system()),
                SnapStartPriming.register(dynamoDb, aggregateTable, windowsTable));
    }

    public WindowedAggregation(ChangeAggregator aggregator, WindowCommitter committer, InvalidRecords invalidRecords) {
        this(aggregator, committer, invalidRecords, null);
    }

    private WindowedAggregation(ChangeAggregator aggregator, WindowCommitter committer, InvalidRecords invalidRecords,
            SnapStartPriming priming) {
        this.aggregator = aggregator;
        this.committer = committer;
        this.invalidRecords = invalidRecords;
        this.priming = priming;
    }

    public TimeWindowEventResponse process(DynamodbTimeWindowEvent event) {
        WindowDeltas deltas = WindowDeltas.fromState(event.getState());
        int invalid = 0;
        for (DynamodbEvent.DynamodbStreamRecord streamRecord : event.getRecords()) {
            try {
                ChangeRecord record = ChangeRecords.fromLambda(streamRecord);
                aggregator.increments(record).forEach(deltas::add);
            } catch (InvalidChangeException | ChangeRecordException e) {
                invalid++;
                LOG.warn("skipped record {} (seq {}): {}", streamRecord.getEventID(),
                        streamRecord.getDynamodb() == null ? "?" : streamRecord.getDynamodb().getSequenceNumber(),
                        e.getMessage());
            }
        }
        if (invalid > 0) {
            invalidRecords.report(invalid);
        }
        if (Boolean.TRUE.equals(event.getIsFinalInvokeForWindow())) {
            List<Increment> increments = deltas.increments();
            if (!increments.isEmpty()) {
                WindowCommitter.Result result = committer.commit(windowId(event), increments);
                LOG.info("window {} committed: {} aggregate items, {} transactions, {} already applied",
                        windowId(event), increments.size(), result.transactionsCommitted(),
                        result.transactionsAlreadyApplied());
            }
            return TimeWindowEventResponse.builder().withState(java.util.Map.of()).build();
        }
        return TimeWindowEventResponse.builder().withState(deltas.toState()).build();
    }

    /** Unique per stream, shard and window: the stream ARN names the table and the stream's creation. */
    static String windowId(DynamodbTimeWindowEvent event) {
        return event.getEventSourceArn() + "#" + event.getShardId() + "#" + event.getWindow().getStart();
    }
}
