package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.aggregation.workload.VoteWorkload;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Poison votes of every permanent class, interleaved at random with the seeded vote workload, the
 * template on the local cloud with Lambda's delivery at its worst (failures before and after the
 * handler's writes, duplicate batches): the totals equal a recount of the valid votes, every
 * poison vote is in the quarantine bucket with its content, and the trigger drains within
 * {@link #DRAIN} of the last write. Three seeds of 2,000 changes, about 200 of them poison.
 */
class VotePoisonIT {

    /** The bound on draining: the window (1 s) and every retry the faults cause, with room to spare. */
    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final String BUCKET = "votes-poison-quarantinebucket";
    private static final ObjectMapper JSON = new ObjectMapper();

    private enum Poison { LONG_IMPROVEMENT, LONG_REGION, NO_REGION, NUMBER_REGION }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void poisonVotes_areQuarantined_andTheValidVotesCountedExactly(long seed, @TempDir Path work)
            throws InterruptedException {
        FunctionFaults faults = FunctionFaults.parse("fail=0.1,fail-after=0.1,duplicate=0.1,seed=" + seed);
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .faults("*", faults).start()) {
            cloud.deploy(Path.of("template.yaml"), "votes-poison", Map.of(),
                    function -> function.logicalId().equals("VoteCounterFunction"), trigger -> trigger);
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            SplittableRandom random = new SplittableRandom(seed);
            VoteWorkload workload = new VoteWorkload(seed);
            Map<String, Map<String, AttributeValue>> poison = new HashMap<>();

            for (int i = 0; i < 2_000; i++) {
                if (random.nextInt(10) == 0) {
                    String id = "poison-" + i;
                    Map<String, AttributeValue> item = poisonVote(Poison.values()[random.nextInt(Poison.values().length)], random);
                    item.put("id", AttributeValue.fromS(id));
                    dynamoDb.putItem(b -> b.tableName("votes").item(item));
                    poison.put(id, item);
                } else {
                    workload.run(dynamoDb, "votes", 1);
                }
            }

            assertThat(cloud.awaitIdle(DRAIN)).isTrue();
            assertThat(VoteTotals.read(dynamoDb, "total_votes")).isEqualTo(recountOfValidVotes(dynamoDb, poison));
            Map<String, JsonNode> quarantined = quarantinedNewImages(work.resolve("s3").resolve(BUCKET));
            assertThat(poison).isNotEmpty();
            poison.forEach((id, item) -> {
                assertThat(quarantined).as("quarantined %s", id).containsKey(id);
                JsonNode image = quarantined.get(id);
                item.forEach((name, value) -> assertThat(image.path(name).path(value.s() != null ? "S" : "N").asText())
                        .as("%s.%s", id, name).isEqualTo(value.s() != null ? value.s() : value.n()));
            });
            assertThat(cloud.triggers()).anySatisfy(trigger ->
                    assertThat(trigger.status().counts().functionErrors()).isPositive());
        }
    }

    private static Map<String, AttributeValue> poisonVote(Poison kind, SplittableRandom random) {
        String region = VoteWorkload.REGIONS.get(random.nextInt(VoteWorkload.REGIONS.size()));
        String improvement = VoteWorkload.IMPROVEMENTS.get(random.nextInt(VoteWorkload.IMPROVEMENTS.size()));
        Map<String, AttributeValue> item = new HashMap<>();
        switch (kind) {
            case LONG_IMPROVEMENT -> {
                item.put("region", AttributeValue.fromS(region));
                item.put("improvement", AttributeValue.fromS(improvement + "-" + "i".repeat(1_024 + random.nextInt(100))));
            }
            case LONG_REGION -> {
                item.put("region", AttributeValue.fromS(region + "-" + "r".repeat(2_048 + random.nextInt(100))));
                item.put("improvement", AttributeValue.fromS(improvement));
            }
            case NO_REGION -> item.put("improvement", AttributeValue.fromS(improvement));
            case NUMBER_REGION -> {
                item.put("region", AttributeValue.fromN(Integer.toString(random.nextInt(100))));
                item.put("improvement", AttributeValue.fromS(improvement));
            }
        }
        return item;
    }

    /** The recount of the votes table, less the poison votes whose keys DynamoDB would refuse. */
    private static Map<String, BigDecimal> recountOfValidVotes(DynamoDbClient dynamoDb,
            Map<String, Map<String, AttributeValue>> poison) {
        Map<String, BigDecimal> recount = VoteTotals.recount(dynamoDb, "votes");
        poison.values().stream()
                .filter(item -> item.get("region") != null && item.get("region").s() != null)
                .forEach(item -> recount.computeIfPresent(item.get("region").s() + "/" + item.get("improvement").s(),
                        (key, total) -> total.compareTo(BigDecimal.ONE) <= 0 ? null : total.subtract(BigDecimal.ONE)));
        return recount;
    }

    /** Every quarantined record's NewImage (DynamoDB JSON), by the voted item's id. */
    private static Map<String, JsonNode> quarantinedNewImages(Path bucket) {
        Map<String, JsonNode> images = new HashMap<>();
        try (Stream<Path> files = Files.walk(bucket)) {
            files.filter(Files::isRegularFile).forEach(file -> {
                try {
                    JsonNode dynamodb = JSON.readTree(file.toFile()).path("record").path("dynamodb");
                    images.put(dynamodb.path("Keys").path("id").path("S").asText(), dynamodb.path("NewImage"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return images;
    }
}
