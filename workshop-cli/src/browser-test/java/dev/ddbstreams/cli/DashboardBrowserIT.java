package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard page in headless Chromium, served by the local function URL, with the exact
 * counter running: votes written with the SDK appear on the page without a reload.
 *
 * <p>Runs only where {@code /usr/bin/chromedriver} exists (the {@code browser-tests} profile).
 */
class DashboardBrowserIT {

    private static final Duration PAGE_UPDATE = Duration.ofSeconds(15);

    /** What the page shows, read in one script so a re-render cannot tear it. */
    private static final String READ_PAGE = """
            const text = e => e === null ? null : e.textContent;
            const regions = {};
            document.querySelectorAll('#regions .count').forEach(e => regions[e.getAttribute('data-region')] = e.textContent);
            return {
              status: text(document.getElementById('status')),
              grand: text(document.getElementById('grand-total')),
              regions: regions,
              latestIds: Array.from(document.querySelectorAll('#latest tbody tr[data-vote-id]'))
                  .map(r => r.getAttribute('data-vote-id')),
              regionsText: text(document.getElementById('regions')),
              latestText: text(document.querySelector('#latest tbody'))
            };
            """;

    @RegisterExtension
    final DashboardInChromium browser = new DashboardInChromium(Map.of());

    @Test
    void page_whenVotesWritten_showsNewTotalsAndNewestVotesWithoutReload() {
        browser.open(browser.dashboard().url());
        await().atMost(PAGE_UPDATE).untilAsserted(() -> assertThat(page().get("status")).asString().startsWith("Updated "));
        Map<String, Object> before = page();
        assertThat(before.get("grand")).isEqualTo("0");
        assertThat(before.get("regionsText")).isEqualTo("No votes counted yet.");
        assertThat(before.get("latestText")).isEqualTo("No votes today yet.");

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "browser-vote-" + i;
            browser.dashboard().castVote(id, i < 7 ? "NORTH" : "SOUTH", i % 2 == 0 ? "MORE_TREES" : "BIKE_LANES");
            ids.add(0, id);
        }

        await().atMost(PAGE_UPDATE).untilAsserted(() -> {
            Map<String, Object> after = page();
            assertThat(after.get("grand")).isEqualTo("12");
            assertThat(after.get("regions")).isEqualTo(Map.of("NORTH", "7", "SOUTH", "5"));
            assertThat(after.get("latestIds")).isEqualTo(ids.subList(0, 10));
        });
    }

    @Test
    void page_whenVoteHoldsMarkup_rendersItAsText() {
        browser.open(browser.dashboard().url());
        String markup = "<b>x</b><img src=x onerror=\"document.title='pwned'\">";

        browser.dashboard().castVote("markup-vote", "EAST", markup);

        await().atMost(PAGE_UPDATE).untilAsserted(() -> {
            Map<String, Object> shown = script("""
                    const row = document.querySelector('#latest tbody tr[data-vote-id="markup-vote"]');
                    const header = Array.from(document.querySelectorAll('#totals thead th')).map(th => th.textContent);
                    return {
                      cell: row === null ? null : row.querySelector('td.improvement').textContent,
                      header: header,
                      elements: document.querySelectorAll('#latest b, #latest img, #totals b, #totals img').length,
                      title: document.title
                    };
                    """);
            assertThat(shown.get("cell")).isEqualTo(markup);
            assertThat(shown.get("header")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(markup);
            assertThat(shown.get("elements")).isEqualTo(0L);
            assertThat(shown.get("title")).isEqualTo("Live votes");
        });
    }

    /**
     * How long from a vote's write until the page lists it, and until its total counts it (the
     * counter's 1-second tumbling window, then the page's 1-second poll). Printed, not asserted
     * tightly: a loaded CI machine is slower.
     */
    @Test
    void page_whenVotesWrittenOneByOne_showsEachWithinSeconds() {
        browser.open(browser.dashboard().url());
        await().atMost(PAGE_UPDATE).untilAsserted(() -> assertThat(page().get("status")).asString().startsWith("Updated "));
        List<Long> listedMillis = new ArrayList<>();
        List<Long> countedMillis = new ArrayList<>();

        for (int i = 1; i <= 5; i++) {
            String id = "timed-vote-" + i;
            String total = Integer.toString(i);
            AtomicReference<Duration> listed = new AtomicReference<>();
            long written = System.nanoTime();
            browser.dashboard().castVote(id, "WEST", "PLAYGROUNDS");
            await().atMost(PAGE_UPDATE).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                Map<String, Object> shown = page();
                if (listed.get() == null && ((List<?>) shown.get("latestIds")).contains(id)) {
                    listed.set(Duration.ofNanos(System.nanoTime() - written));
                }
                assertThat(shown.get("latestIds")).asInstanceOf(InstanceOfAssertFactories.LIST).contains(id);
                assertThat(shown.get("grand")).isEqualTo(total);
            });
            countedMillis.add(Duration.ofNanos(System.nanoTime() - written).toMillis());
            listedMillis.add(listed.get().toMillis());
        }

        System.out.printf("Dashboard latency (ms, 5 votes one by one): write -> listed %s; write -> counted %s%n",
                listedMillis, countedMillis);
        assertThat(listedMillis).allSatisfy(ms -> assertThat(ms).isLessThan(PAGE_UPDATE.toMillis()));
    }

    private Map<String, Object> page() {
        return script(READ_PAGE);
    }

    private Map<String, Object> script(String body) {
        return browser.script(body);
    }
}
