package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.testing.Seeds;
import dev.ddbstreams.quarantine.QuarantinedRecord;
import dev.ddbstreams.quarantine.S3ClientBucket;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Poison records on the Kinesis trigger of the module's template, on the local cloud, with Lambda
 * failing invocations before and after the handler ran and delivering batches twice.
 *
 * <p>2,000 seeded valid score events on the template's stream, interleaved at random with records
 * of every permanent class ({@link #POISON}): data that is not UTF-8, not JSON, JSON that is no
 * object, a Username missing, of the wrong type, empty, or over 2,048 bytes, a Score missing, a
 * string, or beyond 38 digits, a Nickname that is not a string, a field given twice, and a
 * Nickname that makes the item over DynamoDB's 400 KB.
 *
 * <p>Then: GameScoreRecords holds exactly the valid events, one item each (by KinesisEventID, with
 * its Username and Score); every poison record is in the quarantine exactly once with its bytes;
 * the trigger drains within {@link #DRAIN_BOUND} with nothing discarded.
 */
@ExtendWith(Seeds.class)
class KinesisPoisonIT {

    private static final int VALID_EVENTS = 2_000;
    private static final Duration DRAIN_BOUND = Duration.ofSeconds(120);

    /** One generator per permanent class, each a whole Kinesis payload. */
    private static final List<Function<SplittableRandom, byte[]>> POISON = List.of(
            random -> new byte[] {(byte) 0xC3, 0x28, (byte) random.nextInt(0x80, 0xC0)},
            random -> ("Hello, this is a test " + random.nextInt(1_000)).getBytes(StandardCharsets.UTF_8),
            random -> "[1, 2, 3]".getBytes(StandardCharsets.UTF_8),
            random -> json("{\"Score\":" + random.nextInt(100) + "}"),
            random -> json("{\"Username\":" + random.nextInt(100) + ",\"Score\":1}"),
            random -> json("{\"Username\":\"\",\"Score\":1}"),
            random -> json("{\"Username\":\"" + "é".repeat(1_025) + "\",\"Score\":1}"),
            random -> json("{\"Username\":\"player-1\"}"),
            random -> json("{\"Username\":\"player-1\",\"Score\":\"" + random.nextInt(100) + "\"}"),
            random -> json("{\"Username\":\"player-1\",\"Score\":1" + "0".repeat(38) + ".5}"),
            random -> json("{\"Username\":\"player-1\",\"Score\":1,\"Nickname\":7}"),
            random -> json("{\"Username\":\"player-1\",\"Score\":1,\"Score\":2}"),
            random -> json("{\"Username\":\"player-1\",\"Score\":1,\"Nickname\":\"" + "n".repeat(420_000) + "\"}"));

    static Stream<Named<Long>> seeds() {
        return Seeds.from(31);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void kinesisScores_withPoisonInterleaved_writeEveryValidEvent_andQuarantineEveryPoisonRecord(long seed,
            @TempDir Path work) throws Exception {
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("KinesisScoreFunction", FunctionFaults.parse("fail=0.05,fail-after=0.05,duplicate=0.05,seed=" + seed))
                .start()) {
            LocalCloud.Deployment deployment = cloud.deploy(Path.of("template.yaml"), "kinesis-poison", Map.of(),
                    function -> function.logicalId().equals("KinesisScoreFunction"), trigger -> trigger);
            KinesisClient kinesis = cloud.kinesis().orElseThrow().client();

            SplittableRandom random = new SplittableRandom(seed);
            Map<String, String> expectedScores = new HashMap<>();
            Map<String, String> expectedPoison = new HashMap<>();
            for (int valid = 0; valid < VALID_EVENTS; ) {
                boolean poison = random.nextInt(10) == 0;
                String player = "player-" + random.nextInt(20);
                BigDecimal score = BigDecimal.valueOf(random.nextInt(100_000), random.nextInt(3));
                byte[] data = poison ? POISON.get(random.nextInt(POISON.size())).apply(random)
                        : json("{\"Username\":\"" + player + "\",\"Score\":" + score.toPlainString() + "}");
                PutRecordResponse put = kinesis.putRecord(b -> b.streamName("GameScoreEvents").partitionKey(player)
                        .data(SdkBytes.fromByteArray(data)));
                if (poison) {
                    expectedPoison.put(put.sequenceNumber(), Base64.getEncoder().encodeToString(data));
                } else {
                    expectedScores.put(put.shardId() + ":" + put.sequenceNumber(), player + " " + plain(score.toPlainString()));
                    valid++;
                }
            }

            assertThat(cloud.awaitIdle(DRAIN_BOUND)).as("drained within %s", DRAIN_BOUND).isTrue();

            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            Map<String, String> written = new HashMap<>();
            dynamoDb.scanPaginator(b -> b.tableName("GameScoreRecords").consistentRead(true)).items().forEach(item ->
                    assertThat(written.put(item.get(ScoreRecordWriter.KINESIS_EVENT_ID).s(),
                            item.get("Username").s() + " " + plain(item.get("Score").n()))).isNull());
            assertThat(written).isEqualTo(expectedScores);

            Map<String, String> quarantined = new HashMap<>();
            try (S3Client s3 = S3Client.builder().endpointOverride(cloud.s3().uri()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(LocalDynamoDb.CREDENTIALS).build()) {
                S3Quarantine quarantine = new S3Quarantine(new S3ClientBucket(s3, deployment.template()
                        .function("KinesisScoreFunction").orElseThrow().environment().get("QUARANTINE_BUCKET")),
                        InstantSource.system());
                for (String key : quarantine.keys(KinesisScoreHandler.QUARANTINE_FOLDER)) {
                    QuarantinedRecord kept = quarantine.read(key);
                    assertThat(kept.source()).isEqualTo(QuarantinedRecord.Source.KINESIS);
                    JsonNode keptKinesis = new ObjectMapper().readTree(kept.record()).path("kinesis");
                    quarantined.put(keptKinesis.path("sequenceNumber").asText(), keptKinesis.path("data").asText());
                }
            }
            assertThat(expectedPoison).hasSizeGreaterThan(100);
            assertThat(quarantined).isEqualTo(expectedPoison);

            assertThat(deployment.triggers()).singleElement().satisfies(trigger -> {
                assertThat(trigger.status().counts().functionErrors()).isPositive();
                assertThat(trigger.status().counts().recordsDiscarded()).isZero();
            });
        }
    }

    /** A number as DynamoDB may return it (1.50 comes back as 1.5). */
    private static String plain(String number) {
        return new BigDecimal(number).stripTrailingZeros().toPlainString();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
