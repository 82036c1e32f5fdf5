package dev.ddbstreams.windows;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.quarantine.S3Quarantine;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Exactly-once aggregation over Lambda's tumbling windows: each invocation of a window adds its
 * records' increments to the window's state (no write at all); the window's final invocation
 * commits the state with {@link WindowCommitter}. Lambda keeps the state only from invocations
 * that succeeded, so a retried, duplicated or crashed invocation cannot count a record twice, and
 * the commit itself is idempotent.
 *
 * <p>A record that can never be aggregated is a poison record: one that is not valid input (see
 * {@link ChangeAggregator}), or whose increments would break a DynamoDB limit at commit (an
 * aggregate key over the key size limits, an amount that is not a DynamoDB number). It is
 * quarantined whole ({@link PoisonRecords}) in the invocation that sees it, logged and counted in
 * {@link InvalidRecords}, and never enters the window's state: the final commit cannot fail for
 * it, and the valid records around it are counted as if it had not been there. A MODIFY that
 * moves an item from a valid aggregate item to one DynamoDB refuses (or back) counts its valid
 * half and quarantines the other. A record that does not even parse as a change record is
 * quarantined as the Lambda event holds it. At commit, an increment DynamoDB refuses (a sum past
 * 38 digits) is left out and quarantined ({@link WindowCommitter}); the other items commit.
 */
public final class WindowedAggregation {

    private static final Logger LOG = LoggerFactory.getLogger(WindowedAggregation.class);

    private final ChangeAggregator aggregator;
    private final WindowCommitter committer;
    private final InvalidRecords invalidRecords;
    private final DynamoDbLimits aggregateKeys;
    private final PoisonRecords poison;
    /** Held so the SnapStart registration lives as long as the handler; null when built for a test. */
    private final SnapStartPriming priming;

    /** Markers outlive the stream's 24-hour retention, so no replay can come after its marker expires. */
    public static final Duration MARKER_LIFETIME = Duration.ofDays(2);

    /**
     * The wiring a handler's no-argument constructor uses: its DynamoDB client, the aggregate
     * table named by the environment variable {@code aggregateTableVariable}, window markers in
     * {@code WINDOWS_TABLE}, poison records in the S3 bucket {@code QUARANTINE_BUCKET} under
     * {@code QUARANTINE_PREFIX} (the template's logical id; else the function's name), invalid
     * records counted under the function's name, SnapStart priming of both tables.
     *
     * @param aggregateKeys the aggregate table's key schema, which every increment's key must fit
     */
    public static WindowedAggregation fromEnvironment(ChangeAggregator aggregator, String aggregateTableVariable,
            DynamoDbLimits aggregateKeys) {
        String aggregateTable = FunctionEnvironment.require(aggregateTableVariable);
        String windowsTable = FunctionEnvironment.require("WINDOWS_TABLE");
        String function = FunctionEnvironment.get("AWS_LAMBDA_FUNCTION_NAME").orElse("aggregation");
        // The template sets QUARANTINE_PREFIX (the function's logical id), which its role may write under.
        String quarantinePrefix = FunctionEnvironment.get("QUARANTINE_PREFIX").orElse(function);
        DynamoDbClient dynamoDb = LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder);
        return new WindowedAggregation(aggregator,
                new WindowCommitter(dynamoDb, aggregateTable, windowsTable, MARKER_LIFETIME, InstantSource.system()),
                new InvalidRecords(function, InstantSource.system()), aggregateKeys,
                PoisonRecords.in(S3Quarantine.ofFunction(), quarantinePrefix),
                SnapStartPriming.register(dynamoDb, aggregateTable, windowsTable));
    }

    public WindowedAggregation(ChangeAggregator aggregator, WindowCommitter committer, InvalidRecords invalidRecords,
            DynamoDbLimits aggregateKeys, PoisonRecords poison) {
        this(aggregator, committer, invalidRecords, aggregateKeys, poison, null);
    }

    private WindowedAggregation(ChangeAggregator aggregator, WindowCommitter committer, InvalidRecords invalidRecords,
            DynamoDbLimits aggregateKeys, PoisonRecords poison, SnapStartPriming priming) {
        this.aggregator = aggregator;
        this.committer = committer;
        this.invalidRecords = invalidRecords;
        this.aggregateKeys = aggregateKeys;
        this.poison = poison;
        this.priming = priming;
    }

    public TimeWindowEventResponse process(DynamodbTimeWindowEvent event) {
        WindowDeltas deltas = WindowDeltas.fromState(event.getState());
        if (!event.getRecords().isEmpty() && event.getRecords().get(0).getDynamodb() != null) {
            deltas.startAt(event.getRecords().get(0).getDynamodb().getSequenceNumber());
        }
        int invalid = 0;
        List<ChangeRecord> parsed = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord streamRecord : event.getRecords()) {
            ChangeRecord record;
            try {
                record = ChangeRecords.fromLambda(streamRecord);
            } catch (ChangeRecordException e) {
                invalid++;
                String key = poison.quarantine(streamRecord, Failure.permanent("not a change record: " + e.getMessage()));
                LOG.warn("quarantined record {} (seq {}) as {}, not a change record: {}", streamRecord.getEventID(),
                        ChangeRecords.sequenceNumber(streamRecord).orElse("?"), key,
                        e.getMessage());
                continue;
            }
            parsed.add(record);
            invalid += addIncrements(record, deltas);
        }
        if (Boolean.TRUE.equals(event.getIsFinalInvokeForWindow())) {
            WindowRef window = new WindowRef(event.getEventSourceArn(), event.getShardId(), event.getWindow().getStart(),
                    deltas.firstSequence());
            if (Boolean.TRUE.equals(event.getIsWindowTerminatedEarly())) {
                LOG.warn("window {} terminated early (its state passed 1 MB): the rest of its period comes as "
                        + "another window with the same start, told apart by its first record", window.id());
            }
            List<Increment> increments = deltas.increments();
            if (!increments.isEmpty()) {
                WindowCommitter.Result result = committer.commit(window.id(), increments);
                LOG.info("window {} committed: {} aggregate items, {} transactions, {} already applied, {} refused",
                        window.id(), increments.size(), result.transactionsCommitted(),
                        result.transactionsAlreadyApplied(), result.refused().size());
                for (RefusedIncrement refused : result.refused()) {
                    String key = poison.quarantine(refused, window, touching(parsed, refused.increment().key()));
                    // The phrase the templates' quarantine metric filters count: "quarantined record".
                    LOG.warn("quarantined record: window {}'s increment refused, kept as {}: {}", window.id(), key,
                            refused.failure().reason());
                }
                invalid += result.refused().size();
            }
            reportInvalid(invalid);
            return TimeWindowEventResponse.builder().withState(Map.of()).build();
        }
        reportInvalid(invalid);
        return TimeWindowEventResponse.builder().withState(deltas.toState()).build();
    }

    private void reportInvalid(int invalid) {
        if (invalid > 0) {
            invalidRecords.report(invalid);
        }
    }

    /**
     * Adds the record's increments to the window's deltas, or quarantines it. A MODIFY that moves
     * an item between aggregate items is two changes, out of the old and into the new: when only
     * one of them can be counted, that one is, and the other is quarantined as a record of its own
     * (the REMOVE of the OldImage or the INSERT of the NewImage, with the same eventID and sequence
     * number), so that putting it back through the handler later counts exactly what was not.
     *
     * @return how many records (or halves) were quarantined: 0 or 1
     */
    private int addIncrements(ChangeRecord record, WindowDeltas deltas) {
        List<Increment> increments;
        try {
            increments = aggregator.increments(record);
        } catch (InvalidChangeException e) {
            return quarantine(record, Failure.permanent(e.getMessage()));
        }
        Optional<LimitViolation> violation = firstViolation(increments);
        if (violation.isEmpty()) {
            increments.forEach(deltas::add);
            return 0;
        }
        if (record.eventName() == EventName.MODIFY && record.oldImage().isPresent() && record.newImage().isPresent()) {
            ChangeRecord out = ChangeHalves.removeOfOldImage(record);
            ChangeRecord in = ChangeHalves.insertOfNewImage(record);
            List<Increment> outIncrements = incrementsOrNone(out);
            List<Increment> inIncrements = incrementsOrNone(in);
            Optional<LimitViolation> outViolation = firstViolation(outIncrements);
            Optional<LimitViolation> inViolation = firstViolation(inIncrements);
            if (outViolation.isPresent() != inViolation.isPresent()) {
                ChangeRecord poisonHalf = outViolation.isPresent() ? out : in;
                LimitViolation why = outViolation.or(() -> inViolation).orElseThrow();
                (outViolation.isPresent() ? inIncrements : outIncrements).forEach(deltas::add);
                return quarantine(poisonHalf, new Failure(Failure.Kind.PERMANENT, "MODIFY " + record.eventId() + " moved "
                        + (outViolation.isPresent() ? "from" : "to") + " an aggregate item DynamoDB refuses: "
                        + why.message() + "; its other half was counted, this " + poisonHalf.eventName()
                        + " is the half that was not", Optional.of(why)));
            }
        }
        return quarantine(record, Failure.permanent(violation.get()));
    }

    /** The records whose changes move the aggregate item with this key. */
    private List<ChangeRecord> touching(List<ChangeRecord> records, Map<String, AttributeValue> key) {
        return records.stream()
                .filter(record -> incrementsOrNone(record).stream().anyMatch(increment -> increment.key().equals(key)))
                .toList();
    }

    /**
     * What a record moves, or nothing if it is no valid input (for one half of a MODIFY alone: an
     * image that never counted).
     */
    private List<Increment> incrementsOrNone(ChangeRecord half) {
        try {
            return aggregator.increments(half);
        } catch (InvalidChangeException e) {
            return List.of();
        }
    }

    /** The first DynamoDB limit an increment would break at commit: its key, or an amount that is no DynamoDB number. */
    private Optional<LimitViolation> firstViolation(List<Increment> increments) {
        for (Increment increment : increments) {
            Optional<LimitViolation> violation = aggregateKeys.checkKey(increment.key());
            for (Map.Entry<String, BigDecimal> amount : increment.add().entrySet()) {
                violation = violation.or(() -> DynamoDbLimits.checkNumber(amount.getKey(), amount.getValue().toPlainString()));
            }
            if (violation.isPresent()) {
                return violation;
            }
        }
        return Optional.empty();
    }

    private int quarantine(ChangeRecord record, Failure failure) {
        String key = poison.quarantine(record, failure);
        LOG.warn("quarantined record {} (seq {}) as {}: {}", record.eventId(), record.sequenceNumber(), key,
                failure.reason());
        return 1;
    }
}
