package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The comparison page ({@code /compare}) in headless Chromium when the votes outnumber the
 * recount's budget ({@code RecountMaxItems}): it says the recount is incomplete, shows both
 * counters' totals and marks nothing, as it would on AWS with a table past 10,000 votes.
 *
 * <p>Runs only where {@code /usr/bin/chromedriver} exists (the {@code browser-tests} profile).
 */
class DashboardCompareBudgetBrowserIT {

    private static final int BUDGET = 3;
    private static final int VOTES = 5;

    /** The table's rows and the summary, read in one script so a re-render cannot tear it. */
    private static final String READ_PAGE = """
            const cell = (row, cls) => row.querySelector('td.' + cls).textContent;
            return {
              status: document.getElementById('status').textContent,
              summary: document.getElementById('summary').textContent,
              marked: document.querySelectorAll('#compare .drift, #compare .over, #compare .lag').length,
              rows: Array.from(document.querySelectorAll('#compare tbody tr[data-region]')).map(r => [
                cell(r, 'recount'), cell(r, 'exact'), cell(r, 'naive'), cell(r, 'exact-diff'), cell(r, 'naive-diff')])
            };
            """;

    @RegisterExtension
    final DashboardInChromium browser = new DashboardInChromium(Map.of(),
            Map.of("RecountMaxItems", Integer.toString(BUDGET)));

    @Test
    void comparePage_whenVotesOutnumberTheRecountBudget_saysIncompleteAndShowsTheCounters() {
        DashboardFixture dashboard = browser.dashboard();
        browser.open(dashboard.compareUrl());
        for (int i = 0; i < VOTES; i++) {
            dashboard.castVote("budget-vote-" + i, "NORTH", "MORE_TREES");
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> page = browser.script(READ_PAGE);
            assertThat(page.get("status")).asString().startsWith("Updated ");
            assertThat(page.get("summary")).asString().isEqualTo("Recount incomplete: the votes table holds more "
                    + "than it may read (" + (BUDGET + 1) + " items read). Exact: " + VOTES + " votes. Naive: "
                    + VOTES + " votes.");
            assertThat(page.get("rows")).isEqualTo(List.of(List.of("-", "5", "5", "-", "-")));
            assertThat(page.get("marked")).isEqualTo(0L);
        });
    }
}
