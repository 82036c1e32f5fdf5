package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.records.LambdaEventJson;
import java.math.BigInteger;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * A stream record on its way to the function, already in the JSON form Lambda sends (filters
 * match on that form, and events are built from it).
 *
 * @param created the record's ApproximateCreationDateTime, which record age is measured from
 * @param readAt when the trigger read it, which places it in a tumbling window: DynamoDB Local
 *     truncates creation times to the minute, which would make every window a minute long
 */
record PendingRecord(ObjectNode json, String sequenceNumber, BigInteger sequence, Instant created, Instant readAt,
        String keysJson) {

    static PendingRecord of(Record record, String streamArn, Instant readAt) {
        ObjectNode json = LambdaEventJson.toRecordJson(record, streamArn);
        String sequenceNumber = record.dynamodb().sequenceNumber();
        return new PendingRecord(json, sequenceNumber, new BigInteger(sequenceNumber),
                record.dynamodb().approximateCreationDateTime(), readAt,
                json.path("dynamodb").path("Keys").toString());
    }
}
