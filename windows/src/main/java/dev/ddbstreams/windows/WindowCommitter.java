package dev.ddbstreams.windows;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Applies one window's increments exactly once.
 *
 * <p>The additions go in a TransactWriteItems together with a marker item for the window, put on
 * the condition that it does not exist yet. A replay of the same window (the final invoke retried
 * after its transaction committed) fails that condition, and nothing is added twice. Each
 * transaction holds at most 99 aggregate items and its marker (DynamoDB allows 100 actions); a
 * window with more items commits in several transactions, each with its own marker, split the
 * same way on every retry.
 *
 * <p>Maxima and minima need no marker: raising a maximum to a value twice is the same as once.
 * They are conditional updates after the additions.
 */
public final class WindowCommitter {

    /** DynamoDB's limit of actions in one transaction. */
    public static final int MAX_TRANSACTION_ACTIONS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(WindowCommitter.class);
    private static final String MARKER_KEY = "window";
    private static final String MARKER_EXPIRY = "expires_at";

    private final DynamoDbClient dynamoDb;
    private final String aggregateTable;
    private final String markerTable;
    private final Duration markerLifetime;
    private final InstantSource clock;

    /**
     * @param markerLifetime how long markers are kept (TTL); longer than the stream's 24-hour
     *     retention, so no replay can outlive its marker
     */
    public WindowCommitter(DynamoDbClient dynamoDb, String aggregateTable, String markerTable, Duration markerLifetime,
            InstantSource clock) {
        this.dynamoDb = dynamoDb;
        this.aggregateTable = aggregateTable;
        this.markerTable = markerTable;
        this.markerLifetime = markerLifetime;
        this.clock = clock;
    }

    /** What a commit did. */
    public record Result(int transactionsCommitted, int transactionsAlreadyApplied, int extremesRaised) {
    }

    /**
     * @param windowId identifies the window on its shard, e.g. {@code shardId-000...#2026-11-21T10:15:00Z}
     * @param increments in a stable order (see {@link WindowDeltas#increments()})
     */
    public Result commit(String windowId, List<Increment> increments) {
        List<Increment> additions = increments.stream().filter(i -> !i.add().isEmpty()).toList();
        List<List<Increment>> chunks = chunks(additions, MAX_TRANSACTION_ACTIONS - 1);
        int committed = 0;
        int alreadyApplied = 0;
        for (int i = 0; i < chunks.size(); i++) {
            String marker = windowId + "#" + (i + 1) + "/" + chunks.size();
            if (commitChunk(marker, chunks.get(i))) {
                committed++;
            } else {
                alreadyApplied++;
                LOG.info("window {} was already applied: a replay, skipped", marker);
            }
        }
        int raised = 0;
        for (Increment increment : increments) {
            raised += raise(increment.key(), increment.atLeast(), ">")
                    + raise(increment.key(), increment.atMost(), "<");
        }
        return new Result(committed, alreadyApplied, raised);
    }

    /** @return false when the marker shows the chunk was applied before */
    private boolean commitChunk(String marker, List<Increment> chunk) {
        List<TransactWriteItem> actions = new ArrayList<>();
        for (Increment increment : chunk) {
            actions.add(TransactWriteItem.builder().update(addition(increment)).build());
        }
        long expiresAt = clock.instant().plus(markerLifetime).getEpochSecond();
        actions.add(TransactWriteItem.builder().put(Put.builder()
                .tableName(markerTable)
                .item(Map.of(MARKER_KEY, AttributeValue.fromS(marker),
                        "committed_at", AttributeValue.fromS(clock.instant().toString()),
                        MARKER_EXPIRY, AttributeValue.fromN(Long.toString(expiresAt))))
                .conditionExpression("attribute_not_exists(#window)")
                .expressionAttributeNames(Map.of("#window", MARKER_KEY))
                .build()).build());
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(actions));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            boolean markerExists = reasons.size() == actions.size()
                    && "ConditionalCheckFailed".equals(reasons.get(actions.size() - 1).code());
            if (markerExists) {
                return false;
            }
            throw e;
        }
    }

    private Update addition(Increment increment) {
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        List<String> clauses = new ArrayList<>();
        int n = 0;
        for (Map.Entry<String, BigDecimal> add : increment.add().entrySet()) {
            names.put("#a" + n, add.getKey());
            values.put(":a" + n, AttributeValue.fromN(add.getValue().toPlainString()));
            clauses.add("#a" + n + " :a" + n);
            n++;
        }
        return Update.builder()
                .tableName(aggregateTable)
                .key(increment.key())
                .updateExpression("ADD " + String.join(", ", clauses))
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .build();
    }

    /** Sets each attribute to the value unless it already is beyond it ({@code >} for maxima, {@code <} for minima). */
    private int raise(Map<String, AttributeValue> key, Map<String, BigDecimal> targets, String beyond) {
        int raised = 0;
        for (Map.Entry<String, BigDecimal> target : targets.entrySet()) {
            try {
                dynamoDb.updateItem(b -> b.tableName(aggregateTable).key(key)
                        .updateExpression("SET #x = :v")
                        .conditionExpression("attribute_not_exists(#x) OR :v " + beyond + " #x")
                        .expressionAttributeNames(Map.of("#x", target.getKey()))
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(target.getValue().toPlainString()))));
                raised++;
            } catch (ConditionalCheckFailedException alreadyBeyond) {
                // Another window (or this one, before a retry) got there first: nothing to do.
            }
        }
        return raised;
    }

    private static <T> List<List<T>> chunks(List<T> items, int size) {
        List<List<T>> chunks = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            chunks.add(items.subList(start, Math.min(items.size(), start + size)));
        }
        return chunks;
    }
}
