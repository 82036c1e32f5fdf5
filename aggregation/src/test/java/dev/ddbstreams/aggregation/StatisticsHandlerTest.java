package dev.ddbstreams.aggregation;

import static dev.ddbstreams.windows.StatisticsAggregator.COUNT;
import static dev.ddbstreams.windows.StatisticsAggregator.MAX;
import static dev.ddbstreams.windows.StatisticsAggregator.MIN;
import static dev.ddbstreams.windows.StatisticsAggregator.SUM;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.windows.Increment;
import dev.ddbstreams.windows.InvalidRecords;
import dev.ddbstreams.windows.StatisticsAggregator;
import dev.ddbstreams.windows.WindowCommitter;
import dev.ddbstreams.windows.WindowDeltas;
import dev.ddbstreams.windows.WindowedAggregation;
import dev.ddbstreams.windows.testing.KeptPoison;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsHandlerTest {

    @Test
    void handleRequest_whenWindowNotFinal_carriesStatisticsInStateAndQuarantinesTheInvalidRecord() {
        DynamodbTimeWindowEvent event = EventLoader.loadEvent("events/statistics-window.json",
                DynamodbTimeWindowEvent.class);
        List<String> metrics = new ArrayList<>();
        KeptPoison quarantined = new KeptPoison();
        // No client: a non-final invocation must not write anything.
        WindowedAggregation aggregation = new WindowedAggregation(new StatisticsAggregator("sensor", "reading"),
                new WindowCommitter(null, "measurement_stats", "measurement_windows_applied", Duration.ofDays(2),
                        InstantSource.system()),
                new InvalidRecords("Statistics", InstantSource.fixed(Instant.EPOCH), metrics::add),
                DynamoDbLimits.forTable("sensor"), quarantined);

        TimeWindowEventResponse response = new StatisticsHandler(aggregation).handleRequest(event, null);

        List<Increment> state = WindowDeltas.fromState(response.getState()).increments();
        assertThat(state).extracting(increment -> increment.key().get("sensor").s()).containsExactly("s-1", "s-2");
        assertThat(state.get(0).add().get(COUNT)).isEqualByComparingTo("0");
        assertThat(state.get(0).add().get(SUM)).isEqualByComparingTo("0");
        assertThat(state.get(0).atLeast().get(MAX)).isEqualByComparingTo("10");
        assertThat(state.get(0).atMost().get(MIN)).isEqualByComparingTo("10");
        assertThat(state.get(1).add().get(COUNT)).isEqualByComparingTo("2");
        assertThat(state.get(1).add().get(SUM)).isEqualByComparingTo("26.5");
        assertThat(state.get(1).atLeast().get(MAX)).isEqualByComparingTo("30");
        assertThat(state.get(1).atMost().get(MIN)).isEqualByComparingTo("-3.5");
        assertThat(metrics).singleElement().asString().contains("\"InvalidRecords\":1");
        assertThat(quarantined.records).singleElement()
                .satisfies(kept -> assertThat(kept.failure().reason()).contains("reading"));
    }
}
