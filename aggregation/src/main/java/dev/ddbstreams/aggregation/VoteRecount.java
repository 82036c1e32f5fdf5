package dev.ddbstreams.aggregation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * The votes counted again from the {@code votes} table itself, every page of a Scan: the truth any
 * totals table must equal once its counter has caught up. A vote counts when it has a non-empty
 * string {@code region} and {@code improvement}. {@link #of} reads the whole table, so it is for
 * tests and labs; {@link #bounded} is what a page on a public URL may afford.
 */
public final class VoteRecount {

    private VoteRecount() {
    }

    /**
     * A recount that may have stopped early.
     *
     * @param totals one per (region, improvement) among the items read, by region then improvement
     * @param itemsRead the items the Scan returned (votes or not)
     * @param complete true when the Scan reached the end of the table: only then are the totals the truth
     */
    public record Result(List<DashboardSnapshot.Total> totals, long itemsRead, boolean complete) {

        public Result {
            totals = List.copyOf(totals);
        }
    }

    /** One total per (region, improvement) that has votes, by region then improvement. */
    public static List<DashboardSnapshot.Total> of(DynamoDbClient dynamoDb, String votesTable) {
        Map<String, Map<String, BigDecimal>> counts = new TreeMap<>();
        dynamoDb.scanPaginator(b -> b.tableName(votesTable)).items().forEach(item -> count(item, counts));
        return totals(counts);
    }

    /**
     * Reads at most {@code maxItems} + 1 items (the one more tells a table of exactly
     * {@code maxItems} from a bigger one) and asks for no page after {@code deadline}: the
     * Scan's cost and time are bounded whatever the table's size. Each page is also at most 1 MB
     * (DynamoDB's limit) and at most {@code pageSize} items when that is not null.
     */
    public static Result bounded(DynamoDbClient dynamoDb, String votesTable, int maxItems, Integer pageSize,
            Instant deadline, InstantSource clock) {
        Map<String, Map<String, BigDecimal>> counts = new TreeMap<>();
        long read = 0;
        Map<String, AttributeValue> startKey = null;
        do {
            long left = maxItems + 1L - read;
            ScanResponse page = dynamoDb.scan(ScanRequest.builder()
                    .tableName(votesTable)
                    .limit((int) (pageSize == null ? left : Math.min(pageSize, left)))
                    .exclusiveStartKey(startKey)
                    .build());
            page.items().forEach(item -> count(item, counts));
            read += page.items().size();
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && read <= maxItems && clock.instant().isBefore(deadline));
        return new Result(totals(counts), read, startKey == null && read <= maxItems);
    }

    private static void count(Map<String, AttributeValue> item, Map<String, Map<String, BigDecimal>> counts) {
        String region = string(item.get("region"));
        String improvement = string(item.get("improvement"));
        if (region != null && improvement != null) {
            counts.computeIfAbsent(region, r -> new TreeMap<>()).merge(improvement, BigDecimal.ONE, BigDecimal::add);
        }
    }

    private static List<DashboardSnapshot.Total> totals(Map<String, Map<String, BigDecimal>> counts) {
        return counts.entrySet().stream()
                .flatMap(region -> region.getValue().entrySet().stream()
                        .map(e -> new DashboardSnapshot.Total(region.getKey(), e.getKey(), e.getValue())))
                .toList();
    }

    private static String string(AttributeValue value) {
        return value == null || value.s() == null || value.s().isEmpty() ? null : value.s();
    }
}
