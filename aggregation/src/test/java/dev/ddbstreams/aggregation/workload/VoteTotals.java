package dev.ddbstreams.aggregation.workload;

import dev.ddbstreams.aggregation.VoteRecount;
import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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
        VoteRecount.of(dynamoDb, votesTable)
                .forEach(total -> totals.put(total.region() + "/" + total.improvement(), total.votes()));
        return totals;
    }
}
