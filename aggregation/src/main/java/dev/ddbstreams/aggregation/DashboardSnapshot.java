package dev.ddbstreams.aggregation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the dashboard shows at one moment: the body of {@code GET /api/dashboard}.
 *
 * @param totals one per (region, improvement) of {@code total_votes}, by region then improvement
 * @param regions the totals summed per region, by region
 * @param latest the latest votes, newest first
 * @param generatedAt when the snapshot was read (ISO-8601)
 */
public record DashboardSnapshot(List<Total> totals, List<RegionTotal> regions, List<Vote> latest, String generatedAt) {

    public DashboardSnapshot {
        totals = List.copyOf(totals);
        regions = List.copyOf(regions);
        latest = List.copyOf(latest);
    }

    /** Sorts the totals and sums them per region. */
    public static DashboardSnapshot of(List<Total> totals, List<Vote> latest, Instant generatedAt) {
        List<Total> sorted = totals.stream()
                .sorted(Comparator.comparing(Total::region).thenComparing(Total::improvement))
                .toList();
        Map<String, BigDecimal> perRegion = new TreeMap<>();
        sorted.forEach(total -> perRegion.merge(total.region(), total.votes(), BigDecimal::add));
        List<RegionTotal> regions = perRegion.entrySet().stream()
                .map(e -> new RegionTotal(e.getKey(), e.getValue()))
                .toList();
        return new DashboardSnapshot(sorted, regions, latest, generatedAt.toString());
    }

    /** One row of {@code total_votes}. */
    public record Total(String region, String improvement, BigDecimal votes) {
    }

    public record RegionTotal(String region, BigDecimal votes) {
    }

    /** One vote as the {@code ByDay} index returns it; attributes the item lacks are null. */
    public record Vote(String id, String region, String improvement, @JsonProperty("cast_at") String castAt) {
    }
}
