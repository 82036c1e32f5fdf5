package dev.ddbstreams.replication.workload;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Compares a source table with its replica item by item (strongly consistent scans of both), for
 * the tests, the lab and the benchmark. Values are compared exactly, with their types (a string
 * and a number differ; {@code 6493.5} and {@code 6493} differ), with two exceptions that are
 * DynamoDB's own rules:
 * <ul>
 *   <li>numbers are compared as numbers: DynamoDB trims leading and trailing zeros, so
 *       {@code 1.50} and {@code 1.5} are the same number. DynamoDB Local departs from this: a
 *       read returns the number as it was written, while its stream record carries it trimmed
 *       ({@code DynamoDbLocalNumbersIT});</li>
 *   <li>sets are compared as sets: DynamoDB does not keep the order of a set's elements.</li>
 * </ul>
 */
public final class ReplicaComparison {

    /** How two tables differ: keys only in the source, keys only in the replica, keys whose items differ. */
    public record Differences(int sourceItems, int replicaItems, List<String> missing, List<String> extra,
            List<String> different) {

        public boolean none() {
            return missing.isEmpty() && extra.isEmpty() && different.isEmpty();
        }

        @Override
        public String toString() {
            return sourceItems + " items in the source, " + replicaItems + " in the replica; " + missing.size()
                    + " missing, " + extra.size() + " extra, " + different.size() + " different"
                    + (none() ? "" : " (first: " + first() + ")");
        }

        private String first() {
            return !missing.isEmpty() ? "missing " + missing.get(0)
                    : !extra.isEmpty() ? "extra " + extra.get(0) : "different " + different.get(0);
        }
    }

    private ReplicaComparison() {
    }

    public static Differences compare(DynamoDbClient dynamoDb, String sourceTable, String replicaTable) {
        return compare(dynamoDb, sourceTable, dynamoDb, replicaTable);
    }

    /** Compares tables in two regions (or two DynamoDB Locals). */
    public static Differences compare(DynamoDbClient sourceClient, String sourceTable, DynamoDbClient replicaClient,
            String replicaTable) {
        Map<String, Map<String, AttributeValue>> source = items(sourceClient, sourceTable);
        Map<String, Map<String, AttributeValue>> replica = items(replicaClient, replicaTable);
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        source.forEach((pk, item) -> {
            Map<String, AttributeValue> copy = replica.get(pk);
            if (copy == null) {
                missing.add(pk);
            } else if (!canonical(copy).equals(canonical(item))) {
                different.add(pk);
            }
        });
        List<String> extra = replica.keySet().stream().filter(pk -> !source.containsKey(pk)).toList();
        return new Differences(source.size(), replica.size(), missing, extra, different);
    }

    /**
     * An item as plain values: maps and lists kept, sets as sorted sets, each tagged with its type.
     * Two items are equal as DynamoDB would hold them when their canonical forms are equal.
     */
    public static Map<String, Object> canonical(Map<String, AttributeValue> item) {
        Map<String, Object> values = new TreeMap<>();
        item.forEach((name, value) -> values.put(name, canonical(value)));
        return values;
    }

    private static Object canonical(AttributeValue value) {
        return switch (value.type()) {
            case S -> List.of("S", value.s());
            case N -> List.of("N", number(value.n()));
            case B -> List.of("B", value.b().asByteBuffer());
            case BOOL -> List.of("BOOL", value.bool());
            case NUL -> List.of("NULL", value.nul());
            case SS -> List.of("SS", new TreeSet<>(value.ss()));
            case NS -> List.of("NS", value.ns().stream().map(ReplicaComparison::number).collect(Collectors.toCollection(TreeSet::new)));
            case BS -> List.of("BS", value.bs().stream().map(bytes -> bytes.asByteBuffer()).collect(Collectors.toSet()));
            case M -> List.of("M", canonical(value.m()));
            case L -> List.of("L", value.l().stream().map(ReplicaComparison::canonical).toList());
            case UNKNOWN_TO_SDK_VERSION -> throw new IllegalArgumentException("unknown attribute type: " + value);
        };
    }

    private static BigDecimal number(String value) {
        return new BigDecimal(value).stripTrailingZeros();
    }

    /** Every item of a table keyed by {@code PK}, sorted by it. */
    public static Map<String, Map<String, AttributeValue>> items(DynamoDbClient dynamoDb, String table) {
        Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                .forEach(item -> items.put(item.get("PK").s(), item));
        return items;
    }

    /** Items of one host in the table's {@code GSI_1} (an index query, so eventually consistent). */
    public static int countByHost(DynamoDbClient dynamoDb, String table, String host) {
        return dynamoDb.queryPaginator(b -> b.tableName(table).indexName("GSI_1")
                        .keyConditionExpression("GSI_1_PK = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("host#" + host)))
                        .select(Select.COUNT))
                .stream().mapToInt(page -> page.count()).sum();
    }
}
