package dev.ddbstreams.lambda;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Primes a handler for a SnapStart snapshot: Lambda calls {@link #beforeCheckpoint} once, when it
 * publishes a version, and every later cold start resumes from the snapshot taken after it. Work
 * done here is then not done on the first batch of each new execution environment.
 *
 * <p>What it runs, and why each part is safe to run at publish time:
 * <ul>
 *   <li>a sample stream record (every attribute type) through {@link ChangeRecords}: loads the
 *       Lambda event classes, the parser and the SDK's {@code AttributeValue} model;</li>
 *   <li>the handler's cheap read-only calls ({@link Call}), e.g. {@code DescribeTable} on each
 *       table it writes, or {@code DescribeDeliveryStream} on the delivery stream it sends to:
 *       they load and initialise the SDK's request pipeline, signer, JSON protocol and HTTP
 *       client, and open a connection. They read metadata only (no item, no capacity consumed,
 *       not billed), so a snapshot never writes.</li>
 * </ul>
 * A failed call (a policy without {@code dynamodb:DescribeTable}, say) is logged and priming goes
 * on: the snapshot is only less warm, and failing it would fail the publish.
 *
 * <p>org.crac holds registered resources weakly: the handler must keep the instance
 * {@link #register} returns in a field. See
 * https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html
 */
public final class SnapStartPriming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(SnapStartPriming.class);
    /** Weak too: for {@link #registered()}, never keeps a handler's client alive. */
    private static final List<WeakReference<SnapStartPriming>> REGISTERED = new ArrayList<>();

    private final List<Call> calls;

    /**
     * One cheap, read-only service call made while priming; never one that writes or is billed.
     *
     * @param name what it calls, for logs and tests: {@code DescribeTable total_votes}
     */
    public record Call(String name, Runnable call) {
    }

    private SnapStartPriming(List<Call> calls) {
        this.calls = List.copyOf(calls);
    }

    /** Registers priming for a handler that writes {@code tables} with {@code dynamoDb}; keep the result. */
    public static SnapStartPriming register(DynamoDbClient dynamoDb, String... tables) {
        return register(Stream.of(tables).map(table -> new Call("DescribeTable " + table,
                () -> dynamoDb.describeTable(request -> request.tableName(table)))).toList());
    }

    /** Registers priming that makes {@code calls}, in order, after parsing the sample record; keep the result. */
    public static SnapStartPriming register(List<Call> calls) {
        SnapStartPriming priming = new SnapStartPriming(calls);
        Core.getGlobalContext().register(priming);
        synchronized (REGISTERED) {
            REGISTERED.removeIf(reference -> reference.get() == null);
            REGISTERED.add(new WeakReference<>(priming));
        }
        return priming;
    }

    /** The registrations still alive, oldest first: what a checkpoint would run (for the cold-start bench). */
    public static List<SnapStartPriming> registered() {
        synchronized (REGISTERED) {
            return REGISTERED.stream().map(WeakReference::get).filter(priming -> priming != null).toList();
        }
    }

    /** The names of the calls it makes, in order. */
    public List<String> calls() {
        return calls.stream().map(Call::name).toList();
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        ChangeRecord record = ChangeRecords.fromLambda(sampleRecord());
        LOG.debug("priming: parsed sample record {} ({} attributes)", record.eventId(),
                record.requireNewImage().attributes().size());
        for (Call call : calls) {
            try {
                call.call().run();
            } catch (SdkException e) {
                LOG.warn("priming: {} failed, the snapshot will be less warm: {}", call.name(), e.getMessage());
            }
        }
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to refresh: clients hold no credentials or connections that a restore breaks
        // (the SDK re-resolves expiring credentials and reconnects a closed connection itself).
    }

    /** An INSERT with every attribute type, as Lambda delivers it. */
    static DynamodbEvent.DynamodbStreamRecord sampleRecord() {
        Map<String, AttributeValue> image = Map.of(
                "pk", new AttributeValue().withS("priming"),
                "number", new AttributeValue().withN("12.50"),
                "binary", new AttributeValue().withB(ByteBuffer.wrap("b".getBytes(StandardCharsets.UTF_8))),
                "strings", new AttributeValue().withSS("a", "b"),
                "numbers", new AttributeValue().withNS("1", "2"),
                "binaries", new AttributeValue().withBS(ByteBuffer.wrap(new byte[] {1})),
                "map", new AttributeValue().withM(Map.of("flag", new AttributeValue().withBOOL(true))),
                "list", new AttributeValue().withL(List.of(new AttributeValue().withNULL(true))));
        StreamRecord change = new StreamRecord()
                .withKeys(Map.of("pk", image.get("pk")))
                .withNewImage(image)
                .withSequenceNumber("100000000000000000001")
                .withSizeBytes(120L)
                .withStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
                .withApproximateCreationDateTime(new Date());
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventID("priming");
        record.setEventName("INSERT");
        record.setEventVersion("1.1");
        record.setEventSource("aws:dynamodb");
        record.setAwsRegion("us-east-1");
        record.setEventSourceARN("arn:aws:dynamodb:us-east-1:123456789012:table/priming/stream/2026-01-01T00:00:00.000");
        record.setDynamodb(change);
        return record;
    }
}
