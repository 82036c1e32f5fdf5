package dev.ddbstreams.aggregation;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
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

    /** The body in {@link dev.ddbstreams.records.Json}'s form: the fields in declaration order, a vote's castAt as {@code cast_at}. */
    public Map<String, Object> toJsonValue() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("totals", totals.stream().map(total -> object("region", total.region(), "improvement",
                total.improvement(), "votes", total.votes())).toList());
        json.put("regions", regions.stream().map(region -> object("region", region.region(), "votes", region.votes())).toList());
        json.put("latest", latest.stream().map(vote -> object("id", vote.id(), "region", vote.region(), "improvement",
                vote.improvement(), "cast_at", vote.castAt())).toList());
        json.put("generatedAt", generatedAt);
        return json;
    }

    /** A JSON object of these names and values, in order (values may be null, which Map.of refuses). */
    static Map<String, Object> object(Object... namesAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return object;
    }

    /** One row of {@code total_votes}. */
    public record Total(String region, String improvement, BigDecimal votes) {
    }

    public record RegionTotal(String region, BigDecimal votes) {
    }

    /** One vote as the {@code ByDay} index returns it; attributes the item lacks are null. */
    public record Vote(String id, String region, String improvement, String castAt) {
    }
}
