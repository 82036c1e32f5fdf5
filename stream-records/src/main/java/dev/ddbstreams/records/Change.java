package dev.ddbstreams.records;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The change itself, without the transport that carried it: equal for the same change whether
 * it came through DynamoDB Streams (Lambda or GetRecords) or Kinesis Data Streams for DynamoDB.
 *
 * <p>Left out, because the transports necessarily differ: eventID (each destination has its
 * own), sequence number (a DynamoDB stream's vs a Kinesis shard's), eventSourceARN, stream view
 * type (Kinesis carries none), and SizeBytes. The creation time is cut to whole seconds, the
 * precision DynamoDB Streams gives; Kinesis gives milliseconds or microseconds. Images only match
 * when the DynamoDB stream's view type is NEW_AND_OLD_IMAGES, as Kinesis always carries both.
 *
 * @param tableName the table the item lives in
 * @param region the table's region
 * @param eventName INSERT, MODIFY or REMOVE
 * @param keys the item's key attributes
 * @param oldImage the item before the change, if the record carries it
 * @param newImage the item after the change, if the record carries it
 * @param approximateCreationSecond the creation time, cut to whole seconds
 * @param ttlDelete whether TTL deleted the item
 */
public record Change(
        String tableName,
        String region,
        EventName eventName,
        Map<String, AttributeValue> keys,
        Optional<Map<String, AttributeValue>> oldImage,
        Optional<Map<String, AttributeValue>> newImage,
        Instant approximateCreationSecond,
        boolean ttlDelete) {
}
