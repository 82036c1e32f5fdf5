package dev.ddbstreams.labs.replication;

import dev.ddbstreams.labs.exercise.Scenario;
import dev.ddbstreams.labs.exercise.TableChangesExercise;
import dev.ddbstreams.labs.exercise.Verdict;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.replication.workload.LogfileWorkload;
import dev.ddbstreams.replication.workload.ReplicaComparison;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Lab 02's exercise: the learner's replicator in place of ReplicaFunction's handler, judged after
 * each step by comparing {@code logfile_replica} with {@code logfile}: every key, every attribute,
 * as DynamoDB holds them (numbers as numbers, sets as sets). Items are the replication tests'
 * logfile items (exact decimals, sets, binary, maps, lists), so a type or a digit lost shows.
 *
 * <p>The poison record is one the replica refuses and the source took: an index on the replica
 * only ({@code BY_TRIAGE}, keyed by {@code triage} as a string, as an operator might add for
 * other queries) and a request whose {@code triage} is a number, as in lab 02's step 4b.
 */
public final class ReplicationExercise extends TableChangesExercise<ReplicationExercise.Logfile> {

    static final String SOURCE = "logfile";
    static final String REPLICA = "logfile_replica";
    /** Far from the valid requests' numbers (200000 on), so only the poison record holds it. */
    static final String POISON_KEY = "request#999999";
    static final String POISON_INDEX = "BY_TRIAGE";
    /** How long DynamoDB Local may take to build the replica's own index. */
    private static final Duration INDEX_READY = Duration.ofSeconds(60);
    /** How much of an attribute's value a failure quotes. */
    private static final int VALUE_LENGTH = 40;

    private static final Words WORDS = new Words("requests", "replicated",
            "%d requests rewritten and %d with their url removed", "%d requests deleted",
            "request whose triage is a number, where logfile_replica's own index " + POISON_INDEX
                    + " (logfile has none) keys triage as a string", POISON_KEY);

    @Override
    public String lab() {
        return "02-replication";
    }

    @Override
    public String template() {
        return "replication/template.yaml";
    }

    @Override
    public String function() {
        return "ReplicaFunction";
    }

    @Override
    public String starterHandler() {
        return "dev.ddbstreams.labs.replication.exercise.Replicator::handleRequest";
    }

    @Override
    public String starterSource() {
        return "labs/02-replication/exercise/dev/ddbstreams/labs/replication/exercise/Replicator.java";
    }

    @Override
    protected Words words() {
        return WORDS;
    }

    @Override
    protected Logfile source(long seed) {
        return new Logfile(seed);
    }

    @Override
    public String behindStuckShard(LocalCloud cloud) {
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        Map<String, Map<String, AttributeValue>> source = ReplicaComparison.items(dynamoDb, SOURCE);
        source.remove(POISON_KEY);
        Map<String, Map<String, AttributeValue>> replica = ReplicaComparison.items(dynamoDb, REPLICA);
        long behind = source.entrySet().stream().filter(item -> !replica.containsKey(item.getKey())
                || !ReplicaComparison.canonical(replica.get(item.getKey())).equals(ReplicaComparison.canonical(item.getValue())))
                .count();
        return "; so far " + behind + " of logfile's " + source.size() + " valid items have not reached " + REPLICA;
    }

    @Override
    protected Verdict check(LocalCloud cloud, Logfile logfile, Scenario scenario, After after) {
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        Map<String, Map<String, AttributeValue>> source = ReplicaComparison.items(dynamoDb, SOURCE);
        if (after == After.AROUND_POISON) {
            source.remove(POISON_KEY);
        }
        Map<String, Map<String, AttributeValue>> replica = ReplicaComparison.items(dynamoDb, REPLICA);
        TreeSet<String> keys = new TreeSet<>(source.keySet());
        keys.addAll(replica.keySet());
        List<String> differing = keys.stream().filter(key -> !Objects.equals(canonical(source.get(key)),
                canonical(replica.get(key)))).toList();
        if (differing.isEmpty()) {
            return Verdict.pass(REPLICA + " equals " + SOURCE + ": " + source.size() + " items, every attribute");
        }
        String key = differing.get(0);
        String others = differing.size() == 1 ? "" : " (" + (differing.size() - 1) + " other items differ too)";
        return Verdict.fail(explain(key, source.get(key), replica.get(key), logfile, scenario, differing.size(),
                givenUp(cloud)) + others);
    }

    /** The first difference in the learner's terms, and its likely cause. */
    private static String explain(String key, Map<String, AttributeValue> source, Map<String, AttributeValue> replica,
            Logfile logfile, Scenario scenario, int differing, long givenUp) {
        if (source == null) {
            return key + " is still in " + REPLICA + " after " + SOURCE + " deleted it: a REMOVE was not replicated";
        }
        if (replica == null) {
            String why = givenUp > 0
                    ? "Lambda gave up on " + givenUp + " records after its retries (ReplicaFailureQueue holds their "
                            + "range), so " + differing + " changes never reached the replica"
                    : "a change never reached the replica";
            if (scenario == Scenario.POISON) {
                why = "the shard stopped at a record that can never succeed, or skipped past it; " + why;
            }
            return key + " is in " + SOURCE + " but not in " + REPLICA + ": " + why;
        }
        Map<String, Object> is = ReplicaComparison.canonical(replica);
        Map<String, Object> truth = ReplicaComparison.canonical(source);
        TreeSet<String> attributes = new TreeSet<>(is.keySet());
        attributes.addAll(truth.keySet());
        String attribute = attributes.stream().filter(name -> !Objects.equals(is.get(name), truth.get(name)))
                .findFirst().orElseThrow();
        if (!truth.containsKey(attribute)) {
            return REPLICA + "'s " + key + " still has " + attribute + ", which " + SOURCE + "'s has no more: a MODIFY "
                    + "must replace the whole item with its new image, not set the attributes the new image has";
        }
        if (!is.containsKey(attribute)) {
            return REPLICA + "'s " + key + " has no " + attribute + ", which " + SOURCE + "'s has ("
                    + shown(source.get(attribute)) + "): the replica holds an item the source never held";
        }
        String values = REPLICA + " has " + key + " with " + attribute + " = " + shown(replica.get(attribute))
                + " where " + SOURCE + " has " + shown(source.get(attribute)) + ": ";
        if (logfile.heldBefore(key, is)) {
            String after = scenario.injectsFaults() ? " (a batch was retried or delivered again: " + scenario.description()
                    + ")" : "";
            return values + "that is an older version of the item, so an older change overwrote a newer one" + after;
        }
        return values + "not a value " + SOURCE + " ever held: copy the new image's attributes exactly as the stream "
                + "gives them (a number through an int or a double loses digits)";
    }

    private static Map<String, Object> canonical(Map<String, AttributeValue> item) {
        return item == null ? null : ReplicaComparison.canonical(item);
    }

    /** A value as DynamoDB JSON would show it, cut short. */
    private static String shown(AttributeValue value) {
        String text = switch (value.type()) {
            case S -> "\"" + value.s() + "\"";
            case N -> value.n();
            default -> value.toString();
        };
        return text.length() <= VALUE_LENGTH ? text : text.substring(0, VALUE_LENGTH) + "…";
    }

    private static long givenUp(LocalCloud cloud) {
        return cloud.triggers().stream().mapToLong((StreamTrigger trigger) -> trigger.status().counts().recordsDiscarded())
                .sum();
    }

    /**
     * Seeded requests written to {@code logfile}, one PutItem, UpdateItem or DeleteItem each, with
     * every version of each item kept, so a check can tell an older version from a wrong one.
     */
    public static final class Logfile implements TableChangesExercise.Source {

        private final SplittableRandom random;
        private final LogfileWorkload items;
        private final Map<String, Map<String, AttributeValue>> current = new LinkedHashMap<>();
        private final Map<String, List<Map<String, Object>>> versions = new HashMap<>();
        private int nextId;

        Logfile(long seed) {
            random = new SplittableRandom(seed);
            items = new LogfileWorkload(seed, 1);
        }

        @Override
        public void add(LocalCloud cloud, int count) {
            for (int i = 0; i < count; i++) {
                String key = "request#" + (200_000 + nextId++);
                put(cloud, items.item(key));
            }
        }

        /** Rewrites {@code rewritten} items whole (a new host, size, url...) and takes the url off {@code edited}. */
        @Override
        public void change(LocalCloud cloud, int rewritten, int edited) {
            for (int i = 0; i < rewritten; i++) {
                put(cloud, items.item(pick()));
            }
            for (int i = 0; i < edited; i++) {
                String key = pick();
                cloud.dynamoDb().dynamoDbClient().updateItem(b -> b.tableName(SOURCE)
                        .key(Map.of("PK", AttributeValue.fromS(key))).updateExpression("REMOVE #url")
                        .expressionAttributeNames(Map.of("#url", "url")));
                Map<String, AttributeValue> item = new HashMap<>(current.get(key));
                item.remove("url");
                remember(key, item);
            }
        }

        @Override
        public void remove(LocalCloud cloud, int count) {
            for (int i = 0; i < count; i++) {
                String key = pick();
                cloud.dynamoDb().dynamoDbClient().deleteItem(b -> b.tableName(SOURCE)
                        .key(Map.of("PK", AttributeValue.fromS(key))));
                current.remove(key);
            }
        }

        /** Adds the replica's own index, waits until it is built, then writes the request it refuses. */
        @Override
        public void addPoison(LocalCloud cloud) {
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            dynamoDb.updateTable(b -> b.tableName(REPLICA)
                    .attributeDefinitions(definition -> definition.attributeName("triage")
                            .attributeType(ScalarAttributeType.S))
                    .globalSecondaryIndexUpdates(update -> update.create(index -> index.indexName(POISON_INDEX)
                            .keySchema(key -> key.attributeName("triage").keyType(KeyType.HASH))
                            .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY)))));
            awaitIndex(dynamoDb);
            Map<String, AttributeValue> poison = new HashMap<>(items.item(POISON_KEY));
            poison.put("triage", AttributeValue.fromN("7"));
            dynamoDb.putItem(b -> b.tableName(SOURCE).item(poison));
        }

        /** Whether the item was a version of {@code key} that a later change replaced. */
        boolean heldBefore(String key, Map<String, Object> item) {
            List<Map<String, Object>> held = versions.getOrDefault(key, List.of());
            return held.subList(0, Math.max(0, held.size() - 1)).contains(item);
        }

        private void put(LocalCloud cloud, Map<String, AttributeValue> item) {
            cloud.dynamoDb().dynamoDbClient().putItem(b -> b.tableName(SOURCE).item(item));
            remember(item.get("PK").s(), item);
        }

        private void remember(String key, Map<String, AttributeValue> item) {
            current.put(key, item);
            versions.computeIfAbsent(key, k -> new ArrayList<>()).add(ReplicaComparison.canonical(item));
        }

        private String pick() {
            return new ArrayList<>(current.keySet()).get(random.nextInt(current.size()));
        }

        private static void awaitIndex(DynamoDbClient dynamoDb) {
            Instant deadline = Instant.now().plus(INDEX_READY);
            while (dynamoDb.describeTable(b -> b.tableName(REPLICA)).table().globalSecondaryIndexes().stream()
                    .noneMatch(index -> index.indexName().equals(POISON_INDEX)
                            && index.indexStatus() == IndexStatus.ACTIVE)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(POISON_INDEX + " on " + REPLICA + " not built within " + INDEX_READY);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while " + POISON_INDEX + " was built", e);
                }
            }
        }
    }
}
