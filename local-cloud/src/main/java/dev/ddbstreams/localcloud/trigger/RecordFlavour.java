package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.destinations.InvocationRecord;
import java.time.Instant;

/**
 * What differs between the records of one kind of stream on their way to the function: the JSON
 * a record takes in the event, its sequence number, the time its age is measured from, the key
 * that picks its lane, and the name of the batch info in an on-failure record. The DynamoDB side
 * is {@link DynamoDbRecordFlavour}.
 *
 * @param <R> the shard source's record type
 */
interface RecordFlavour<R> {

    /** The record of shard {@code shardId} as the function will receive it, read at {@code readAt}. */
    PendingRecord pending(R record, String shardId, String streamArn, Instant readAt);

    /** Names the batch info of an on-failure record: {@code DDBStreamBatchInfo} or {@code KinesisBatchInfo}. */
    InvocationRecord.Source source();
}
