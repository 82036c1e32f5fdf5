package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.destinations.InvocationRecord;
import dev.ddbstreams.records.LambdaEventJson;
import java.time.Instant;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * DynamoDB stream records: the record JSON Lambda puts in a {@code DynamodbEvent}, age from
 * {@code ApproximateCreationDateTime}, lanes by item key (so each item's changes stay in order).
 */
final class DynamoDbRecordFlavour implements RecordFlavour<Record> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public PendingRecord pending(Record record, String shardId, String streamArn, Instant readAt) {
        ObjectNode json = JSON.valueToTree(LambdaEventJson.toRecordJson(record, streamArn));
        return PendingRecord.of(json, record.dynamodb().sequenceNumber(), record.dynamodb().approximateCreationDateTime(),
                readAt, json.path("dynamodb").path("Keys").toString());
    }

    @Override
    public InvocationRecord.Source source() {
        return InvocationRecord.Source.DYNAMODB_STREAMS;
    }
}
