package dev.ddbstreams.windows;

import static dev.ddbstreams.windows.StatisticsAggregator.COUNT;
import static dev.ddbstreams.windows.StatisticsAggregator.MAX;
import static dev.ddbstreams.windows.StatisticsAggregator.MIN;
import static dev.ddbstreams.windows.StatisticsAggregator.SUM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class StatisticsAggregatorTest {

    private final StatisticsAggregator aggregator = new StatisticsAggregator("sensor", "reading");

    @Test
    void increments_whenInsert_countsSumsAndReachesExtremes() {
        List<Increment> increments = aggregator.increments(record("insert"));

        assertThat(increments).containsExactly(new Increment(sensor("s-1"),
                Map.of(COUNT, n("1"), SUM, n("21.5")), Map.of(MAX, n("21.5")), Map.of(MIN, n("21.5"))));
    }

    @Test
    void increments_whenValueChangesInGroup_addsTheDifferenceOnly() {
        List<Increment> increments = aggregator.increments(record("modify-value"));

        assertThat(increments).containsExactly(new Increment(sensor("s-1"),
                Map.of(SUM, n("1.75")), Map.of(MAX, n("23.25")), Map.of(MIN, n("23.25"))));
    }

    @Test
    void increments_whenModifyMovesGroup_takesFromOldAndAddsToNew() {
        List<Increment> increments = aggregator.increments(record("modify-move"));

        assertThat(increments).containsExactly(
                new Increment(sensor("s-1"), Map.of(COUNT, n("-1"), SUM, n("-23.25")), Map.of(), Map.of()),
                new Increment(sensor("s-2"), Map.of(COUNT, n("1"), SUM, n("19")), Map.of(MAX, n("19")),
                        Map.of(MIN, n("19"))));
    }

    @Test
    void increments_whenRemove_takesCountAndSumAndLeavesExtremes() {
        List<Increment> increments = aggregator.increments(record("remove"));

        assertThat(increments).containsExactly(
                new Increment(sensor("s-2"), Map.of(COUNT, n("-1"), SUM, n("-19")), Map.of(), Map.of()));
    }

    @Test
    void increments_whenTtlRemove_isARemoveLikeAnyOther() {
        ChangeRecord ttlDelete = record("ttl-remove");

        assertThat(ttlDelete.ttlDelete()).isTrue();
        assertThat(aggregator.increments(ttlDelete)).containsExactly(
                new Increment(sensor("s-1"), Map.of(COUNT, n("-1"), SUM, n("4.125")), Map.of(), Map.of()));
    }

    @Test
    void increments_whenSameNumberWrittenDifferently_changesNothing() {
        // 7.0 -> 7 (and another attribute changed): the same number to DynamoDB, so no increment.
        assertThat(aggregator.increments(record("modify-unchanged"))).isEmpty();
    }

    @Test
    void increments_whenModifyMakesCountedItemInvalid_takesItOut() {
        assertThat(aggregator.increments(record("modify-to-invalid"))).containsExactly(
                new Increment(sensor("s-1"), Map.of(COUNT, n("-1"), SUM, n("-12")), Map.of(), Map.of()));
    }

    @Test
    void increments_whenModifyMakesItemValid_addsItLikeAnInsert() {
        assertThat(aggregator.increments(record("modify-from-invalid"))).containsExactly(
                new Increment(sensor("s-3"), Map.of(COUNT, n("1"), SUM, n("0.001")), Map.of(MAX, n("0.001")),
                        Map.of(MIN, n("0.001"))));
    }

    @Test
    void increments_whenRemovedItemNeverCounted_isEmpty() {
        assertThat(aggregator.increments(record("remove-invalid"))).isEmpty();
    }

    @Test
    void increments_whenNumberHasMoreDigitsThanADouble_staysExact() {
        List<Increment> increments = aggregator.increments(record("insert-large-number"));

        assertThat(increments).singleElement().satisfies(increment -> assertThat(increment.add().get(SUM).toPlainString())
                .isEqualTo("12345678901234567890123456789.123456789"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"insert-missing-value", "insert-string-value", "insert-number-group", "modify-invalid-both"})
    void increments_whenNewImageCannotBeAggregated_rejectsNamingTheAttributes(String fixture) {
        ChangeRecord record = record(fixture);

        assertThatThrownBy(() -> aggregator.increments(record))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("'sensor'")
                .hasMessageContaining("'reading'")
                .hasMessageContaining(record.keys().attributes().get("id").s());
    }

    @Test
    void increments_whenRemoveHasNoOldImage_rejectsNamingTheViewType() {
        ChangeRecord record = record("remove-keys-only");

        assertThatThrownBy(() -> aggregator.increments(record))
                .isInstanceOf(InvalidChangeException.class)
                .hasMessageContaining("NEW_AND_OLD_IMAGES");
    }

    @Test
    void windowDeltas_whenItemInsertedChangedMovedAndRemoved_keepHighWaterMarksOnly() {
        WindowDeltas deltas = new WindowDeltas();
        for (String fixture : List.of("insert", "modify-value", "modify-move", "remove")) {
            aggregator.increments(record(fixture)).forEach(deltas::add);
        }

        // Count and sum cancel out (the item is gone); the extremes it reached stay: high-water marks.
        assertThat(deltas.increments()).usingElementComparator(SAME_NUMBERS).containsExactly(
                new Increment(sensor("s-1"), Map.of(COUNT, n("0"), SUM, n("0")), Map.of(MAX, n("23.25")),
                        Map.of(MIN, n("21.5"))),
                new Increment(sensor("s-2"), Map.of(COUNT, n("0"), SUM, n("0")), Map.of(MAX, n("19")),
                        Map.of(MIN, n("19"))));
    }

    /** Equal increments: same key, same attributes, numbers equal by value (0 and 0.00 alike). */
    private static final java.util.Comparator<Increment> SAME_NUMBERS = (a, b) ->
            a.key().equals(b.key()) && sameNumbers(a.add(), b.add()) && sameNumbers(a.atLeast(), b.atLeast())
                    && sameNumbers(a.atMost(), b.atMost()) ? 0 : 1;

    private static boolean sameNumbers(Map<String, java.math.BigDecimal> a, Map<String, java.math.BigDecimal> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> a.get(k).compareTo(b.get(k)) == 0);
    }

    private static ChangeRecord record(String fixture) {
        return ChangeRecords.fromLambda(EventLoader.loadDynamoDbEvent("events/statistics-" + fixture + ".json")
                .getRecords().get(0));
    }

    private static Map<String, AttributeValue> sensor(String name) {
        return Map.of("sensor", AttributeValue.fromS(name));
    }

    private static BigDecimal n(String value) {
        return new BigDecimal(value);
    }
}
