package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.aggregation.VoteRecount;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The comparison page ({@code /compare}) in headless Chromium while both counters suffer injected
 * faults: the exact totals end equal to a recount, the naive ones above it, marked, and each
 * trigger's retries and duplicate deliveries are on the page.
 *
 * <p>Runs only where {@code /usr/bin/chromedriver} exists (the {@code browser-tests} profile).
 */
class DashboardCompareBrowserIT {

    /**
     * The faults lab 01 switches on. With seed 10 each function's first invocation fails after its
     * writes committed (retried) and its second is delivered twice, however the votes fall into batches.
     */
    private static final FunctionFaults FAULTS = FunctionFaults.parse("duplicate=0.3,fail-after=0.1,seed=10");
    private static final Duration SETTLED = Duration.ofSeconds(90);
    private static final List<String> REGIONS = List.of("NORTH", "SOUTH", "EAST");
    private static final List<String> IMPROVEMENTS = List.of("MORE_TREES", "BIKE_LANES");

    /** What the page shows, read in one script so a re-render cannot tear it. */
    private static final String READ_PAGE = """
            const cell = (row, cls) => row.querySelector('td.' + cls);
            const rows = Array.from(document.querySelectorAll('#compare tbody tr[data-region]')).map(r => ({
              key: r.getAttribute('data-region') + '/' + r.getAttribute('data-improvement'),
              drift: r.classList.contains('drift'),
              recount: cell(r, 'recount').textContent,
              exact: cell(r, 'exact').textContent,
              naive: cell(r, 'naive').textContent,
              naiveDiff: cell(r, 'naive-diff').textContent,
              naiveDiffMarked: cell(r, 'naive-diff').classList.contains('over')
            }));
            const triggers = {};
            document.querySelectorAll('#triggers tbody tr[data-function]').forEach(r => {
              triggers[r.getAttribute('data-function')] = {
                iteratorAge: cell(r, 'iterator-age').textContent,
                invocations: cell(r, 'invocations').textContent,
                retries: cell(r, 'retries').textContent,
                errors: cell(r, 'errors').textContent,
                duplicates: cell(r, 'duplicates').textContent,
                quarantined: cell(r, 'quarantined').textContent
              };
            });
            return {
              status: document.getElementById('status').textContent,
              summary: document.getElementById('summary').textContent,
              rows: rows,
              triggers: triggers
            };
            """;

    @RegisterExtension
    final DashboardInChromium browser = new DashboardInChromium(
            Map.of("VoteCounterFunction", FAULTS, "NaiveVoteCounterFunction", FAULTS));

    @Test
    void comparePage_underRetriesAndDuplicates_showsExactEqualToRecountAndNaiveDriftMarked() throws Exception {
        DashboardFixture dashboard = browser.dashboard();
        browser.open(dashboard.compareUrl());
        // Votes a few at a time, so the naive trigger (BatchSize 100) makes many invocations to fault.
        for (int i = 0; i < 36; i++) {
            dashboard.castVote("compare-vote-" + i, REGIONS.get(i % 3), IMPROVEMENTS.get(i / 3 % 2));
            Thread.sleep(60);
        }
        Map<String, String> recount = new TreeMap<>();
        VoteRecount.of(dashboard.dynamoDb(), dashboard.dashboard().votesTable())
                .forEach(total -> recount.put(total.region() + "/" + total.improvement(), total.votes().toPlainString()));

        await().atMost(SETTLED).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Object> page = browser.script(READ_PAGE);
            List<Map<String, Object>> rows = rows(page);
            assertThat(page.get("status")).asString().startsWith("Updated ").endsWith("recounted every 1 s)");
            assertThat(rows).extracting(row -> row.get("key")).containsExactlyElementsOf(recount.keySet());
            assertThat(rows).allSatisfy(row -> {
                assertThat(row.get("recount")).isEqualTo(recount.get(row.get("key")));
                assertThat(row.get("exact")).isEqualTo(row.get("recount"));
                assertThat(new BigDecimal((String) row.get("naive"))).isGreaterThanOrEqualTo(
                        new BigDecimal((String) row.get("recount")));
                // A row is marked exactly when its naive total is above the recount.
                boolean over = !row.get("naive").equals(row.get("recount"));
                assertThat(row.get("drift")).isEqualTo(over);
                assertThat(row.get("naiveDiffMarked")).isEqualTo(over);
            });
            assertThat(rows).anySatisfy(row -> {
                assertThat(row.get("drift")).isEqualTo(true);
                assertThat((String) row.get("naiveDiff")).startsWith("+");
            });
            assertThat(page.get("summary")).asString().startsWith("36 votes. Naive: +")
                    .endsWith("Exact: equal to the recount.");

            Map<String, Map<String, Object>> triggers = triggers(page);
            assertThat(triggers).containsOnlyKeys("workshop-aggregation-VoteCounterFunction",
                    "workshop-aggregation-NaiveVoteCounterFunction");
            assertThat(triggers.values()).allSatisfy(trigger -> {
                assertThat(Long.parseLong((String) trigger.get("retries"))).isPositive();
                assertThat(Long.parseLong((String) trigger.get("duplicates"))).isPositive();
                assertThat(Long.parseLong((String) trigger.get("errors"))).isPositive();
                assertThat(Long.parseLong((String) trigger.get("iteratorAge"))).isNotNegative();
                assertThat(Long.parseLong((String) trigger.get("invocations"))).isPositive();
            });
            assertThat(triggers.get("workshop-aggregation-VoteCounterFunction").get("quarantined")).isEqualTo("0");
            assertThat(triggers.get("workshop-aggregation-NaiveVoteCounterFunction").get("quarantined")).isEqualTo("-");
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("rows");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> triggers(Map<String, Object> page) {
        return (Map<String, Map<String, Object>>) page.get("triggers");
    }
}
