package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class VoteComparisonTest {

    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");

    private static DashboardSnapshot.Total total(String region, String improvement, long votes) {
        return new DashboardSnapshot.Total(region, improvement, BigDecimal.valueOf(votes));
    }

    @Test
    void of_whenAKeyIsMissingFromACounter_showsZeroThereAndTheDifference() {
        VoteComparison comparison = VoteComparison.of(
                complete(total("SOUTH", "MORE_TREES", 5), total("NORTH", "PLAYGROUNDS", 2)),
                List.of(total("SOUTH", "MORE_TREES", 5)),
                List.of(total("SOUTH", "MORE_TREES", 7), total("NORTH", "PLAYGROUNDS", 2), total("EAST", "BIKE_LANES", 1)),
                NOW);

        assertThat(comparison.rows()).extracting(VoteComparison.Row::region, VoteComparison.Row::improvement,
                        r -> r.recount().intValue(), r -> r.exact().intValue(), r -> r.naive().intValue(),
                        r -> r.exactDifference().intValue(), r -> r.naiveDifference().intValue())
                .containsExactly(
                        Tuple.tuple("EAST", "BIKE_LANES", 0, 0, 1, 0, 1),
                        Tuple.tuple("NORTH", "PLAYGROUNDS", 2, 0, 2, -2, 0),
                        Tuple.tuple("SOUTH", "MORE_TREES", 5, 5, 7, 0, 2));
        assertThat(comparison.sum()).isEqualTo(new VoteComparison.Row(null, null, BigDecimal.valueOf(7),
                BigDecimal.valueOf(5), BigDecimal.valueOf(10)));
        assertThat(comparison.generatedAt()).isEqualTo("2026-12-05T12:00:00Z");
    }

    @Test
    void of_whenNothingCounted_hasNoRowsAndZeroSums() {
        VoteComparison comparison = VoteComparison.of(complete(), List.of(), List.of(), NOW);

        assertThat(comparison.rows()).isEmpty();
        assertThat(comparison.sum().naiveDifference()).isZero();
        assertThat(comparison.sum().exactDifference()).isZero();
    }

    @Test
    void of_whenRecountIncomplete_comparesWithNothingAndSaysSo() {
        VoteComparison comparison = VoteComparison.of(
                new VoteRecount.Result(List.of(total("SOUTH", "MORE_TREES", 3), total("EAST", "BIKE_LANES", 1)), 4,
                        false),
                List.of(total("SOUTH", "MORE_TREES", 5)), List.of(total("SOUTH", "MORE_TREES", 7)), NOW);

        assertThat(comparison.recountComplete()).isFalse();
        assertThat(comparison.recountItemsRead()).isEqualTo(4);
        // The partial recount's keys are not rows: only what the counters hold.
        assertThat(comparison.rows()).containsExactly(new VoteComparison.Row("SOUTH", "MORE_TREES", null,
                BigDecimal.valueOf(5), BigDecimal.valueOf(7)));
        assertThat(comparison.rows().get(0).exactDifference()).isNull();
        assertThat(comparison.rows().get(0).naiveDifference()).isNull();
        assertThat(comparison.sum()).isEqualTo(new VoteComparison.Row(null, null, null, BigDecimal.valueOf(5),
                BigDecimal.valueOf(7)));
    }

    private static VoteRecount.Result complete(DashboardSnapshot.Total... totals) {
        return new VoteRecount.Result(List.of(totals), totals.length, true);
    }
}
