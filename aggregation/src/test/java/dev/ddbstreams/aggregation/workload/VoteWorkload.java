package dev.ddbstreams.aggregation.workload;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A seeded mix of what voters do to the {@code votes} table: cast votes, move them to another
 * region or improvement, edit them without moving them, withdraw them, and now and then write
 * something that is not a valid vote. For the lab, the tests and the benchmark.
 */
public final class VoteWorkload {

    public static final List<String> REGIONS = List.of("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL");
    public static final List<String> IMPROVEMENTS = List.of("MORE_TREES", "MORE_FLOWERS", "BIKE_LANES",
            "STREET_LIGHTS", "PLAYGROUNDS", "BENCHES");

    private final SplittableRandom random;
    private final Map<String, Map<String, AttributeValue>> current = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private int nextId;

    /** What the workload wrote, by kind. */
    public record Mix(int casts, int moves, int edits, int withdrawals, int invalid) {
        public int total() {
            return casts + moves + edits + withdrawals + invalid;
        }
    }

    public VoteWorkload(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Writes {@code operations} changes, one request each, and says what they were. */
    public Mix run(DynamoDbClient dynamoDb, String votesTable, int operations) {
        int casts = 0;
        int moves = 0;
        int edits = 0;
        int withdrawals = 0;
        int invalid = 0;
        for (int i = 0; i < operations; i++) {
            int dice = random.nextInt(100);
            if (ids.isEmpty() || dice < 55) {
                put(dynamoDb, votesTable, newId(), vote(pick(REGIONS), pick(IMPROVEMENTS)));
                casts++;
            } else if (dice < 75) {
                String id = pick(ids);
                put(dynamoDb, votesTable, id, random.nextBoolean()
                        ? vote(pick(REGIONS), stringOr(current.get(id), "improvement", "BENCHES"))
                        : vote(stringOr(current.get(id), "region", "NORTH"), pick(IMPROVEMENTS)));
                moves++;
            } else if (dice < 83) {
                String id = pick(ids);
                Map<String, AttributeValue> edited = new HashMap<>(current.get(id));
                edited.put("comment", AttributeValue.fromS("edit " + i));
                put(dynamoDb, votesTable, id, edited);
                edits++;
            } else if (dice < 95) {
                String id = pick(ids);
                dynamoDb.deleteItem(b -> b.tableName(votesTable).key(Map.of("id", AttributeValue.fromS(id))));
                current.remove(id);
                ids.remove(id);
                withdrawals++;
            } else {
                Map<String, AttributeValue> notAVote = new HashMap<>();
                notAVote.put("improvement", AttributeValue.fromS(pick(IMPROVEMENTS)));
                if (random.nextBoolean()) {
                    notAVote.put("region", AttributeValue.fromN("7"));
                }
                put(dynamoDb, votesTable, newId(), notAVote);
                invalid++;
            }
        }
        return new Mix(casts, moves, edits, withdrawals, invalid);
    }

    private void put(DynamoDbClient dynamoDb, String table, String id, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("id", AttributeValue.fromS(id));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
        if (!current.containsKey(id)) {
            ids.add(id);
        }
        current.put(id, attributes);
    }

    private String newId() {
        return "vote-" + (nextId++);
    }

    /** An invalid vote, once moved, becomes a valid one. */
    private static String stringOr(Map<String, AttributeValue> item, String name, String otherwise) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? otherwise : value.s();
    }

    private static Map<String, AttributeValue> vote(String region, String improvement) {
        return Map.of("region", AttributeValue.fromS(region), "improvement", AttributeValue.fromS(improvement));
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
