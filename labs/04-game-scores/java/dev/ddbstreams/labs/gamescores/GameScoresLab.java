package dev.ddbstreams.labs.gamescores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.gamescores.workload.PlayerScores;
import dev.ddbstreams.gamescores.workload.ScoreTotals;
import dev.ddbstreams.labs.Lab;
import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

/**
 * Lab 04: game scores, Kinesis -> GameScoreRecords -> GameScoresByUser. The lab puts a score event
 * for each row of {@code data/game_scores.csv} on the template's Kinesis data stream with the SDK
 * (PutRecords, partition key = Username), as a game server would; the template's Kinesis trigger
 * delivers them to KinesisScoreFunction, and the DynamoDB trigger sums the scores per player.
 */
public final class GameScoresLab extends Lab {

    static final String KINESIS_FUNCTION = "KinesisScoreFunction";
    /** PutRecords takes at most 500 records a call. */
    private static final int PUT_RECORDS_LIMIT = 500;

    private static final ObjectMapper JSON = new ObjectMapper();

    public GameScoresLab() {
        super(new About("game-scores",
                "game scores: Kinesis score events written once each, exact sums per player (game-scores/)",
                "game-scores/template.yaml"));
    }

    @Override
    public long exercise(LocalCloud cloud, LabOutput out) throws Exception {
        LocalCloud.Deployment deployment = cloud.deployments().get(cloud.deployments().size() - 1);
        deployment.triggersNotRun().forEach(line -> out.say("Not run by the local cloud: %s", line));
        FunctionDefinition function = deployment.template().function(KINESIS_FUNCTION).orElseThrow();
        String streamName = function.triggers().get(0).sourceName();

        List<PutRecordsRequestEntry> entries = new ArrayList<>();
        for (CSVRecord row : rows()) {
            ObjectNode event = JSON.createObjectNode();
            event.put("Username", row.get("Username"));
            event.put("Score", new BigDecimal(row.get("Score")));
            event.put("Nickname", row.get("Nickname"));
            entries.add(PutRecordsRequestEntry.builder().partitionKey(row.get("Username"))
                    .data(SdkBytes.fromByteArray(JSON.writeValueAsBytes(event))).build());
        }
        // Built as a game server builds it: the local cloud points the SDK's standard configuration at the local Kinesis.
        int calls = 0;
        try (KinesisClient kinesis = KinesisClient.builder().region(Region.of(cloud.dynamoDb().region().id())).build()) {
            for (int start = 0; start < entries.size(); start += PUT_RECORDS_LIMIT) {
                List<PutRecordsRequestEntry> chunk = entries.subList(start,
                        Math.min(entries.size(), start + PUT_RECORDS_LIMIT));
                PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(streamName).records(chunk));
                calls++;
                if (response.failedRecordCount() > 0) {
                    throw new IllegalStateException(response.failedRecordCount() + " records of PutRecords call "
                            + calls + " failed: " + response.records());
                }
            }
        }
        out.say("Put %d score events from data/%s on Kinesis stream %s with PutRecords (%d calls); its trigger "
                + "delivers them to %s", entries.size(), DataSet.GAME_SCORES.fileName(), streamName, calls,
                function.functionName());
        return entries.size();
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
        out.check(records == rows, "GameScoreRecords holds one record per CSV row",
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

    private static BigDecimal sum(Map<String, PlayerScores> totals) {
        return totals.values().stream().map(PlayerScores::total).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static BigDecimal games(Map<String, PlayerScores> totals) {
        return totals.values().stream().map(PlayerScores::games).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
