package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class DashboardVoteItemTest {

    @Test
    void castAt_whenFractionIsZero_keepsMillisecondsSoStringsSortByTime() {
        String whole = DashboardVoteItem.castAt(Instant.parse("2026-11-21T10:15:05Z"));
        String later = DashboardVoteItem.castAt(Instant.parse("2026-11-21T10:15:05.250Z"));

        assertThat(whole).isEqualTo("2026-11-21T10:15:05.000Z");
        assertThat(whole).isLessThan(later);
    }

    @Test
    void of_whenJustBeforeMidnightUtc_putsTheVoteOnThatDay() {
        assertThat(DashboardVoteItem.of("1", "NORTH", "MORE_TREES", Instant.parse("2026-11-21T23:59:59.999Z")))
                .containsEntry("day", AttributeValue.fromS("2026-11-21"))
                .containsOnlyKeys("id", "region", "improvement", "cast_at", "day");
    }
}
