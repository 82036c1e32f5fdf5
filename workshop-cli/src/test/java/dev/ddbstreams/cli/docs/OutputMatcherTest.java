package dev.ddbstreams.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutputMatcherTest {

    private static final String OUTPUT = """
            == votes: vote aggregation
            Triggers drained after 3.52 s:
              workshop-votes-VoteCounterFunction   5977 records processed,  61 invocations
            \u001B[32m[PASS]\u001B[0m every trigger drained its stream
            All checks passed (votes).
            """;

    @Test
    void firstMissing_whenLinesAppearInOrderWithWildcards_isEmpty() {
        List<String> expected = List.of(
                "== votes: vote aggregation",
                "…",
                "Triggers drained after … s:",
                "",
                "workshop-votes-VoteCounterFunction 5977 records processed, … invocations",
                "All checks passed (votes).");

        assertThat(OutputMatcher.firstMissing(expected, OUTPUT)).isEmpty();
    }

    @Test
    void firstMissing_whenALineDiffers_returnsIt() {
        List<String> expected = List.of("Triggers drained after … s:",
                "workshop-votes-VoteCounterFunction 5978 records processed, … invocations");

        assertThat(OutputMatcher.firstMissing(expected, OUTPUT))
                .contains("workshop-votes-VoteCounterFunction 5978 records processed, … invocations");
    }

    @Test
    void firstMissing_whenLinesAreOutOfOrder_returnsTheLaterOne() {
        List<String> expected = List.of("All checks passed (votes).", "== votes: vote aggregation");

        assertThat(OutputMatcher.firstMissing(expected, OUTPUT)).contains("== votes: vote aggregation");
    }

    @Test
    void firstMissing_matchesWholeLinesOnly() {
        assertThat(OutputMatcher.firstMissing(List.of("checks passed"), OUTPUT)).contains("checks passed");
        assertThat(OutputMatcher.firstMissing(List.of("[PASS] every trigger drained its stream"), OUTPUT)).isEmpty();
    }
}
