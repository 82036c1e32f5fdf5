package dev.ddbstreams.labs.gamescores;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.gamescores.workload.PlayerScores;
import dev.ddbstreams.gamescores.workload.ScoreTotals;
import dev.ddbstreams.labs.Lab;
import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.FunctionLogs;
import dev.ddbstreams.localcloud.lambda.Invocation;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lab 04: game scores, Kinesis -> GameScoreRecords -> GameScoresByUser. The local cloud does not
 * run Kinesis, so the lab plays Lambda's Kinesis event source mapping itself: it turns each row of
 * {@code data/game_scores.csv} into a score event, sends them to KinesisScoreFunction as the
 * Kinesis events Lambda would (base64 data, sequence numbers, partition key = Username) in batches
 * of the template's BatchSize, and delivers one batch twice. The DynamoDB trigger then sums the
 * scores per player.
 */
public final class GameScoresLab implements Lab {

    static final String KINESIS_FUNCTION = "KinesisScoreFunction";
    /** The batch delivered twice, as Lambda may after a timeout. */
    static final int REPEATED_BATCH = 3;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Score events sent; the repeated batch is a redelivery, not new changes. */

    @Override
    public String name() {
        return "game-scores";
    }

    @Override
    public String summary() {
        return "game scores: Kinesis score events written once each, exact sums per player (game-scores/)";
    }

    @Override
    public String template() {
        return "game-scores/template.yaml";
    }

    @Override
    public long exercise(LocalCloud cloud, LabOutput out) throws Exception {
        LocalCloud.Deployment deployment = cloud.deployments().get(cloud.deployments().size() - 1);
        deployment.triggersNotRun().forEach(line -> out.say("Not run by the local cloud: %s", line));
        FunctionDefinition function = deployment.template().function(KINESIS_FUNCTION).orElseThrow();
        StreamTriggerDefinition trigger = function.triggers().get(0);
        String region = cloud.dynamoDb().region().id();
        KinesisEvents events = new KinesisEvents("arn:aws:kinesis:" + region + ":123456789012:stream/"
                + trigger.sourceName(), region);

        List<KinesisEvents.Put> puts = new ArrayList<>();
        for (CSVRecord row : rows()) {
            ObjectNode event = JSON.createObjectNode();
            event.put("Username", row.get("Username"));
            event.put("Score", new BigDecimal(row.get("Score")));
            event.put("Nickname", row.get("Nickname"));
            puts.add(new KinesisEvents.Put(row.get("Username"), JSON.writeValueAsBytes(event)));
        }
        FunctionLogs.route(function.functionName(), cloud.logFolder());
        int invocations = 0;
        try (LocalFunction lambda = new LocalFunction(function, region, Map.of(), FunctionFaults.NONE,
                InstantSource.system())) {
            for (int start = 0, batch = 1; start < puts.size(); start += trigger.batchSize(), batch++) {
                String event = events.event(puts.subList(start, Math.min(puts.size(), start + trigger.batchSize())),
                        Instant.now());
                int deliveries = batch == REPEATED_BATCH ? 2 : 1;
                for (int delivery = 0; delivery < deliveries; delivery++) {
                    Invocation invocation = lambda.invoke(event);
                    invocations++;
                    requireSuccess(invocation, batch);
                }
            }
        }
        out.say("Sent %d score events from data/%s to %s as Kinesis events, %d a batch: %d invocations "
                        + "(batch %d delivered twice)", puts.size(), DataSet.GAME_SCORES.fileName(),
                function.functionName(), trigger.batchSize(), invocations, REPEATED_BATCH);
        return puts.size();
    }

    @Override
    public void check(LocalCloud cloud, LabOutput out) {
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        Map<String, PlayerScores> fromCsv = new TreeMap<>();
        int rows = 0;
        for (CSVRecord row : rows()) {
            ScoreTotals.add(fromCsv, row.get("Username"), new BigDecimal(row.get("Score")));
            rows++;
        }
        int records = dynamoDb.scanPaginator(b -> b.tableName("GameScoreRecords").select("COUNT")).stream()
                .mapToInt(page -> page.count()).sum();
        out.check(records == rows, "GameScoreRecords holds one record per CSV row (the repeated batch added none)",
                records + " records, " + rows + " rows");
        Map<String, PlayerScores> recount = ScoreTotals.recount(dynamoDb, "GameScoreRecords");
        Map<String, PlayerScores> totals = ScoreTotals.read(dynamoDb, "GameScoresByUser");
        out.check(totals.equals(recount) && recount.equals(fromCsv),
                "GameScoresByUser equals a recount of GameScoreRecords and of the CSV (total, games, best)",
                totals.size() + " players, " + sum(totals) + " points in " + games(totals) + " games");
        PlayerScores jane = totals.get("Jane Doe");
        out.check(jane != null && jane.equals(fromCsv.get("Jane Doe")),
                "Jane Doe's line includes the original sample's test score (RecordID 1: 100)", String.valueOf(jane));
    }

    private static List<CSVRecord> rows() {
        Path file = Path.of("data", DataSet.GAME_SCORES.fileName());
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static void requireSuccess(Invocation invocation, int batch) throws IOException {
        if (!invocation.succeeded()) {
            throw new IllegalStateException("batch " + batch + " failed: " + invocation.errorType().orElse("")
                    + " " + invocation.errorMessage().orElse(""));
        }
        JsonNode failures = JSON.readTree(invocation.responseJson().orElse("{}")).path("batchItemFailures");
        if (!failures.isEmpty()) {
            throw new IllegalStateException("batch " + batch + " reported failed records: " + failures);
        }
    }

    private static BigDecimal sum(Map<String, PlayerScores> totals) {
        return totals.values().stream().map(PlayerScores::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal games(Map<String, PlayerScores> totals) {
        return totals.values().stream().map(PlayerScores::games).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
