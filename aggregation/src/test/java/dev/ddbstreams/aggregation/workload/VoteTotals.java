package dev.ddbstreams.aggregation.workload;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Totals per {@code region/improvement}, read from a totals table or recounted from the votes themselves. */
public final class VoteTotals {

    private VoteTotals() {
    }

    /** A totals table as {@code "SOUTH/MORE_TREES" -> 12}; zero totals are left out, as a recount has none. */
    public static Map<String, BigDecimal> read(DynamoDbClient dynamoDb, String totalsTable) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(totalsTable)).items().forEach(item -> {
            BigDecimal total = new BigDecimal(item.get("total_votes").n());
            if (total.signum() != 0) {
                totals.put(item.get("region").s() + "/" + item.get("improvement").s(), total);
            }
        });
        return totals;
    }

    /** Counts the valid votes in the votes table: the truth any totals table must equal. */
    public static Map<String, BigDecimal> recount(DynamoDbClient dynamoDb, String votesTable) {
        Map<String, BigDecimal> totals = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(votesTable)).items().forEach(item -> {
            String region = string(item.get("region"));
            String improvement = string(item.get("improvement"));
            if (region != null && improvement != null) {
                totals.merge(region + "/" + improvement, BigDecimal.ONE, BigDecimal::add);
            }
        });
        return totals;
    }

    private static String string(AttributeValue value) {
        return value == null || value.s() == null || value.s().isEmpty() ? null : value.s();
    }
}
