package dev.ddbstreams.aggregation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.records.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The live vote dashboard behind a Lambda function URL (payload format 2.0, the API Gateway v2
 * HTTP shape):
 *
 * <ul>
 *   <li>{@code GET /}: the page (HTML, inline script and style); it polls the JSON every second.</li>
 *   <li>{@code GET /api/dashboard}: {@link DashboardSnapshot} as JSON: the totals from
 *       {@code total_votes} (written by the exact counter, {@link VoteCountHandler}), the totals
 *       per region, and the latest {@value #LATEST} votes from the {@code votes} table's
 *       {@code ByDay} index.</li>
 *   <li>{@code GET /compare}: the lab's comparison page, which polls {@code /api/compare} and, where
 *       the local cloud serves it beside the function, {@code /local/triggers} (the triggers'
 *       state; on AWS that is in CloudWatch metrics, which this function does not read).</li>
 *   <li>{@code GET /api/compare}: {@link VoteComparison} as JSON: the exact totals, the naive
 *       counter's ({@code total_votes_naive}, {@link NaiveVoteCountHandler}) and a recount of the
 *       votes, side by side, with its age. The recount scans the votes table, so on a public URL it
 *       is rationed ({@link CompareLimits}): read at most once per refresh interval per execution
 *       environment (every other request gets that answer again), and within a budget of items and
 *       time, past which the answer says the recount is incomplete instead of timing out.</li>
 *   <li>any other path: 404; any other method: 405.</li>
 * </ul>
 *
 * <p>Failure mode: a DynamoDB error fails the invocation, and the function URL answers 502; the
 * page shows "not updating" and retries at its next poll. Nothing is written, so nothing is lost.
 * See https://docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html
 *
 * <p>Environment: VOTES_TABLE, TOTALS_TABLE, NAIVE_TOTALS_TABLE, COMPARE_REFRESH_SECONDS,
 * RECOUNT_MAX_ITEMS.
 */
public final class DashboardHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    static final int LATEST = 10;
    static final String PAGE_PATH = "/";
    static final String API_PATH = "/api/dashboard";
    static final String COMPARE_PAGE_PATH = "/compare";
    static final String COMPARE_API_PATH = "/api/compare";

    private static final Logger LOG = LoggerFactory.getLogger(DashboardHandler.class);

    /**
     * How the comparison's recount is rationed.
     *
     * @param refresh how long one comparison is served before the next is read
     * @param maxItems the most items the recount's Scan reads (one more, to tell "exactly" from "more")
     * @param timeBudget after this long the recount asks for no further page
     */
    record CompareLimits(Duration refresh, int maxItems, Duration timeBudget) {

        /**
         * A third of the template's 10-second timeout: the totals' reads and a slow last page
         * (up to 1 MB) still fit in the rest.
         */
        static final Duration TIME_BUDGET = Duration.ofSeconds(3);

        static CompareLimits fromEnvironment() {
            long refreshSeconds = Long.parseLong(FunctionEnvironment.require("COMPARE_REFRESH_SECONDS"));
            int maxItems = Integer.parseInt(FunctionEnvironment.require("RECOUNT_MAX_ITEMS"));
            return new CompareLimits(Duration.ofSeconds(refreshSeconds), maxItems, TIME_BUDGET);
        }
    }

    private final DashboardQueries queries;
    private final CompareLimits limits;
    private final DashboardPage page;
    private final DashboardPage comparePage;
    private final InstantSource clock;
    /** Held so the SnapStart registration lives as long as the handler; null when built for a test. */
    private final SnapStartPriming priming;
    /** The comparison served until {@code limits.refresh()} has passed; guarded by {@code this}. */
    private VoteComparison comparison;
    private Instant comparedAt;

    public DashboardHandler() {
        this(LambdaClients.build(DynamoDbClient.class, DynamoDbClient::builder),
                FunctionEnvironment.require("VOTES_TABLE"),
                FunctionEnvironment.require("TOTALS_TABLE"), FunctionEnvironment.require("NAIVE_TOTALS_TABLE"),
                CompareLimits.fromEnvironment(), InstantSource.system());
    }

    DashboardHandler(DynamoDbClient dynamoDb, String votesTable, String totalsTable, String naiveTotalsTable,
            CompareLimits limits, InstantSource clock) {
        this(new DashboardQueries(dynamoDb, votesTable, totalsTable, naiveTotalsTable, null), limits, clock,
                SnapStartPriming.register(dynamoDb, totalsTable));
    }

    DashboardHandler(DashboardQueries queries, CompareLimits limits, InstantSource clock) {
        this(queries, limits, clock, null);
    }

    private DashboardHandler(DashboardQueries queries, CompareLimits limits, InstantSource clock,
            SnapStartPriming priming) {
        this.queries = queries;
        this.limits = limits;
        this.page = DashboardPage.load("dashboard.html");
        this.comparePage = DashboardPage.load("compare.html");
        this.clock = clock;
        this.priming = priming;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        String method = event.getRequestContext() == null || event.getRequestContext().getHttp() == null ? null
                : event.getRequestContext().getHttp().getMethod();
        String path = event.getRawPath() == null ? PAGE_PATH : event.getRawPath();
        if (!List.of(PAGE_PATH, API_PATH, COMPARE_PAGE_PATH, COMPARE_API_PATH).contains(path)) {
            return text(404, "Not found");
        }
        if (!"GET".equals(method)) {
            LOG.debug("method {} not allowed on {}", method, path);
            APIGatewayV2HTTPResponse response = text(405, "Method not allowed");
            response.getHeaders().put("Allow", "GET");
            return response;
        }
        return switch (path) {
            case PAGE_PATH -> page(page);
            case COMPARE_PAGE_PATH -> page(comparePage);
            case COMPARE_API_PATH -> json(compareJson());
            default -> json(read().toJsonValue());
        };
    }

    /** Reads the totals and the latest votes now. */
    DashboardSnapshot read() {
        Instant now = clock.instant();
        List<DashboardSnapshot.Total> totals = queries.totals();
        List<DashboardSnapshot.Vote> latest = queries.latestVotes(now, LATEST);
        LOG.debug("dashboard read: {} totals, {} latest votes", totals.size(), latest.size());
        return DashboardSnapshot.of(totals, latest, now);
    }

    /** The comparison, its age and how often it is read again (the page polls at that rate). */
    private Map<String, Object> compareJson() {
        Instant now = clock.instant();
        Map<String, Object> json = new LinkedHashMap<>();
        synchronized (this) {
            json.putAll(compare(now).toJsonValue());
            json.put("ageSeconds", Duration.between(comparedAt, now).toSeconds());
        }
        json.put("refreshSeconds", limits.refresh().toSeconds());
        return json;
    }

    /**
     * The comparison read at most once per {@code limits.refresh()}: totals and recount are kept
     * together, as read, so an old answer is still a consistent one. Called under the handler's lock
     * ({@link #compareJson}) so that requests at once (a local function URL runs them in parallel;
     * Lambda gives one at a time to an environment) read it once.
     *
     * <p>Reads both counters' totals, then the recount: a vote cast between the reads is in the
     * recount and not yet in a counter, never the other way round, so while votes are only cast
     * (as in the lab) a total above the recount is a vote counted too often. A vote withdrawn
     * between the reads does the opposite for a moment.
     */
    private VoteComparison compare(Instant now) {
        if (comparison == null || !now.isBefore(comparedAt.plus(limits.refresh()))) {
            List<DashboardSnapshot.Total> exact = queries.totals();
            List<DashboardSnapshot.Total> naive = queries.naiveTotals();
            VoteRecount.Result recount = queries.recount(limits.maxItems(), now.plus(limits.timeBudget()), clock);
            comparison = VoteComparison.of(recount, exact, naive, now);
            comparedAt = now;
            if (!recount.complete()) {
                LOG.warn("recount incomplete: stopped after {} items (at most {}, {} s)", recount.itemsRead(),
                        limits.maxItems(), limits.timeBudget().toSeconds());
            }
            LOG.debug("comparison read: {} keys", comparison.rows().size());
        }
        return comparison;
    }

    private static APIGatewayV2HTTPResponse page(DashboardPage page) {
        return response(200, "text/html; charset=utf-8", page.html(),
                Map.of("Content-Security-Policy", page.contentSecurityPolicy(), "Cache-Control", "no-cache"));
    }

    private static APIGatewayV2HTTPResponse json(Map<String, Object> value) {
        // Totals as plain decimals: 1E+3 votes would puzzle the page.
        String body = Json.toJson(value, JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        return response(200, "application/json", body, Map.of("Cache-Control", "no-store"));
    }

    private static APIGatewayV2HTTPResponse text(int status, String body) {
        return response(status, "text/plain; charset=utf-8", body, Map.of());
    }

    private static APIGatewayV2HTTPResponse response(int status, String contentType, String body,
            Map<String, String> headers) {
        Map<String, String> all = new TreeMap<>(headers);
        all.put("Content-Type", contentType);
        // Browsers must not guess a type: a JSON body with markup in it stays JSON.
        all.put("X-Content-Type-Options", "nosniff");
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(all)
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
