package dev.ddbstreams.windows;

import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.limits.LimitViolation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
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
 * <p>An increment DynamoDB refuses (a sum or count past 38 significant digits or out of range, or
 * an item attribute ADD cannot add to) would fail the transaction on every retry and stop the
 * shard. So an amount that is not a DynamoDB number is refused before the transaction, and when
 * DynamoDB refuses the transaction as invalid (a ValidationException, or a cancellation with a
 * ValidationError), the committer reads the items' current values, finds each increment whose new
 * value breaks a limit, and commits again without it. The refused increments are written into the
 * marker item, in the same transaction as the other keys: whichever attempt commits decides once
 * which increments were refused, and a replay reads them back from the marker (returned by the
 * failed condition) rather than deciding again. {@link Result#refused()} lists them, on the
 * commit and on every replay, for the caller to quarantine. Everything else the transaction
 * throws is left to the caller (the invocation fails and Lambda retries it).
 *
 * <p>Maxima and minima need no marker: raising a maximum to a value twice is the same as once.
 * They are conditional updates after the additions (not for refused increments).
 *
 * @see <a href="https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html">TransactWriteItems: cancellation reasons</a>
 */
public final class WindowCommitter {

    /** DynamoDB's limit of actions in one transaction. */
    public static final int MAX_TRANSACTION_ACTIONS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(WindowCommitter.class);
    private static final String MARKER_KEY = "window";
    private static final String MARKER_EXPIRY = "expires_at";
    private static final String MARKER_REFUSED = "refused";

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

    /**
     * What a commit did.
     *
     * @param refused the increments DynamoDB refuses, left out of the commit (the same on a replay)
     */
    public record Result(int transactionsCommitted, int transactionsAlreadyApplied, int extremesRaised,
            List<RefusedIncrement> refused) {

        public Result {
            refused = List.copyOf(refused);
        }
    }

    /** One transaction's outcome. */
    private record Chunk(boolean committed, List<RefusedIncrement> refused) {
    }

    /**
     * @param windowId identifies the window on its shard (see {@link WindowRef#id()})
     * @param increments in a stable order (see {@link WindowDeltas#increments()})
     */
    public Result commit(String windowId, List<Increment> increments) {
        List<Increment> additions = increments.stream().filter(i -> !i.add().isEmpty()).toList();
        List<List<Increment>> chunks = chunks(additions, MAX_TRANSACTION_ACTIONS - 1);
        int committed = 0;
        int alreadyApplied = 0;
        List<RefusedIncrement> refused = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String marker = windowId + "#" + (i + 1) + "/" + chunks.size();
            Chunk chunk = commitChunk(marker, chunks.get(i));
            refused.addAll(chunk.refused());
            if (chunk.committed()) {
                committed++;
            } else {
                alreadyApplied++;
                LOG.info("window {} was already applied: a replay, skipped", marker);
            }
        }
        Set<Map<String, AttributeValue>> refusedKeys = new HashSet<>();
        refused.forEach(r -> refusedKeys.add(r.increment().key()));
        int raised = 0;
        for (Increment increment : increments) {
            if (!refusedKeys.contains(increment.key())) {
                raised += raise(increment.key(), increment.atLeast(), ">")
                        + raise(increment.key(), increment.atMost(), "<");
            }
        }
        return new Result(committed, alreadyApplied, raised, refused);
    }

    private Chunk commitChunk(String marker, List<Increment> chunk) {
        Map<Map<String, AttributeValue>, RefusedIncrement> refused = new LinkedHashMap<>();
        for (Increment increment : chunk) {
            // An amount that is itself no DynamoDB number (39 digits gathered in one window) needs no read.
            invalidNumber(increment, Map.of()).ifPresent(r -> refused.put(increment.key(), r));
        }
        while (true) {
            List<Increment> applied = chunk.stream().filter(i -> !refused.containsKey(i.key())).toList();
            List<TransactWriteItem> actions = new ArrayList<>();
            for (Increment increment : applied) {
                actions.add(TransactWriteItem.builder().update(addition(increment)).build());
            }
            actions.add(TransactWriteItem.builder().put(markerPut(marker, refused.values())).build());
            try {
                dynamoDb.transactWriteItems(b -> b.transactItems(actions));
                return new Chunk(true, List.copyOf(refused.values()));
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (reasons.size() == actions.size()
                        && "ConditionalCheckFailed".equals(reasons.get(actions.size() - 1).code())) {
                    return new Chunk(false, refusedIn(reasons.get(actions.size() - 1).item()));
                }
                if (reasons.stream().noneMatch(reason -> "ValidationError".equals(reason.code()))
                        || !refuseInvalid(applied, refused)) {
                    throw e;
                }
            } catch (DynamoDbException e) {
                if (!"ValidationException".equals(errorCode(e)) || !refuseInvalid(applied, refused)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Reads the items' current values and refuses each increment whose new value DynamoDB would
     * not store.
     *
     * @return false when none would break a limit (the refusal was for something else: rethrown)
     */
    private boolean refuseInvalid(List<Increment> applied, Map<Map<String, AttributeValue>, RefusedIncrement> refused) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = currentItems(applied);
        boolean found = false;
        for (Increment increment : applied) {
            Optional<RefusedIncrement> refusal = invalidNumber(increment, items.getOrDefault(increment.key(), Map.of()));
            if (refusal.isPresent()) {
                LOG.warn("refused {}", refusal.get().failure().reason());
                refused.put(increment.key(), refusal.get());
                found = true;
            }
        }
        return found;
    }

    /** The increment refused, if adding it to the item's values gives one DynamoDB cannot store. */
    private static Optional<RefusedIncrement> invalidNumber(Increment increment, Map<String, AttributeValue> item) {
        Map<String, BigDecimal> current = new TreeMap<>();
        for (Map.Entry<String, BigDecimal> add : new TreeMap<>(increment.add()).entrySet()) {
            AttributeValue held = item.get(add.getKey());
            if (held != null && held.n() == null) {
                return Optional.of(new RefusedIncrement(increment, current, new LimitViolation(add.getKey(),
                        LimitViolation.Limit.NUMBER_FORMAT, add.getKey() + " holds a " + held.type()
                                + " in the aggregate table; ADD adds to a number only")));
            }
            BigDecimal before = held == null ? BigDecimal.ZERO : new BigDecimal(held.n());
            if (held != null) {
                current.put(add.getKey(), before);
            }
            Optional<LimitViolation> violation = DynamoDbLimits.checkNumber(add.getKey(), add.getValue().toString())
                    .or(() -> DynamoDbLimits.checkNumber(add.getKey(), before.add(add.getValue()).toString()));
            if (violation.isPresent()) {
                return Optional.of(new RefusedIncrement(increment, current, violation.get()));
            }
        }
        return Optional.empty();
    }

    /** The items' attributes, by key (absent: no item yet), read consistently. */
    private Map<Map<String, AttributeValue>, Map<String, AttributeValue>> currentItems(List<Increment> increments) {
        Map<Map<String, AttributeValue>, Map<String, AttributeValue>> items = new HashMap<>();
        List<Map<String, AttributeValue>> keys = increments.stream().map(Increment::key).toList();
        Map<String, KeysAndAttributes> request = keys.isEmpty() ? Map.of()
                : Map.of(aggregateTable, KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
        RetryBackoff backoff = RetryBackoff.standard();
        for (int attempt = 1; !request.isEmpty(); attempt++) {
            if (attempt > backoff.maxAttempts()) {
                // Transient (throttling): the invocation fails and Lambda retries it.
                throw new IllegalStateException("BatchGetItem of " + aggregateTable + " left keys unprocessed "
                        + backoff.maxAttempts() + " times");
            }
            if (attempt > 1) {
                backoff.pauseBefore(attempt - 1);
            }
            Map<String, KeysAndAttributes> ask = request;
            BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(ask));
            response.responses().getOrDefault(aggregateTable, List.of()).forEach(item -> items.put(
                    keys.stream().filter(key -> item.entrySet().containsAll(key.entrySet())).findFirst().orElseThrow(),
                    item));
            request = response.unprocessedKeys();
        }
        return items;
    }

    private Put markerPut(String marker, Collection<RefusedIncrement> refused) {
        long expiresAt = clock.instant().plus(markerLifetime).getEpochSecond();
        Map<String, AttributeValue> item = new HashMap<>(Map.of(MARKER_KEY, AttributeValue.fromS(marker),
                "committed_at", AttributeValue.fromS(clock.instant().toString()),
                MARKER_EXPIRY, AttributeValue.fromN(Long.toString(expiresAt))));
        if (!refused.isEmpty()) {
            item.put(MARKER_REFUSED, AttributeValue.fromL(refused.stream()
                    .map(r -> AttributeValue.fromS(r.toMarkerJson())).toList()));
        }
        return Put.builder()
                .tableName(markerTable)
                .item(item)
                .conditionExpression("attribute_not_exists(#window)")
                .expressionAttributeNames(Map.of("#window", MARKER_KEY))
                // The marker as it was committed: which increments that commit refused.
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                .build();
    }

    private static List<RefusedIncrement> refusedIn(Map<String, AttributeValue> marker) {
        AttributeValue refused = marker == null ? null : marker.get(MARKER_REFUSED);
        if (refused == null) {
            return List.of();
        }
        return refused.l().stream().map(value -> RefusedIncrement.fromMarkerJson(value.s())).toList();
    }

    private static String errorCode(DynamoDbException e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
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
