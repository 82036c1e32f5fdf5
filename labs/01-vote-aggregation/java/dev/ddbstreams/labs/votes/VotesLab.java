package dev.ddbstreams.labs.votes;

import dev.ddbstreams.aggregation.workload.VoteTotals;
import dev.ddbstreams.aggregation.workload.VoteWorkload;
import dev.ddbstreams.data.DataSet;
import dev.ddbstreams.data.load.LoadResult;
import dev.ddbstreams.labs.DataSets;
import dev.ddbstreams.labs.Lab;
import dev.ddbstreams.labs.LabOutput;
import dev.ddbstreams.localcloud.LocalCloud;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lab 01: vote aggregation. Loads the 5,000 votes of {@code data/votes.csv}, then moves, edits and
 * withdraws votes and writes a few that are not votes; the exact counter must match a recount of
 * the votes table, and the naive counter (one write per record) is shown beside it.
 */
public final class VotesLab extends Lab {

    /** Changes made after the load, so that moves, withdrawals and invalid votes are in the stream. */
    static final int CHANGES = 1_000;
    static final long SEED = 2026;

    public VotesLab() {
        super(new About("votes",
                "vote aggregation: exactly-once totals vs the naive counter (aggregation/)",
                "aggregation/template.yaml"));
    }

    @Override
    public long exercise(LocalCloud cloud, LabOutput out) throws Exception {
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        LoadResult load = DataSets.load(dynamoDb, DataSet.VOTES);
        out.say("Loaded %d votes from data/%s (%d BatchWriteItem requests)", load.rowsLoaded(),
                DataSet.VOTES.fileName(), load.requestsSent());
        VoteWorkload.Mix mix = new VoteWorkload(SEED).run(dynamoDb, "votes", CHANGES);
        out.say("Then %d changes: %d new votes, %d moved, %d edited, %d withdrawn, %d not valid votes",
                mix.total(), mix.casts(), mix.moves(), mix.edits(), mix.withdrawals(), mix.invalid());
        return load.rowsLoaded() + mix.total();
    }

    @Override
    public void check(LocalCloud cloud, LabOutput out) {
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        Map<String, BigDecimal> recount = VoteTotals.recount(dynamoDb, "votes");
        Map<String, BigDecimal> exact = VoteTotals.read(dynamoDb, "total_votes");
        Map<String, BigDecimal> naive = VoteTotals.read(dynamoDb, "total_votes_naive");
        BigDecimal votes = sum(recount);
        out.check(exact.equals(recount), "total_votes equals a recount of the votes table",
                sum(exact) + " votes in " + exact.size() + " totals; recount " + votes + " in " + recount.size());
        out.check(!naive.equals(recount), "total_votes_naive (the naive counter) does not",
                "it says " + sum(naive) + " votes, " + sum(naive).subtract(votes) + " too many");
    }

    private static BigDecimal sum(Map<String, BigDecimal> totals) {
        return totals.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
