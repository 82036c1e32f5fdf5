package dev.ddbstreams.aggregation;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The votes counted again from the {@code votes} table itself, every page of a Scan: the truth any
 * totals table must equal once its counter has caught up. A vote counts when it has a non-empty
 * string {@code region} and {@code improvement}. It reads the whole table, so it is for tests,
 * labs and the comparison page of a lab-sized table, not for a production dashboard.
 */
public final class VoteRecount {

    private VoteRecount() {
    }

    /** One total per (region, improvement) that has votes, by region then improvement. */
    public static List<DashboardSnapshot.Total> of(DynamoDbClient dynamoDb, String votesTable) {
        Map<String, Map<String, BigDecimal>> counts = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(votesTable)).items().forEach(item -> {
            String region = string(item.get("region"));
            String improvement = string(item.get("improvement"));
            if (region != null && improvement != null) {
                counts.computeIfAbsent(region, r -> new TreeMap<>()).merge(improvement, BigDecimal.ONE, BigDecimal::add);
            }
        });
        return counts.entrySet().stream()
                .flatMap(region -> region.getValue().entrySet().stream()
                        .map(e -> new DashboardSnapshot.Total(region.getKey(), e.getKey(), e.getValue())))
                .toList();
    }

    private static String string(AttributeValue value) {
        return value == null || value.s() == null || value.s().isEmpty() ? null : value.s();
    }
}
