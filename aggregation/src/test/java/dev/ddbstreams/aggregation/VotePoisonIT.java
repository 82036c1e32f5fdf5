package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.aggregation.workload.VoteWorkload;
import dev.ddbstreams.localcloud.testing.Seeds;
import dev.ddbstreams.windows.testing.PoisonRun;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Poison votes of every permanent class, interleaved at random with the seeded vote workload, the
 * template on the local cloud with Lambda's delivery at its worst (failures before and after the
 * handler's writes, duplicate batches): the totals equal a recount of the valid votes, every
 * poison vote is in the quarantine bucket with its content, and the trigger drains within
 * {@link #DRAIN} of the last write. 2,000 changes a seed, about 400 of them poison; a
 * vote moved to an improvement no key can hold is withdrawn from its old total, and only its
 * INSERT half is quarantined.
 */
@ExtendWith(Seeds.class)
class VotePoisonIT {

    /** The bound on draining: the window (1 s) and every retry the faults cause, with room to spare. */
    private static final Duration DRAIN = Duration.ofSeconds(90);
    private static final String BUCKET = "votes-poison-quarantinebucket";

    private enum Poison { LONG_IMPROVEMENT, LONG_REGION, NO_REGION, NUMBER_REGION, MOVED_TO_LONG_IMPROVEMENT }

    static Stream<Named<Long>> seeds() {
        return Seeds.from(11);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void poisonVotes_areQuarantined_andTheValidVotesCountedExactly(long seed, @TempDir Path work)
            throws InterruptedException {
        try (PoisonRun run = PoisonRun.start(work, seed, Path.of("template.yaml"), "votes-poison", "VoteCounterFunction")) {
            countAndQuarantine(run, seed);
        }
    }

    /**
     * The invocation dies right after one of the handler's first writes (a timeout, out of
     * memory), the quarantine's PutObject included: the quarantined object stays, Lambda retries
     * the batch, and the record is quarantined again under the same key. Still every valid vote
     * counted once and every poison vote kept with its content; and some strikes must have come
     * right after a quarantine write, or this run did not test that.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("seeds")
    void poisonVotes_whenTheInvocationDiesRightAfterAQuarantineWrite_areKept_andTheValidVotesCountedExactly(long seed,
            @TempDir Path work) throws InterruptedException {
        try (PoisonRun run = PoisonRun.start(work, seed, Path.of("template.yaml"), "votes-poison", "VoteCounterFunction",
                "fail-during=0.5")) {
            countAndQuarantine(run, seed);

            assertThat(run.bucket(BUCKET)).extracting(document -> document.path("record").path("eventID").asText())
                    .as("each record quarantined once, however often delivered").doesNotHaveDuplicates();
            assertThat(run.failDuringStrikes()).as("strikes right after a quarantine write")
                    .anySatisfy(write -> assertThat(write).startsWith("S3 PutObject " + BUCKET + "/"));
        }
    }

    private static void countAndQuarantine(PoisonRun run, long seed) throws InterruptedException {
        DynamoDbClient dynamoDb = run.dynamoDb();
        VoteWorkload workload = new VoteWorkload(seed);
        Map<String, Map<String, AttributeValue>> poison = new HashMap<>();

        run.interleave(2_000, 5, i -> workload.run(dynamoDb, "votes", 1), i -> {
            String id = "poison-" + i;
            Poison kind = Poison.values()[run.random().nextInt(Poison.values().length)];
            Map<String, AttributeValue> item = poisonVote(kind, run.random());
            item.put("id", AttributeValue.fromS(id));
            if (kind == Poison.MOVED_TO_LONG_IMPROVEMENT) {
                Map<String, AttributeValue> valid = new HashMap<>(item);
                valid.put("improvement", AttributeValue.fromS(VoteWorkload.IMPROVEMENTS.get(0)));
                dynamoDb.putItem(b -> b.tableName("votes").item(valid));
            }
            dynamoDb.putItem(b -> b.tableName("votes").item(item));
            poison.put(id, item);
        });

        run.assertDrainsWithin(DRAIN, db -> assertThat(VoteTotals.read(db, "total_votes"))
                .isEqualTo(recountOfValidVotes(db, poison)));
        Map<String, JsonNode> quarantined = new HashMap<>();
        run.bucket(BUCKET).forEach(document -> quarantined.put(
                document.path("record").path("dynamodb").path("Keys").path("id").path("S").asText(), document));
        assertThat(poison).isNotEmpty();
        poison.forEach((id, item) -> {
            assertThat(quarantined).as("quarantined %s", id).containsKey(id);
            JsonNode image = quarantined.get(id).path("record").path("dynamodb").path("NewImage");
            item.forEach((name, value) -> assertThat(image.path(name).path(value.s() != null ? "S" : "N").asText())
                    .as("%s.%s", id, name).isEqualTo(value.s() != null ? value.s() : value.n()));
            if (item.get("improvement").s() != null && item.get("improvement").s().endsWith("-moved")) {
                // Only the half not counted: the INSERT of the NewImage, without the OldImage whose -1 was.
                assertThat(quarantined.get(id).path("record").path("eventName").asText()).isEqualTo("INSERT");
                assertThat(quarantined.get(id).path("record").path("dynamodb").has("OldImage")).isFalse();
            }
        });
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
            case MOVED_TO_LONG_IMPROVEMENT -> {
                item.put("region", AttributeValue.fromS(region));
                item.put("improvement", AttributeValue.fromS(improvement + "-" + "i".repeat(1_024 + random.nextInt(100))
                        + "-moved"));
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
}
