package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.localcloud.dynamodb.DynamoDbLocalExtension;
import dev.ddbstreams.localcloud.metrics.Counters;
import dev.ddbstreams.localcloud.metrics.MetricsSnapshot;
import dev.ddbstreams.localcloud.metrics.RequestMetrics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DashboardHandler} on DynamoDB Local, with the requests a function URL sends. */
class DashboardHandlerIT {

    @RegisterExtension
    static final DynamoDbLocalExtension DYNAMODB = new DynamoDbLocalExtension();

    private static final Instant NOW = Instant.parse("2026-11-21T10:15:30.250Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The template's: a comparison served for 10 s, a recount of at most 10,000 items or 3 s. */
    private static final DashboardHandler.CompareLimits LIMITS =
            new DashboardHandler.CompareLimits(Duration.ofSeconds(10), 10_000, Duration.ofSeconds(3));

    private DashboardTables tables;
    private DashboardHandler handler;

    @BeforeEach
    void createTables() {
        tables = DashboardTables.create(DYNAMODB.dynamoDb());
        handler = new DashboardHandler(DYNAMODB.dynamoDb(), tables.votes(), tables.totals(), tables.naiveTotals(),
                LIMITS, InstantSource.fixed(NOW));
    }

    @Test
    void handleRequest_whenGetPage_returnsSelfContainedHtmlWithStrictPolicy() {
        APIGatewayV2HTTPResponse response = handle("function-url-get-page.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/html; charset=utf-8")
                .containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(response.getHeaders().get("Content-Security-Policy"))
                .startsWith("default-src 'none'; script-src 'sha256-")
                .contains("connect-src 'self'");
        assertThat(response.getBody()).startsWith("<!DOCTYPE html>")
                .contains("getJson(\"api/dashboard\")", "function pollEvery(ms, step)")
                .doesNotContain("@include")
                .doesNotContain("src=", "href=\"http", "@import", "url(");
    }

    @Test
    void handleRequest_whenGetPage_neverParsesDataAsHtml() {
        String html = handle("function-url-get-page.json").getBody();

        assertThat(html).contains("textContent")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    void handleRequest_whenGetDashboard_returnsTotalsRegionsAndLatestVotes() throws Exception {
        tables.putTotal("SOUTH", "MORE_TREES", 4);
        tables.putTotal("NORTH", "PLAYGROUNDS", 2);
        tables.putTotal("NORTH", "BIKE_LANES", 3);
        tables.putVote("v1", "NORTH", "BIKE_LANES", NOW.minusSeconds(20));
        tables.putVote("v2", "SOUTH", "MORE_TREES", NOW.minusSeconds(10));

        JsonNode body = jsonBody("function-url-get-dashboard.json");

        JsonNode expected = JSON.readTree("""
                {"totals":[
                   {"region":"NORTH","improvement":"BIKE_LANES","votes":3},
                   {"region":"NORTH","improvement":"PLAYGROUNDS","votes":2},
                   {"region":"SOUTH","improvement":"MORE_TREES","votes":4}],
                 "regions":[{"region":"NORTH","votes":5},{"region":"SOUTH","votes":4}],
                 "latest":[
                   {"id":"v2","region":"SOUTH","improvement":"MORE_TREES","cast_at":"2026-11-21T10:15:20.250Z"},
                   {"id":"v1","region":"NORTH","improvement":"BIKE_LANES","cast_at":"2026-11-21T10:15:10.250Z"}],
                 "generatedAt":"2026-11-21T10:15:30.250Z"}
                """);
        assertThat(body).isEqualTo(expected);
    }

    @Test
    void handleRequest_whenNothingVotedYet_returnsEmptyLists() throws Exception {
        JsonNode body = JSON.readTree(handle("function-url-get-dashboard.json").getBody());

        assertThat(body.get("totals")).isEmpty();
        assertThat(body.get("regions")).isEmpty();
        assertThat(body.get("latest")).isEmpty();
    }

    @Test
    void handleRequest_whenVoteHoldsMarkup_returnsItAsPlainJsonString() throws Exception {
        String markup = "<img src=x onerror=alert(1)></script>";
        tables.putVote("v1", "NORTH", markup, NOW.minusSeconds(1));

        APIGatewayV2HTTPResponse response = handle("function-url-get-dashboard.json");

        assertThat(response.getHeaders()).containsEntry("X-Content-Type-Options", "nosniff");
        assertThat(JSON.readTree(response.getBody()).at("/latest/0/improvement").asText()).isEqualTo(markup);
    }

    @Test
    void handleRequest_whenGetComparePage_returnsItsOwnPageWithStrictPolicy() {
        APIGatewayV2HTTPResponse response = handle("function-url-get-compare-page.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders().get("Content-Security-Policy"))
                .startsWith("default-src 'none'; script-src 'sha256-")
                .isNotEqualTo(handle("function-url-get-page.json").getHeaders().get("Content-Security-Policy"));
        assertThat(response.getBody()).startsWith("<!DOCTYPE html>")
                .contains("getJson(\"api/compare\")", "getJson(\"local/triggers\")", "function pollEvery(ms, step)")
                .doesNotContain("@include")
                .doesNotContain("src=", "href=\"http", "innerHTML", "insertAdjacentHTML", "document.write", "eval(");
    }

    @Test
    void handleRequest_whenGetCompare_returnsRecountExactAndNaiveSideBySide() throws Exception {
        tables.putVote("v1", "NORTH", "BIKE_LANES", NOW.minusSeconds(30));
        tables.putVote("v2", "NORTH", "BIKE_LANES", NOW.minusSeconds(20));
        tables.putVote("v3", "SOUTH", "MORE_TREES", NOW.minusSeconds(10));
        tables.putTotal("NORTH", "BIKE_LANES", 2);
        tables.putNaiveTotal("NORTH", "BIKE_LANES", 3);
        tables.putNaiveTotal("SOUTH", "MORE_TREES", 1);

        JsonNode body = jsonBody("function-url-get-compare.json");

        JsonNode expected = JSON.readTree("""
                {"rows":[
                   {"region":"NORTH","improvement":"BIKE_LANES","recount":2,"exact":2,"naive":3,
                    "exactDifference":0,"naiveDifference":1},
                   {"region":"SOUTH","improvement":"MORE_TREES","recount":1,"exact":0,"naive":1,
                    "exactDifference":-1,"naiveDifference":0}],
                 "sum":{"region":null,"improvement":null,"recount":3,"exact":2,"naive":4,
                    "exactDifference":-1,"naiveDifference":1},
                 "generatedAt":"2026-11-21T10:15:30.250Z",
                 "recountComplete":true,"recountItemsRead":3,"ageSeconds":0,"refreshSeconds":10}
                """);
        assertThat(body).isEqualTo(expected);
    }

    @Test
    void handleRequest_whenCompareAskedAgainWithinRefresh_scansTheVotesOnceAndServesItsAge() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        handler = new DashboardHandler(DYNAMODB.dynamoDb(), tables.votes(), tables.totals(), tables.naiveTotals(),
                LIMITS, now::get);
        tables.putVote("v1", "NORTH", "BIKE_LANES", NOW.minusSeconds(30));
        MetricsSnapshot before = RequestMetrics.global().snapshot();

        List<JsonNode> answers = new ArrayList<>();
        for (int second = 0; second < 10; second++) {
            now.set(NOW.plusSeconds(second));
            answers.add(jsonBody("function-url-get-compare.json"));
            tables.putVote("later" + second, "NORTH", "BIKE_LANES", NOW.plusSeconds(second));
        }

        assertThat(scansOfVotes(before)).isEqualTo(1);
        assertThat(answers).extracting(a -> a.get("generatedAt").asText()).containsOnly(NOW.toString());
        assertThat(answers).extracting(a -> a.at("/sum/recount").asInt()).containsOnly(1);
        assertThat(answers).extracting(a -> a.get("ageSeconds").asInt()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        now.set(NOW.plusSeconds(10));
        JsonNode refreshed = jsonBody("function-url-get-compare.json");

        assertThat(scansOfVotes(before)).isEqualTo(2);
        assertThat(refreshed.get("generatedAt").asText()).isEqualTo(NOW.plusSeconds(10).toString());
        assertThat(refreshed.at("/sum/recount").asInt()).isEqualTo(11);
        assertThat(refreshed.get("ageSeconds").asInt()).isZero();
    }

    @Test
    void handleRequest_whenVotesOutnumberTheRecountBudget_readsAtMostOneMoreAndSaysIncomplete() throws Exception {
        IntStream.range(0, 25).forEach(i -> tables.putVote("v" + i, "SOUTH", "MORE_TREES", NOW.minusSeconds(i)));
        tables.putTotal("SOUTH", "MORE_TREES", 25);
        tables.putNaiveTotal("SOUTH", "MORE_TREES", 27);
        DashboardQueries queries = new DashboardQueries(DYNAMODB.dynamoDb(), tables.votes(), tables.totals(),
                tables.naiveTotals(), 4);
        handler = new DashboardHandler(queries, new DashboardHandler.CompareLimits(Duration.ofSeconds(10), 10,
                Duration.ofSeconds(3)), InstantSource.fixed(NOW));
        MetricsSnapshot before = RequestMetrics.global().snapshot();

        JsonNode body = jsonBody("function-url-get-compare.json");

        Counters scans = RequestMetrics.global().snapshot().minus(before).row("DynamoDb", tables.votes(), "Scan");
        assertThat(scans.calls()).isEqualTo(3); // 4 + 4 + 3 items
        assertThat(scans.items()).isEqualTo(11);
        JsonNode expected = JSON.readTree("""
                {"rows":[
                   {"region":"SOUTH","improvement":"MORE_TREES","recount":null,"exact":25,"naive":27,
                    "exactDifference":null,"naiveDifference":null}],
                 "sum":{"region":null,"improvement":null,"recount":null,"exact":25,"naive":27,
                    "exactDifference":null,"naiveDifference":null},
                 "generatedAt":"2026-11-21T10:15:30.250Z",
                 "recountComplete":false,"recountItemsRead":11,"ageSeconds":0,"refreshSeconds":10}
                """);
        assertThat(body).isEqualTo(expected);
    }

    @Test
    void recount_whenVotesEqualTheBudget_isComplete() {
        IntStream.range(0, 10).forEach(i -> tables.putVote("v" + i, "EAST", "BIKE_LANES", NOW.minusSeconds(i)));

        VoteRecount.Result recount = VoteRecount.bounded(DYNAMODB.dynamoDb(), tables.votes(), 10, 4,
                NOW.plusSeconds(3), InstantSource.fixed(NOW));

        assertThat(recount.complete()).isTrue();
        assertThat(recount.itemsRead()).isEqualTo(10);
        assertThat(recount.totals()).containsExactly(new DashboardSnapshot.Total("EAST", "BIKE_LANES",
                BigDecimal.TEN));
    }

    @Test
    void recount_whenTimeBudgetSpent_asksForNoFurtherPage() {
        IntStream.range(0, 20).forEach(i -> tables.putVote("v" + i, "EAST", "BIKE_LANES", NOW.minusSeconds(i)));
        // Each page seems to take 2 s: after the second the 3-second budget is spent.
        AtomicReference<Instant> now = new AtomicReference<>(NOW);
        InstantSource slowPages = () -> now.updateAndGet(t -> t.plusSeconds(2));

        VoteRecount.Result recount = VoteRecount.bounded(DYNAMODB.dynamoDb(), tables.votes(), 10_000, 4,
                NOW.plusSeconds(3), slowPages);

        assertThat(recount.complete()).isFalse();
        assertThat(recount.itemsRead()).isEqualTo(8);
    }

    @Test
    void handleRequest_whenUnknownPath_returns404() {
        APIGatewayV2HTTPResponse response = handle("function-url-get-unknown-path.json");

        assertThat(response.getStatusCode()).isEqualTo(404);
        assertThat(response.getBody()).isEqualTo("Not found");
    }

    @Test
    void handleRequest_whenPost_returns405AllowingGet() {
        APIGatewayV2HTTPResponse response = handle("function-url-post-dashboard.json");

        assertThat(response.getStatusCode()).isEqualTo(405);
        assertThat(response.getHeaders()).containsEntry("Allow", "GET");
    }

    @Test
    void totals_whenScanTakesSeveralPages_readsEveryPage() {
        List<String> expected = new ArrayList<>();
        for (String region : List.of("NORTH", "SOUTH", "EAST", "WEST", "CENTRAL")) {
            for (String improvement : List.of("MORE_TREES", "MORE_FLOWERS", "BIKE_LANES", "MORE_BENCHES",
                    "STREET_LIGHTS", "PLAYGROUNDS")) {
                tables.putTotal(region, improvement, expected.size() + 1);
                expected.add(region + "/" + improvement + "=" + (expected.size() + 1));
            }
        }
        DashboardQueries queries = new DashboardQueries(DYNAMODB.dynamoDb(), tables.votes(), tables.totals(),
                tables.naiveTotals(), 4);

        List<String> read = queries.totals().stream()
                .map(t -> t.region() + "/" + t.improvement() + "=" + t.votes()).toList();

        assertThat(read).hasSize(30).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void latestVotes_whenMoreThanTenToday_returnsTheNewestTenNewestFirst() {
        IntStream.range(0, 15).forEach(i -> tables.putVote("v" + i, "EAST", "MORE_BENCHES",
                NOW.minus(Duration.ofMillis(1_000L * (15 - i)))));
        DashboardQueries queries = new DashboardQueries(DYNAMODB.dynamoDb(), tables.votes(), tables.totals(),
                tables.naiveTotals(), null);

        List<String> ids = queries.latestVotes(NOW, 10).stream().map(DashboardSnapshot.Vote::id).toList();

        assertThat(ids).containsExactly("v14", "v13", "v12", "v11", "v10", "v9", "v8", "v7", "v6", "v5");
    }

    @Test
    void latestVotes_whenFewerThanTenToday_fillsUpFromYesterdayOnly() {
        Instant midnight = Instant.parse("2026-11-21T00:00:00Z");
        IntStream.range(0, 3).forEach(i -> tables.putVote("today" + i, "WEST", "MORE_TREES",
                midnight.plusSeconds(i)));
        IntStream.range(0, 12).forEach(i -> tables.putVote("yesterday" + i, "WEST", "MORE_TREES",
                midnight.minusSeconds(12 - i)));
        tables.putVote("before", "WEST", "MORE_TREES", midnight.minus(Duration.ofDays(1)).minusSeconds(1));
        DashboardQueries queries = new DashboardQueries(DYNAMODB.dynamoDb(), tables.votes(), tables.totals(),
                tables.naiveTotals(), null);

        List<String> ids = queries.latestVotes(NOW, 10).stream().map(DashboardSnapshot.Vote::id).toList();

        assertThat(ids).containsExactly("today2", "today1", "today0", "yesterday11", "yesterday10", "yesterday9",
                "yesterday8", "yesterday7", "yesterday6", "yesterday5");
    }

    /** Scan calls on the votes table since {@code before}, as the local cloud's request accounting counts them. */
    private long scansOfVotes(MetricsSnapshot before) {
        return RequestMetrics.global().snapshot().minus(before).row("DynamoDb", tables.votes(), "Scan").calls();
    }

    /** The JSON body of a 200 answer that no cache may keep. */
    private JsonNode jsonBody(String fixture) throws Exception {
        APIGatewayV2HTTPResponse response = handle(fixture);
        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("Cache-Control", "no-store");
        return JSON.readTree(response.getBody());
    }

    private APIGatewayV2HTTPResponse handle(String fixture) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + fixture);
        return handler.handleRequest(event, null);
    }
}
