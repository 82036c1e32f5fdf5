package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ddbstreams.records.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's bodies as databind wrote the same records before the move to jackson-core's
 * streaming API (the annotations they carried are mix-ins here): databind, test scope only, is the
 * oracle. Random snapshots and comparisons from fixed seeds.
 */
class DashboardJsonOracleTest {

    private static final int SEEDS = 200;
    private static final String[] TEXTS = {"NORTH", "SOUTH", "é", "\uD83D\uDE00", "q\"b\\s", "</script>", ""};

    private static final ObjectMapper OLD = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .addMixIn(DashboardSnapshot.Vote.class, OldVote.class)
            .addMixIn(VoteComparison.Row.class, OldRow.class)
            .build();

    private abstract static class OldVote {
        @JsonProperty("cast_at")
        abstract String castAt();
    }

    private abstract static class OldRow {
        @JsonProperty
        abstract BigDecimal exactDifference();

        @JsonProperty
        abstract BigDecimal naiveDifference();
    }

    @Test
    void snapshotAndComparison_whenRandom_areWrittenAsDatabindWroteThem() throws Exception {
        for (int seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            List<DashboardSnapshot.Vote> latest = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                latest.add(new DashboardSnapshot.Vote(maybe(random, "v" + random.nextInt(100)), maybe(random, text(random)),
                        maybe(random, text(random)), maybe(random, "2026-12-05T10:00:0" + random.nextInt(10) + "Z")));
            }
            Instant at = Instant.ofEpochMilli(1_764_928_800_000L + random.nextInt(1_000_000));
            DashboardSnapshot snapshot = DashboardSnapshot.of(totals(random), latest, at);
            VoteComparison comparison = VoteComparison.of(
                    new VoteRecount.Result(totals(random), random.nextInt(100), random.nextInt(4) > 0),
                    totals(random), totals(random), at);

            assertThat(Json.toJson(snapshot.toJsonValue(), JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN))
                    .as("seed %d", seed).isEqualTo(OLD.writeValueAsString(snapshot));
            assertThat(Json.toJson(comparison.toJsonValue(), JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN))
                    .as("seed %d", seed).isEqualTo(OLD.writeValueAsString(comparison));
        }
    }

    private static List<DashboardSnapshot.Total> totals(Random random) {
        List<DashboardSnapshot.Total> totals = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            totals.add(new DashboardSnapshot.Total(text(random), text(random) + random.nextInt(3), number(random)));
        }
        return totals;
    }

    // Counts as DynamoDB gives them back: integers up to 38 digits, and the odd exponent or fraction.
    private static BigDecimal number(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> new BigDecimal(new BigInteger(120, random));
            case 1 -> new BigDecimal("1E+" + random.nextInt(30));
            case 2 -> new BigDecimal(random.nextInt(100) + ".50");
            default -> BigDecimal.valueOf(random.nextInt(2000) - 1000);
        };
    }

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }

    private static String maybe(Random random, String value) {
        return random.nextInt(5) == 0 ? null : value;
    }
}
