package dev.ddbstreams.replication.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A seeded mix of puts, updates and deletes on a small set of {@code logfile} keys, one request
 * each, so that every key changes many times, often several times within one stream batch. Items
 * carry every attribute type (exact decimals, sets, binary, maps, lists, NULL, BOOL) so a replica
 * that rounds a number or drops a type differs. For the tests, the lab and the benchmark.
 */
public final class LogfileWorkload {

    public static final List<String> HOSTS = List.of("66.249.67.3", "10.0.0.1", "192.168.1.20", "203.0.113.7",
            "198.51.100.42");

    private final SplittableRandom random;
    private final int keys;

    /** What the workload wrote, by kind. */
    public record Mix(int puts, int updates, int deletes) {
        public int total() {
            return puts + updates + deletes;
        }
    }

    public LogfileWorkload(long seed, int keys) {
        this.random = new SplittableRandom(seed);
        this.keys = keys;
    }

    /** One change to a logfile item. */
    public enum Kind { PUT, UPDATE, DELETE }

    /** Writes {@code operations} changes to the table, one request each. */
    public Mix run(DynamoDbClient dynamoDb, String table, int operations) {
        int puts = 0;
        int updates = 0;
        int deletes = 0;
        for (int i = 0; i < operations; i++) {
            switch (step(dynamoDb, table)) {
                case PUT -> puts++;
                case UPDATE -> updates++;
                case DELETE -> deletes++;
            }
        }
        return new Mix(puts, updates, deletes);
    }

    /** Writes one change to a random key: a put (45 %), an update (35 %) or a delete (20 %). */
    public Kind step(DynamoDbClient dynamoDb, String table) {
        String pk = "request#" + (100_000 + random.nextInt(keys));
        int dice = random.nextInt(100);
        if (dice < 45) {
            dynamoDb.putItem(b -> b.tableName(table).item(item(pk)));
            return Kind.PUT;
        }
        if (dice < 80) {
            // Creates the item if it is missing (an INSERT with only these attributes), else a MODIFY.
            dynamoDb.updateItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS(pk)))
                    .updateExpression("SET bytessent = :b, GSI_1_PK = :g, host = :h ADD hits :one, tags :tag")
                    .expressionAttributeValues(Map.of(
                            ":b", AttributeValue.fromN(decimal()),
                            ":g", AttributeValue.fromS("host#" + HOSTS.get(0)),
                            ":h", AttributeValue.fromS(HOSTS.get(0)),
                            ":one", AttributeValue.fromN("1"),
                            ":tag", AttributeValue.fromSs(List.of("t" + random.nextInt(5))))));
            return Kind.UPDATE;
        }
        dynamoDb.deleteItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS(pk))));
        return Kind.DELETE;
    }

    /** A logfile-shaped item with a random host, and now and then the rarer attribute types. */
    public Map<String, AttributeValue> item(String pk) {
        String host = HOSTS.get(random.nextInt(HOSTS.size()));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS(pk));
        item.put("GSI_1_PK", AttributeValue.fromS("host#" + host));
        item.put("host", AttributeValue.fromS(host));
        item.put("requestid", AttributeValue.fromN(pk.substring("request#".length())));
        item.put("bytessent", AttributeValue.fromN(decimal()));
        item.put("url", AttributeValue.fromS("/wiki/Zürich?v=" + random.nextInt(1000)));
        if (random.nextInt(3) == 0) {
            item.put("servererror", AttributeValue.fromS("5xx"));
        }
        if (random.nextInt(4) == 0) {
            byte[] bytes = new byte[1 + random.nextInt(8)];
            random.nextBytes(bytes);
            List<String> numbers = new ArrayList<>(List.of("1.5", "-2", "100000000000000000000.000000000001"));
            item.put("blob", AttributeValue.fromB(SdkBytes.fromByteArray(bytes)));
            item.put("scores", AttributeValue.fromNs(numbers));
            item.put("detail", AttributeValue.fromM(Map.of(
                    "list", AttributeValue.fromL(List.of(AttributeValue.fromNul(true), AttributeValue.fromBool(false))),
                    "empty", AttributeValue.fromL(List.of()))));
        }
        return item;
    }

    /** A number no float or int survives: 38 significant digits some of the time. */
    private String decimal() {
        return random.nextBoolean()
                ? Integer.toString(random.nextInt(100_000))
                : random.nextInt(1_000) + "." + String.format("%035d", random.nextLong(100_000_000_000_000_000L));
    }
}
