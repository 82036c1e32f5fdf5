package dev.ddbstreams.windows;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.models.TimeWindow;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.List;
import java.util.Map;

/** Tumbling-window events around this module's fixtures: the fields Lambda adds for a window. */
final class WindowEvents {

    private WindowEvents() {
    }

    /** The first record of {@code src/test/resources/events/<fixture>}. */
    static DynamodbEvent.DynamodbStreamRecord record(String fixture) {
        return EventLoader.loadDynamoDbEvent("events/" + fixture).getRecords().get(0);
    }

    /** The records as one invocation of a window, with an empty state. */
    static DynamodbTimeWindowEvent window(boolean isFinal, DynamodbEvent.DynamodbStreamRecord... records) {
        DynamodbTimeWindowEvent event = new DynamodbTimeWindowEvent();
        event.setRecords(List.of(records));
        event.setWindow(new TimeWindow("2026-11-21T10:00:00Z", "2026-11-21T10:00:01Z"));
        event.setState(Map.of());
        event.setShardId("shardId-00000001795255200000-00000001");
        event.setEventSourceArn(records[0].getEventSourceARN());
        event.setIsFinalInvokeForWindow(isFinal);
        event.setIsWindowTerminatedEarly(false);
        return event;
    }
}
