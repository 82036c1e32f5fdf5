package dev.ddbstreams.replication.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Compares a source table with its replica item by item (strongly consistent scans of both), for
 * the tests, the lab and the benchmark. Items are compared as SDK attribute maps, so a number
 * {@code 1.50} and {@code 1.5}, or a string and a number, differ.
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
        Map<String, Map<String, AttributeValue>> source = items(dynamoDb, sourceTable);
        Map<String, Map<String, AttributeValue>> replica = items(dynamoDb, replicaTable);
        List<String> missing = new ArrayList<>();
        List<String> different = new ArrayList<>();
        source.forEach((pk, item) -> {
            Map<String, AttributeValue> copy = replica.get(pk);
            if (copy == null) {
                missing.add(pk);
            } else if (!copy.equals(item)) {
                different.add(pk);
            }
        });
        List<String> extra = replica.keySet().stream().filter(pk -> !source.containsKey(pk)).toList();
        return new Differences(source.size(), replica.size(), missing, extra, different);
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
