package dev.ddbstreams.aggregation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.windows.Increment;
import dev.ddbstreams.windows.InvalidChangeException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class VoteAggregatorTest {

    private final VoteAggregator aggregator = new VoteAggregator();

    @Test
    void insert_addsOneToItsRegionAndImprovement() {
        assertThat(aggregator.increments(record("vote-insert.json")))
                .containsExactly(Increment.add(key("SOUTH", "MORE_TREES"), "total_votes", BigDecimal.ONE));
    }

    @Test
    void modifyThatMovesTheVote_takesItFromTheOldTotalAndAddsItToTheNew() {
        assertThat(aggregator.increments(record("vote-move.json"))).containsExactly(
                Increment.add(key("SOUTH", "MORE_TREES"), "total_votes", BigDecimal.ONE.negate()),
                Increment.add(key("NORTH", "MORE_TREES"), "total_votes", BigDecimal.ONE));
    }

    @Test
    void modifyOfAnotherAttribute_changesNoTotal() {
        assertThat(aggregator.increments(record("vote-unchanged.json"))).isEmpty();
    }

    @Test
    void remove_withdrawsTheVote() {
        assertThat(aggregator.increments(record("vote-withdraw.json")))
                .containsExactly(Increment.add(key("SOUTH", "MORE_TREES"), "total_votes", BigDecimal.ONE.negate()));
    }

    @Test
    void insertOfSomethingThatIsNotAVote_isRejectedWithTheReason() {
        assertThatThrownBy(() -> aggregator.increments(record("vote-invalid.json")))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("not a vote: INSERT of {id=")
                .hasMessageContaining("has no string 'region' and 'improvement' in its NewImage");
    }

    @Test
    void modifyThatMakesAnInvalidVoteValid_countsItOnce() {
        assertThat(aggregator.increments(record("vote-invalid-fixed.json")))
                .containsExactly(Increment.add(key("EAST", "BIKE_LANES"), "total_votes", BigDecimal.ONE));
    }

    private static ChangeRecord record(String fixture) {
        List<ChangeRecord> records = ChangeRecords.fromEvent(EventLoader.loadDynamoDbEvent("events/" + fixture));
        return records.get(0);
    }

    static Map<String, AttributeValue> key(String region, String improvement) {
        return Map.of("region", AttributeValue.fromS(region), "improvement", AttributeValue.fromS(improvement));
    }
}
