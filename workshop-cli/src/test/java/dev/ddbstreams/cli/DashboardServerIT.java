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
