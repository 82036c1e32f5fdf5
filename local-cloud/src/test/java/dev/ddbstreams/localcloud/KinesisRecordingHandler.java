package dev.ddbstreams.localcloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.lambda.FunctionEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every {@code KinesisEvent} it gets (constructed by class name, as Lambda does, so it
 * reports through a static list) and reports the record whose data is POISON as failed the first
 * time it sees it, with a partial batch response.
 */
public final class KinesisRecordingHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    static final List<KinesisEvent> EVENTS = new CopyOnWriteArrayList<>();
    private static final Set<String> REPORTED = ConcurrentHashMap.newKeySet();

    private final String poison = FunctionEnvironment.require("POISON");

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        EVENTS.add(event);
        for (KinesisEvent.KinesisEventRecord record : event.getRecords()) {
            String data = StandardCharsets.UTF_8.decode(record.getKinesis().getData().duplicate()).toString();
            if (data.equals(poison) && REPORTED.add(record.getKinesis().getSequenceNumber())) {
                return new StreamsEventResponse(List.of(
                        new StreamsEventResponse.BatchItemFailure(record.getKinesis().getSequenceNumber())));
            }
        }
        return new StreamsEventResponse(List.of());
    }
}
