package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local function URL in front of the template's DashboardFunction, over real HTTP. */
class DashboardServerIT {

    @TempDir
    static Path workFolder;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static DashboardFixture dashboard;

    @BeforeAll
    static void startDashboard() {
        dashboard = DashboardFixture.start(workFolder);
        // The function's cold start can pass its 10-second timeout on a loaded machine (a 502): not what these test.
        await().atMost(Duration.ofSeconds(90)).until(() -> get("/").statusCode() == 200);
    }

    @AfterAll
    static void stopDashboard() {
        dashboard.close();
    }

    @Test
    void getPage_whenServed_returnsTheHandlersHtmlAndHeaders() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).startsWith("default-src 'none'"));
        assertThat(response.body()).contains("<title>Live votes</title>");
    }

    @Test
    void getDashboard_whenVoteCast_countsItAndListsItFirst() throws Exception {
        dashboard.castVote("server-it-1", "SOUTH", "BIKE_LANES");

        // The exact counter commits at the end of its 1-second tumbling window.
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode body = JSON.readTree(get("/api/dashboard?t=1").body());
            assertThat(body.at("/latest/0/id").asText()).isEqualTo("server-it-1");
            assertThat(body.get("totals")).anySatisfy(total -> {
                assertThat(total.get("region").asText()).isEqualTo("SOUTH");
                assertThat(total.get("improvement").asText()).isEqualTo("BIKE_LANES");
                assertThat(total.get("votes").asInt()).isPositive();
            });
        });
    }

    @Test
    void getCompare_whenVoteCast_showsItInTheRecountAndBothCounters() throws Exception {
        dashboard.castVote("server-it-compare", "EAST", "STREET_LIGHTS");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode body = JSON.readTree(get("/api/compare").body());
            assertThat(body.get("rows")).anySatisfy(row -> {
                assertThat(row.get("region").asText()).isEqualTo("EAST");
                assertThat(row.get("improvement").asText()).isEqualTo("STREET_LIGHTS");
                assertThat(row.get("recount").asInt()).isEqualTo(1);
                assertThat(row.get("exact").asInt()).isEqualTo(1);
                assertThat(row.get("naive").asInt()).isEqualTo(1);
            });
            // Locally a recount is free: read every second (CompareRefreshSeconds 1), the whole table.
            assertThat(body.get("refreshSeconds").asInt()).isEqualTo(1);
            assertThat(body.get("recountComplete").asBoolean()).isTrue();
        });
    }

    @Test
    void getLocalTriggers_whenVotesCounted_returnsBothCountersTriggersOnly() throws Exception {
        dashboard.castVote("server-it-triggers", "WEST", "MORE_BENCHES");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> response = get("/local/triggers");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            JsonNode triggers = JSON.readTree(response.body()).get("triggers");
            assertThat(triggers).extracting(t -> t.get("functionName").asText()).containsExactlyInAnyOrder(
                    "workshop-aggregation-VoteCounterFunction", "workshop-aggregation-NaiveVoteCounterFunction");
            assertThat(triggers).allSatisfy(t -> {
                assertThat(t.get("table").asText()).isEqualTo("votes");
                assertThat(t.at("/counts/invocations").asLong()).isPositive();
                assertThat(t.get("iteratorAgeMillis").asLong()).isNotNegative();
            });
            assertThat(triggers).filteredOn(t -> t.has("quarantine")).extracting(t -> t.get("functionName").asText())
                    .containsExactly("workshop-aggregation-VoteCounterFunction");
        });
    }

    @Test
    void get_whenPathUnknown_returns404() throws Exception {
        assertThat(get("/admin").statusCode()).isEqualTo(404);
    }

    @Test
    void post_whenAnyPath_returns405AllowingGet() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(dashboard.url().resolve("/api/dashboard"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"region\":\"NORTH\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        URI uri = dashboard.url().resolve(path);
        return HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
