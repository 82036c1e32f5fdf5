package dev.ddbstreams.windows;

import static dev.ddbstreams.windows.StatisticsAggregator.COUNT;
import static dev.ddbstreams.windows.StatisticsAggregator.SUM;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.records.EventName;
import dev.ddbstreams.windows.testing.KeptPoison;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a non-final invocation of a window puts in its state and what it quarantines; no DynamoDB is needed. */
class WindowedAggregationTest {

    private static final String LONG_GROUP = "s-" + "x".repeat(DynamoDbLimits.MAX_PARTITION_KEY_BYTES);

    private final KeptPoison poison = new KeptPoison();
    private final List<String> metrics = new ArrayList<>();
    // No client: a non-final invocation must not write anything.
    private final WindowedAggregation aggregation = new WindowedAggregation(new StatisticsAggregator("sensor", "reading"),
            new WindowCommitter(null, "measurement_stats", "measurement_windows_applied", Duration.ofDays(2),
                    InstantSource.system()),
            new InvalidRecords("Statistics", InstantSource.fixed(Instant.EPOCH), metrics::add),
            DynamoDbLimits.forTable("sensor"), poison);

    @Test
    void process_whenModifyMovesToAGroupDynamoDbRefuses_countsTheOldGroupsHalfAndQuarantinesTheInsertHalf() {
        DynamodbEvent.DynamodbStreamRecord move = WindowEvents.record("statistics-modify-move.json");
        move.getDynamodb().getNewImage().put("sensor", new AttributeValue(LONG_GROUP));

        List<Increment> state = stateAfter(move);

        assertThat(state).singleElement().satisfies(increment -> {
            assertThat(increment.key().get("sensor").s()).isEqualTo("s-1");
            assertThat(increment.add().get(COUNT)).isEqualByComparingTo("-1");
            assertThat(increment.add().get(SUM)).isEqualByComparingTo("-23.25");
        });
        assertThat(poison.records).singleElement().satisfies(kept -> {
            assertThat(kept.record().eventName()).isEqualTo(EventName.INSERT);
            assertThat(kept.record().sequenceNumber()).isEqualTo(move.getDynamodb().getSequenceNumber());
            assertThat(kept.record().eventId()).isEqualTo(move.getEventID());
            assertThat(kept.record().requireNewImage().string("sensor")).isEqualTo(LONG_GROUP);
            assertThat(kept.record().oldImage()).isEmpty();
            assertThat(kept.failure().violation()).map(LimitViolation::limit).contains(LimitViolation.Limit.PARTITION_KEY_SIZE);
            assertThat(kept.failure().reason()).contains("its other half was counted");
        });
        assertThat(metrics).singleElement().asString().contains("\"InvalidRecords\":1");
    }

    @Test
    void process_whenModifyMovesFromAGroupDynamoDbRefuses_countsTheNewGroupsHalfAndQuarantinesTheRemoveHalf() {
        DynamodbEvent.DynamodbStreamRecord move = WindowEvents.record("statistics-modify-move.json");
        move.getDynamodb().getOldImage().put("sensor", new AttributeValue(LONG_GROUP));

        List<Increment> state = stateAfter(move);

        assertThat(state).singleElement().satisfies(increment -> {
            assertThat(increment.key().get("sensor").s()).isEqualTo("s-2");
            assertThat(increment.add().get(COUNT)).isEqualByComparingTo("1");
            assertThat(increment.add().get(SUM)).isEqualByComparingTo("19");
            assertThat(increment.atLeast()).containsEntry(StatisticsAggregator.MAX, new BigDecimal("19"));
        });
        assertThat(poison.records).singleElement().satisfies(kept -> {
            assertThat(kept.record().eventName()).isEqualTo(EventName.REMOVE);
            assertThat(kept.record().requireOldImage().string("sensor")).isEqualTo(LONG_GROUP);
            assertThat(kept.record().newImage()).isEmpty();
        });
    }

    @Test
    void process_whenBothImagesAreInAGroupDynamoDbRefuses_quarantinesTheWholeModify() {
        DynamodbEvent.DynamodbStreamRecord move = WindowEvents.record("statistics-modify-move.json");
        move.getDynamodb().getOldImage().put("sensor", new AttributeValue(LONG_GROUP));
        move.getDynamodb().getNewImage().put("sensor", new AttributeValue(LONG_GROUP + "y"));

        assertThat(stateAfter(move)).isEmpty();
        assertThat(poison.records).singleElement()
                .satisfies(kept -> assertThat(kept.record().eventName()).isEqualTo(EventName.MODIFY));
    }

    @Test
    void process_whenARecordDoesNotParse_quarantinesItAsLambdaSentItAndCountsTheOthers() {
        DynamodbEvent.DynamodbStreamRecord broken = WindowEvents.record("statistics-insert.json");
        broken.getDynamodb().getNewImage().put("reading", new AttributeValue().withN("twenty"));
        DynamodbEvent.DynamodbStreamRecord valid = WindowEvents.record("statistics-remove.json");

        List<Increment> state = stateAfter(broken, valid);

        assertThat(state).singleElement().satisfies(increment -> assertThat(increment.key().get("sensor").s()).isEqualTo("s-2"));
        assertThat(poison.raw).singleElement().satisfies(kept -> {
            assertThat(kept.record()).isSameAs(broken);
            assertThat(kept.failure().isPermanent()).isTrue();
            assertThat(kept.failure().reason()).startsWith("not a change record: ").contains("reading");
        });
        assertThat(poison.records).isEmpty();
        assertThat(metrics).singleElement().asString().contains("\"InvalidRecords\":1");
    }

    private List<Increment> stateAfter(DynamodbEvent.DynamodbStreamRecord... records) {
        return WindowDeltas.fromState(aggregation.process(WindowEvents.window(false, records)).getState()).increments();
    }
}
