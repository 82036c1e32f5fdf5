package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.destinations.InvocationRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Kinesis data stream records: the record JSON Lambda puts in a {@code KinesisEvent}, as in the
 * example event of "Using Lambda with Kinesis Data Streams"
 * (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html): data in base64,
 * approximateArrivalTimestamp in epoch seconds with a fraction, eventID {@code shardId:sequenceNumber}.
 * Age from the arrival time; lanes by partition key (so each key's records stay in order).
 */
final class KinesisRecordFlavour implements RecordFlavour<Record> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String region;
    private final String invokeIdentityArn;

    /** @param invokeIdentityArn the function's execution role, which Lambda names in every record */
    KinesisRecordFlavour(String region, String invokeIdentityArn) {
        this.region = region;
        this.invokeIdentityArn = invokeIdentityArn;
    }

    @Override
    public PendingRecord pending(Record record, String shardId, String streamArn, Instant readAt) {
        ObjectNode json = JSON.createObjectNode();
        ObjectNode kinesis = json.putObject("kinesis");
        kinesis.put("kinesisSchemaVersion", "1.0");
        kinesis.put("partitionKey", record.partitionKey());
        kinesis.put("sequenceNumber", record.sequenceNumber());
        kinesis.put("data", Base64.getEncoder().encodeToString(record.data().asByteArrayUnsafe()));
        kinesis.put("approximateArrivalTimestamp",
                BigDecimal.valueOf(record.approximateArrivalTimestamp().toEpochMilli()).movePointLeft(3));
        json.put("eventSource", "aws:kinesis");
        json.put("eventVersion", "1.0");
        json.put("eventID", shardId + ":" + record.sequenceNumber());
        json.put("eventName", "aws:kinesis:record");
        json.put("invokeIdentityArn", invokeIdentityArn);
        json.put("awsRegion", region);
        json.put("eventSourceARN", streamArn);
        return PendingRecord.of(json, record.sequenceNumber(), record.approximateArrivalTimestamp(), readAt,
                record.partitionKey());
    }

    @Override
    public InvocationRecord.Source source() {
        return InvocationRecord.Source.KINESIS;
    }
}
