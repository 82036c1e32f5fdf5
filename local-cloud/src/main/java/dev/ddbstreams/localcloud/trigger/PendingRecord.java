package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A stream record on its way to the function, already in the JSON form Lambda sends (filters
 * match on that form, and events are built from it).
 *
 * @param created the time record age is measured from (DynamoDB's ApproximateCreationDateTime)
 * @param readAt when the trigger read it, which places it in a tumbling window: DynamoDB Local
 *     truncates creation times to the minute, which would make every window a minute long
 * @param laneKey the key whose hash picks the lane, so records of one key stay in order
 * @param jsonBytes the size of {@code json} in the event, in UTF-8 bytes (for the payload limit)
 */
record PendingRecord(ObjectNode json, String sequenceNumber, Instant created, Instant readAt, String laneKey,
        int jsonBytes) {

    static PendingRecord of(ObjectNode json, String sequenceNumber, Instant created, Instant readAt, String laneKey) {
        return new PendingRecord(json, sequenceNumber, created, readAt, laneKey,
                json.toString().getBytes(StandardCharsets.UTF_8).length);
    }
}
