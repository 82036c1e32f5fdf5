package dev.ddbstreams.aggregation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The exact and the naive totals beside a recount of the votes, at one moment: the body of
 * {@code GET /api/compare}. Under retries and duplicate deliveries the naive totals drift above
 * the recount for good; the exact ones equal it once their window has committed (about a second).
 *
 * <p>A recount that stopped early ({@link VoteRecount#bounded}) is no truth to compare with: its
 * column and both differences are null then, and only the counters' totals are shown.
 *
 * @param rows one per (region, improvement) found in any of the three, by region then improvement;
 *     a key one of them lacks is 0 there
 * @param sum each column summed over the rows (no region or improvement)
 * @param generatedAt when it was read (ISO-8601)
 * @param recountComplete whether the recount read the whole votes table
 * @param recountItemsRead the items the recount's Scan read
 */
public record VoteComparison(List<Row> rows, Row sum, String generatedAt, boolean recountComplete,
        long recountItemsRead) {

    public VoteComparison {
        rows = List.copyOf(rows);
    }

    public static VoteComparison of(VoteRecount.Result recount, List<DashboardSnapshot.Total> exact,
            List<DashboardSnapshot.Total> naive, Instant generatedAt) {
        Map<String, Map<String, BigDecimal[]>> byKey = new TreeMap<>();
        List<List<DashboardSnapshot.Total>> columns = List.of(recount.complete() ? recount.totals() : List.of(),
                exact, naive);
        for (int column = 0; column < columns.size(); column++) {
            for (DashboardSnapshot.Total total : columns.get(column)) {
                BigDecimal[] cells = byKey.computeIfAbsent(total.region(), r -> new TreeMap<>())
                        .computeIfAbsent(total.improvement(), i -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                                BigDecimal.ZERO});
                cells[column] = cells[column].add(total.votes());
            }
        }
        List<Row> rows = byKey.entrySet().stream()
                .flatMap(region -> region.getValue().entrySet().stream()
                        .map(e -> new Row(region.getKey(), e.getKey(), recount.complete() ? e.getValue()[0] : null,
                                e.getValue()[1], e.getValue()[2])))
                .toList();
        Row sum = new Row(null, null, recount.complete() ? sum(rows, Row::recount) : null, sum(rows, Row::exact),
                sum(rows, Row::naive));
        return new VoteComparison(rows, sum, generatedAt.toString(), recount.complete(), recount.itemsRead());
    }

    /** The body in {@link dev.ddbstreams.records.Json}'s form: each row's fields, then its two differences. */
    public Map<String, Object> toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", rows.stream().map(Row::toJsonValue).toList());
        json.put("sum", sum.toJsonValue());
        json.put("generatedAt", generatedAt);
        json.put("recountComplete", recountComplete);
        json.put("recountItemsRead", recountItemsRead);
        return json;
    }

    private static BigDecimal sum(List<Row> rows, Function<Row, BigDecimal> column) {
        return rows.stream().map(column).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * The three counts of one (region, improvement), and how far each counter is from the recount
     * (null, as the recount, when the recount is incomplete).
     */
    public record Row(String region, String improvement, BigDecimal recount, BigDecimal exact, BigDecimal naive) {

        /** Negative for a moment while a window is open; never positive. */
        public BigDecimal exactDifference() {
            return recount == null ? null : exact.subtract(recount);
        }

        /** Positive once a batch was counted twice (or a moved or edited vote counted again). */
        public BigDecimal naiveDifference() {
            return recount == null ? null : naive.subtract(recount);
        }

        Map<String, Object> toJsonValue() {
            return DashboardSnapshot.object("region", region, "improvement", improvement, "recount", recount,
                    "exact", exact, "naive", naive, "exactDifference", exactDifference(), "naiveDifference", naiveDifference());
        }
    }
}
