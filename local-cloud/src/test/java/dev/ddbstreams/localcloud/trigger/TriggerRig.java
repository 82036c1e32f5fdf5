package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.localcloud.dynamodb.LocalTables;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A table with a stream, a test handler and a trigger between them, on DynamoDB Local. */
final class TriggerRig implements AutoCloseable {

    static final Duration POLL = Duration.ofMillis(50);

    final String run = "run-" + UUID.randomUUID();
    final String table = "t" + UUID.randomUUID().toString().substring(0, 8);
    final List<ObjectNode> failureRecords = new CopyOnWriteArrayList<>();
    final DynamoDbClient dynamoDb;
    final StreamTrigger trigger;

    TriggerRig(DynamoDbLocalExtension local, TriggerSettings settings, Class<?> handler, Map<String, String> env) {
        this(local, settings, handler, env, FunctionFaults.NONE, InstantSource.system(), local.streams(),
                Duration.ofSeconds(5));
    }

    TriggerRig(DynamoDbLocalExtension local, TriggerSettings settings, Class<?> handler, Map<String, String> env,
            FunctionFaults faults, InstantSource clock, DynamoDbStreamsClient streams, Duration timeout) {
        this.dynamoDb = local.dynamoDb();
        LocalTables.createWithStream(dynamoDb, table, "id", StreamViewType.NEW_AND_OLD_IMAGES);
        String streamArn = local.streamReader().streamArnOf(table);
        StreamTriggerDefinition trigger = settings.build(table);
        Map<String, String> variables = new HashMap<>(env);
        variables.put("RUN", run);
        FunctionDefinition function = new FunctionDefinition("Fn", "fn-" + table, handler.getName(), variables,
                timeout, 512, "java21", List.of(trigger));
        this.trigger = new StreamTrigger(trigger, function.functionName(), streamArn, streams,
                () -> new LocalFunction(function, "us-east-1", Map.of(), faults, clock),
                (destination, record, payload) -> failureRecords.add(record.toJson()), clock, POLL);
    }

    TriggerRig start() {
        trigger.start();
        return this;
    }

    void put(String id) {
        put(id, 1);
    }

    void put(String id, int version) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id),
                "version", AttributeValue.fromN(Integer.toString(version)),
                "region", AttributeValue.fromS(id.startsWith("s") ? "SOUTH" : "NORTH"))));
    }

    void putAll(int count) {
        for (int i = 0; i < count; i++) {
            put(String.format("item-%03d", i));
        }
    }

    /** Writes {@code count} items 150 ms apart, as a slow writer would (longer than a poll, shorter than a window). */
    void putOverTime(int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            put("item-" + i);
            Thread.sleep(150);
        }
    }

    /** Writes {@code count} items, starts the trigger and waits until it has processed them: whether it did. */
    boolean processAll(int count) throws InterruptedException {
        putAll(count);
        start();
        return awaitIdle();
    }

    boolean awaitIdle() throws InterruptedException {
        return trigger.awaitIdle(Duration.ofSeconds(30));
    }

    List<InvocationLog.Seen> invocations() {
        return InvocationLog.of(run);
    }

    List<String> idsDelivered() {
        return InvocationLog.idsDelivered(run);
    }

    @Override
    public void close() {
        trigger.close();
    }
}
