package dev.ddbstreams.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class WindowDeltasTest {

    @Test
    void state_roundTrip_keepsExactSumsAndExtremes() {
        WindowDeltas deltas = new WindowDeltas();
        deltas.add(new Increment(Map.of("sensor", AttributeValue.fromS("s1")),
                Map.of("sum", new BigDecimal("0.1"), "count", BigDecimal.ONE), Map.of("max", new BigDecimal("7.25")),
                Map.of("min", new BigDecimal("-3"))));
        deltas.add(new Increment(Map.of("sensor", AttributeValue.fromS("s1")),
                Map.of("sum", new BigDecimal("0.2"), "count", BigDecimal.ONE), Map.of("max", new BigDecimal("7.5")),
                Map.of("min", new BigDecimal("-2"))));

        WindowDeltas restored = WindowDeltas.fromState(deltas.toState());

        assertThat(restored.increments()).singleElement().satisfies(increment -> {
            assertThat(increment.add()).containsEntry("sum", new BigDecimal("0.3")).containsEntry("count", new BigDecimal("2"));
            assertThat(increment.atLeast()).containsEntry("max", new BigDecimal("7.5"));
            assertThat(increment.atMost()).containsEntry("min", new BigDecimal("-3"));
        });
    }

    @Test
    void firstSequence_isTheFirstNoted_andTravelsInTheState() {
        WindowDeltas first = new WindowDeltas();
        first.startAt("100");
        first.add(Increment.add(key("SOUTH", "MORE_TREES"), "total_votes", BigDecimal.ONE));

        WindowDeltas next = WindowDeltas.fromState(first.toState());
        next.startAt("250");

        assertThat(next.firstSequence()).contains("100");
        assertThat(next.increments()).containsExactly(Increment.add(key("SOUTH", "MORE_TREES"), "total_votes",
                BigDecimal.ONE));
        assertThat(new WindowDeltas().firstSequence()).isEmpty();
    }

    @Test
    void increments_whenAdditionsCancelOut_leaveTheItemOut() {
        WindowDeltas deltas = new WindowDeltas();
        deltas.add(Increment.add(key("SOUTH", "MORE_TREES"), "total_votes", BigDecimal.ONE));
        deltas.add(Increment.add(key("SOUTH", "MORE_TREES"), "total_votes", BigDecimal.ONE.negate()));
        deltas.add(Increment.add(key("WEST", "BIKE_LANES"), "total_votes", BigDecimal.ONE));

        assertThat(deltas.increments()).containsExactly(Increment.add(key("WEST", "BIKE_LANES"), "total_votes",
                BigDecimal.ONE));
    }

    @Test
    void increments_comeInTheSameOrderWhateverTheOrderOfArrival() {
        WindowDeltas one = new WindowDeltas();
        one.add(Increment.add(key("A", "X"), "total_votes", BigDecimal.ONE));
        one.add(Increment.add(key("B", "Y"), "total_votes", BigDecimal.ONE));
        WindowDeltas other = new WindowDeltas();
        other.add(Increment.add(key("B", "Y"), "total_votes", BigDecimal.ONE));
        other.add(Increment.add(key("A", "X"), "total_votes", BigDecimal.ONE));

        assertThat(WindowDeltas.fromState(one.toState()).increments()).isEqualTo(other.increments());
    }

    private static Map<String, AttributeValue> key(String region, String improvement) {
        return Map.of("region", AttributeValue.fromS(region), "improvement", AttributeValue.fromS(improvement));
    }
}
