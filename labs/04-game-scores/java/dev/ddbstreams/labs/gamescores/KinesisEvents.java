package dev.ddbstreams.labs.gamescores;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Builds the JSON Lambda sends a function for a batch of Kinesis records (the event the console's
 * Kinesis test template shows), for a stream the local cloud does not run: base64 data, one
 * shard, sequence numbers that grow like Kinesis's (56 digits), {@code eventID} =
 * {@code <shardId>:<sequenceNumber>}.
 */
public final class KinesisEvents {

    public static final String SHARD_ID = "shardId-000000000000";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A made-up 56-digit starting point, shaped like the sequence numbers in Lambda's docs. */
    private static final BigInteger FIRST_SEQUENCE = new BigInteger("49590338271490256608559692538361571095921575989136588898");

    private final String streamArn;
    private final String region;
    private BigInteger nextSequence = FIRST_SEQUENCE;

    public KinesisEvents(String streamArn, String region) {
        this.streamArn = streamArn;
        this.region = region;
    }

    /** One record to send: its partition key and its data. */
    public record Put(String partitionKey, byte[] data) {
    }

    /** The event for these records, appended to the shard in order (each gets the next sequence number). */
    public String event(List<Put> puts, Instant arrival) {
        ObjectNode event = JSON.createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Put put : puts) {
            String sequenceNumber = nextSequence.toString();
            // Kinesis sequence numbers grow but are not consecutive.
            nextSequence = nextSequence.add(BigInteger.valueOf(1_000));
            ObjectNode record = records.addObject();
            ObjectNode kinesis = record.putObject("kinesis");
            kinesis.put("kinesisSchemaVersion", "1.0");
            kinesis.put("partitionKey", put.partitionKey());
            kinesis.put("sequenceNumber", sequenceNumber);
            kinesis.put("data", Base64.getEncoder().encodeToString(put.data()));
            kinesis.put("approximateArrivalTimestamp", BigDecimal.valueOf(arrival.toEpochMilli(), 3));
            record.put("eventSource", "aws:kinesis");
            record.put("eventVersion", "1.0");
            record.put("eventID", SHARD_ID + ":" + sequenceNumber);
            record.put("eventName", "aws:kinesis:record");
            record.put("invokeIdentityArn", "arn:aws:iam::123456789012:role/game-scores-KinesisScoreFunctionRole");
            record.put("awsRegion", region);
            record.put("eventSourceARN", streamArn);
        }
        return event.toString();
    }
}
