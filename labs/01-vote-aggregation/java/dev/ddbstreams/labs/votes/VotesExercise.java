package dev.ddbstreams.labs.votes;

import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.aggregation.workload.VoteWorkload;
import dev.ddbstreams.labs.exercise.TotalsExercise;
import dev.ddbstreams.localcloud.LocalCloud;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Lab 01's exercise: the learner's vote counter in place of VoteCounterFunction's handler. */
public final class VotesExercise extends TotalsExercise {

    static final String POISON_ID = "vote-poison";
    /** Longer than total_votes' sort key may be (1,024 bytes): a vote that can never be counted. */
    static final String POISON_IMPROVEMENT = "MORE_TREES" + ", and more trees please".repeat(50);

    private static final Wording WORDING = new Wording("votes", "votes", "%d votes moved and %d edited",
            "%d votes withdrawn",
            String.format("vote whose improvement is %,d characters long (total_votes' sort key takes at most "
                    + "1,024 bytes)", POISON_IMPROVEMENT.length()), POISON_ID,
            "a moved or edited vote (a MODIFY) was counted as one more vote",
            "a moved vote was taken off its old total but not added to its new one",
            "a withdrawn vote (a REMOVE) was not taken off its total",
            "a withdrawn vote was taken off more than once");

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
        return "VoteCounterFunction";
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
    protected Wording wording() {
        return WORDING;
    }

    @Override
    protected Map<String, BigDecimal> totals(DynamoDbClient dynamoDb) {
        return VoteTotals.read(dynamoDb, "total_votes");
    }

    @Override
    protected Map<String, BigDecimal> recount(DynamoDbClient dynamoDb) {
        Map<String, BigDecimal> recount = VoteTotals.recount(dynamoDb, "votes");
        recount.keySet().removeIf(key -> key.endsWith("/" + POISON_IMPROVEMENT));
        return recount;
    }

    @Override
    protected Source source(long seed) {
        return new BallotBox(seed);
    }

    /** Seeded votes cast, moved, edited and withdrawn, one PutItem or DeleteItem each. */
    private static final class BallotBox implements Source {

        private final SplittableRandom random;
        private final Map<String, Map<String, AttributeValue>> current = new LinkedHashMap<>();
        private int nextId;

        BallotBox(long seed) {
            random = new SplittableRandom(seed);
        }

        @Override
        public void add(LocalCloud cloud, int count) {
            for (int i = 0; i < count; i++) {
                put(cloud, "vote-" + nextId++, pick(VoteWorkload.REGIONS), pick(VoteWorkload.IMPROVEMENTS), null);
            }
        }

        @Override
        public void addPoison(LocalCloud cloud) {
            put(cloud, POISON_ID, pick(VoteWorkload.REGIONS), POISON_IMPROVEMENT, null);
        }

        @Override
        public void change(LocalCloud cloud, int moved, int edited) {
            for (int i = 0; i < moved; i++) {
                put(cloud, pickVote(), pick(VoteWorkload.REGIONS), pick(VoteWorkload.IMPROVEMENTS), null);
            }
            for (int i = 0; i < edited; i++) {
                String id = pickVote();
                Map<String, AttributeValue> vote = current.get(id);
                put(cloud, id, vote.get("region").s(), vote.get("improvement").s(), "edit " + i);
            }
        }

        @Override
        public void remove(LocalCloud cloud, int count) {
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
