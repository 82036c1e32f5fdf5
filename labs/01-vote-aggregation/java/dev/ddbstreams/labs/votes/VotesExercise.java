package dev.ddbstreams.labs.votes;

import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.aggregation.workload.VoteWorkload;
import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.Scenario;
import dev.ddbstreams.labs.exercise.Step;
import dev.ddbstreams.labs.exercise.Totals;
import dev.ddbstreams.labs.exercise.Verdict;
import dev.ddbstreams.localcloud.LocalCloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lab 01's exercise: the learner's vote counter in place of VoteCounterFunction's handler, judged
 * after each step against a recount of the votes table. The quiet run casts, then moves and
 * edits, then withdraws votes, so a wrong MODIFY or REMOVE shows at its own step; the fault
 * scenarios only cast votes, so any difference there comes from the fault; all-together does
 * everything under every fault.
 */
public final class VotesExercise implements Exercise {

    static final String POISON_ID = "vote-poison";
    /** Longer than total_votes' sort key may be (1,024 bytes): a vote that can never be counted. */
    static final String POISON_IMPROVEMENT = "MORE_TREES" + ", and more trees please".repeat(50);
    private static final String FUNCTION = "VoteCounterFunction";

    @Override
    public String lab() {
        return "01-vote-aggregation";
    }

    @Override
    public String template() {
        return "aggregation/template.yaml";
    }

    @Override
    public String function() {
        return FUNCTION;
    }

    @Override
    public String starterHandler() {
        return "dev.ddbstreams.labs.votes.exercise.VoteCounter::handleRequest";
    }

    @Override
    public String starterSource() {
        return "labs/01-vote-aggregation/exercise/dev/ddbstreams/labs/votes/exercise/VoteCounter.java";
    }

    @Override
    public String hint(Scenario scenario) {
        String section = switch (scenario) {
            case QUIET -> "exercise-step-1-a-quiet-run";
            case RETRIES -> "exercise-step-2-retries";
            case DUPLICATES, CRASH_AFTER_COMMIT, ALL_TOGETHER -> "exercise-step-3-duplicates-and-crashes-after-commit";
            case POISON -> "exercise-step-4-a-poison-vote";
        };
        return "labs/01-vote-aggregation/README.md#" + section;
    }

    @Override
    public List<Step> steps(Scenario scenario, long seed) {
        BallotBox votes = new BallotBox(seed);
        return switch (scenario) {
            case QUIET, ALL_TOGETHER -> List.of(
                    step(scenario, "20 new votes", cloud -> votes.cast(cloud, 20),
                            "a vote was counted more than once", "some votes were never counted"),
                    step(scenario, "6 votes moved and 3 edited", cloud -> votes.moveAndEdit(cloud, 6, 3),
                            "a moved or edited vote (a MODIFY) was counted as one more vote",
                            "a moved vote was taken off its old total but not added to its new one"),
                    step(scenario, "4 votes withdrawn", cloud -> votes.withdraw(cloud, 4),
                            "a withdrawn vote (a REMOVE) was not taken off its total",
                            "a withdrawn vote was taken off more than once"));
            case RETRIES, DUPLICATES, CRASH_AFTER_COMMIT -> List.of(
                    step(scenario, "30 new votes", cloud -> votes.cast(cloud, 30),
                            "a vote was counted more than once", "some votes were never counted"));
            case POISON -> List.of(new Step(String.format("10 new votes, a vote whose improvement is %,d "
                    + "characters long (total_votes' sort key takes at most 1,024 bytes), then 10 new votes",
                    POISON_IMPROVEMENT.length()), cloud -> {
                        votes.cast(cloud, 10);
                        votes.castPoison(cloud);
                        votes.cast(cloud, 10);
                    }, VotesExercise::poisonCheck));
        };
    }

    /** A step judged against the recount; under faults, a total too high may also be a batch counted twice. */
    private static Step step(Scenario scenario, String what, Consumer<LocalCloud> write,
            String tooHigh, String tooLow) {
        String high = scenario.injectsFaults() ? scenario.countedTwice() + ", or " + tooHigh : tooHigh;
        return new Step(what, write, cloud -> {
            DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
            return Totals.compare(VoteTotals.read(dynamoDb, "total_votes"), VoteTotals.recount(dynamoDb, "votes"),
                    "votes", high, tooLow);
        });
    }

    /** The valid votes counted exactly (none lost behind the poison vote), and the poison vote kept. */
    private static Verdict poisonCheck(LocalCloud cloud) {
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        Map<String, BigDecimal> recount = VoteTotals.recount(dynamoDb, "votes");
        recount.keySet().removeIf(key -> key.endsWith("/" + POISON_IMPROVEMENT));
        Verdict totals = Totals.compare(VoteTotals.read(dynamoDb, "total_votes"), recount, "valid votes",
                "a vote was counted more than once", "votes were never counted");
        if (!totals.passed()) {
            return totals;
        }
        String bucket = cloud.deployments().get(0).template().function(FUNCTION).orElseThrow()
                .environment().get("QUARANTINE_BUCKET");
        if (!bucketHolds(cloud.workFolder().resolve("s3").resolve(bucket), POISON_ID)) {
            return Verdict.fail("the valid votes are counted, but the poison vote is nowhere: keep a record that "
                    + "can never be counted whole in the quarantine bucket (QUARANTINE_BUCKET), where an operator "
                    + "can read it and redrive it");
        }
        return Verdict.pass(totals.detail() + "; the poison vote is in the quarantine bucket");
    }

    private static boolean bucketHolds(Path bucket, String text) {
        try (Stream<Path> objects = Files.walk(bucket)) {
            return objects.filter(Files::isRegularFile).anyMatch(object -> {
                try {
                    return Files.readString(object, StandardCharsets.UTF_8).contains(text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Seeded votes cast, moved, edited and withdrawn, one PutItem or DeleteItem each. */
    private static final class BallotBox {

        private final SplittableRandom random;
        private final Map<String, Map<String, AttributeValue>> current = new LinkedHashMap<>();
        private int nextId;

        BallotBox(long seed) {
            random = new SplittableRandom(seed);
        }

        void cast(LocalCloud cloud, int count) {
            for (int i = 0; i < count; i++) {
                put(cloud, "vote-" + nextId++, pick(VoteWorkload.REGIONS), pick(VoteWorkload.IMPROVEMENTS), null);
            }
        }

        void castPoison(LocalCloud cloud) {
            put(cloud, POISON_ID, pick(VoteWorkload.REGIONS), POISON_IMPROVEMENT, null);
        }

        void moveAndEdit(LocalCloud cloud, int moves, int edits) {
            for (int i = 0; i < moves; i++) {
                String id = pickVote();
                put(cloud, id, pick(VoteWorkload.REGIONS), pick(VoteWorkload.IMPROVEMENTS), null);
            }
            for (int i = 0; i < edits; i++) {
                String id = pickVote();
                Map<String, AttributeValue> vote = current.get(id);
                put(cloud, id, vote.get("region").s(), vote.get("improvement").s(), "edit " + i);
            }
        }

        void withdraw(LocalCloud cloud, int count) {
            for (int i = 0; i < count; i++) {
                String id = pickVote();
                cloud.dynamoDb().dynamoDbClient().deleteItem(b -> b.tableName("votes")
                        .key(Map.of("id", AttributeValue.fromS(id))));
                current.remove(id);
            }
        }

        private void put(LocalCloud cloud, String id, String region, String improvement, String comment) {
            Map<String, AttributeValue> vote = new LinkedHashMap<>();
            vote.put("id", AttributeValue.fromS(id));
            vote.put("region", AttributeValue.fromS(region));
            vote.put("improvement", AttributeValue.fromS(improvement));
            if (comment != null) {
                vote.put("comment", AttributeValue.fromS(comment));
            }
            cloud.dynamoDb().dynamoDbClient().putItem(b -> b.tableName("votes").item(vote));
            current.put(id, vote);
        }

        private String pickVote() {
            return new ArrayList<>(current.keySet()).get(random.nextInt(current.size()));
        }

        private String pick(List<String> values) {
            return values.get(random.nextInt(values.size()));
        }
    }
}
