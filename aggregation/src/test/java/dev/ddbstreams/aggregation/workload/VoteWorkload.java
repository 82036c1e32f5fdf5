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

    /** Where the workload's changes go: one request each, or batched (a benchmark's writer). */
    public interface Writes {
        void put(Map<String, AttributeValue> item);

        void delete(Map<String, AttributeValue> key);
    }

    /** Writes {@code operations} changes, one PutItem or DeleteItem each, and says what they were. */
    public Mix run(DynamoDbClient dynamoDb, String votesTable, int operations) {
        return run(new Writes() {
            @Override
            public void put(Map<String, AttributeValue> item) {
                dynamoDb.putItem(b -> b.tableName(votesTable).item(item));
            }

            @Override
            public void delete(Map<String, AttributeValue> key) {
                dynamoDb.deleteItem(b -> b.tableName(votesTable).key(key));
            }
        }, operations);
    }

    /**
     * Hands {@code operations} changes to {@code writes}, in order, and says what they were. Only
     * each vote's own changes depend on one another, so a writer may reorder changes of different votes.
     */
    public Mix run(Writes writes, int operations) {
        int casts = 0;
        int moves = 0;
        int edits = 0;
        int withdrawals = 0;
        int invalid = 0;
        for (int i = 0; i < operations; i++) {
            int dice = random.nextInt(100);
            if (ids.isEmpty() || dice < 55) {
                put(writes, newId(), vote(pick(REGIONS), pick(IMPROVEMENTS)));
                casts++;
            } else if (dice < 75) {
                String id = pick(ids);
                put(writes, id, random.nextBoolean()
                        ? vote(pick(REGIONS), stringOr(current.get(id), "improvement", "BENCHES"))
                        : vote(stringOr(current.get(id), "region", "NORTH"), pick(IMPROVEMENTS)));
                moves++;
            } else if (dice < 83) {
                String id = pick(ids);
                Map<String, AttributeValue> edited = new HashMap<>(current.get(id));
                edited.put("comment", AttributeValue.fromS("edit " + i));
                put(writes, id, edited);
                edits++;
            } else if (dice < 95) {
                String id = pick(ids);
                writes.delete(Map.of("id", AttributeValue.fromS(id)));
                current.remove(id);
                ids.remove(id);
                withdrawals++;
            } else {
                Map<String, AttributeValue> notAVote = new HashMap<>();
                notAVote.put("improvement", AttributeValue.fromS(pick(IMPROVEMENTS)));
                if (random.nextBoolean()) {
                    notAVote.put("region", AttributeValue.fromN("7"));
                }
                put(writes, newId(), notAVote);
                invalid++;
            }
        }
        return new Mix(casts, moves, edits, withdrawals, invalid);
    }

    private void put(Writes writes, String id, Map<String, AttributeValue> attributes) {
        Map<String, AttributeValue> item = new HashMap<>(attributes);
        item.put("id", AttributeValue.fromS(id));
        writes.put(item);
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
