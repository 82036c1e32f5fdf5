package dev.ddbstreams.aggregation;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * The dashboard's reads, and nothing else (its IAM policy allows only these):
 *
 * <ul>
 *   <li>the totals: a Scan of {@code total_votes}, every page. The table holds one item per
 *       (region, improvement), a few dozen, so one page in practice; reading all pages keeps it
 *       right if it grows.</li>
 *   <li>the latest votes: a Query of the {@code votes} table's {@code ByDay} index (partition
 *       {@code day}, the UTC date {@code yyyy-MM-dd}; sort key {@code cast_at}, ISO-8601), newest
 *       first. When today has fewer than asked for, yesterday fills the rest, so the list does not
 *       empty at midnight UTC; older votes are never shown.</li>
 *   <li>the recount, for the comparison page: a Scan of the {@code votes} table within a budget.</li>
 * </ul>
 *
 * <p>Both reads are eventually consistent (half the cost; a GSI offers nothing else): a vote can
 * appear a fraction of a second later than a strongly consistent read would show it.
 */
final class DashboardQueries {

    static final String BY_DAY_INDEX = "ByDay";

    private static final Logger LOG = LoggerFactory.getLogger(DashboardQueries.class);

    private final DynamoDbClient dynamoDb;
    private final String votesTable;
    private final String totalsTable;
    private final String naiveTotalsTable;
    private final Integer scanPageSize;

    /**
     * @param scanPageSize the Scan's Limit, or null for DynamoDB's 1 MB pages; tests set it to
     *     read the totals or the votes in several pages
     */
    DashboardQueries(DynamoDbClient dynamoDb, String votesTable, String totalsTable, String naiveTotalsTable,
            Integer scanPageSize) {
        this.dynamoDb = dynamoDb;
        this.votesTable = votesTable;
        this.totalsTable = totalsTable;
        this.naiveTotalsTable = naiveTotalsTable;
        this.scanPageSize = scanPageSize;
    }

    /** Every row of the exact counter's totals table that has a numeric count. */
    List<DashboardSnapshot.Total> totals() {
        return totals(totalsTable);
    }

    /** Every row of the naive counter's totals table that has a numeric count. */
    List<DashboardSnapshot.Total> naiveTotals() {
        return totals(naiveTotalsTable);
    }

    /** The votes counted again from the votes table, within a budget ({@link VoteRecount#bounded}). */
    VoteRecount.Result recount(int maxItems, Instant deadline, InstantSource clock) {
        return VoteRecount.bounded(dynamoDb, votesTable, maxItems, scanPageSize, deadline, clock);
    }

    private List<DashboardSnapshot.Total> totals(String table) {
        List<DashboardSnapshot.Total> totals = new ArrayList<>();
        ScanRequest request = ScanRequest.builder().tableName(table).limit(scanPageSize).build();
        dynamoDb.scanPaginator(request).items().forEach(item -> {
            Optional<String> region = string(item, "region");
            Optional<String> improvement = string(item, "improvement");
            AttributeValue votes = item.get(VoteAggregator.TOTAL);
            if (region.isPresent() && improvement.isPresent() && votes != null && votes.n() != null) {
                totals.add(new DashboardSnapshot.Total(region.get(), improvement.get(), new BigDecimal(votes.n())));
            } else {
                LOG.debug("skipping a {} item without region, improvement and a numeric {}", table,
                        VoteAggregator.TOTAL);
            }
        });
        return totals;
    }

    /** Up to {@code count} votes cast today or yesterday (UTC, as of {@code now}), newest first. */
    List<DashboardSnapshot.Vote> latestVotes(Instant now, int count) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<DashboardSnapshot.Vote> votes = new ArrayList<>(count);
        for (LocalDate day : List.of(today, today.minusDays(1))) {
            if (votes.size() < count) {
                latestOfDay(day, count - votes.size(), votes);
            }
        }
        return votes;
    }

    /** Newest first; pages on in the rare case a page stops short (1 MB read) before {@code count}. */
    private void latestOfDay(LocalDate day, int count, List<DashboardSnapshot.Vote> into) {
        int wanted = count;
        Map<String, AttributeValue> startKey = null;
        do {
            QueryResponse page = dynamoDb.query(QueryRequest.builder()
                    .tableName(votesTable)
                    .indexName(BY_DAY_INDEX)
                    .keyConditionExpression("#day = :day")
                    .expressionAttributeNames(Map.of("#day", "day"))
                    .expressionAttributeValues(Map.of(":day", AttributeValue.fromS(day.toString())))
                    .scanIndexForward(false)
                    .limit(wanted)
                    .exclusiveStartKey(startKey)
                    .build());
            page.items().forEach(item -> into.add(new DashboardSnapshot.Vote(string(item, "id").orElse(null),
                    string(item, "region").orElse(null), string(item, "improvement").orElse(null),
                    string(item, "cast_at").orElse(null))));
            wanted -= page.items().size();
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (wanted > 0 && startKey != null);
    }

    private static Optional<String> string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? Optional.empty() : Optional.ofNullable(value.s());
    }
}
