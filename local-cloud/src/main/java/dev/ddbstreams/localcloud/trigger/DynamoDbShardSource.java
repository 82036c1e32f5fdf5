package dev.ddbstreams.localcloud.trigger;

import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** One DynamoDB stream through the DynamoDB Streams API: at most one parent per shard. */
final class DynamoDbShardSource implements ShardSource<Record> {

    /** DynamoDB Streams' GetRecords returns at most 1,000 records. */
    private static final int GET_RECORDS_LIMIT = 1_000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;

    DynamoDbShardSource(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public List<SourceShard> shards() {
        return StreamReader.shardsOf(streams, streamArn).stream()
                .map(shard -> new SourceShard(shard.shardId(),
                        shard.parentShardId() == null ? List.of() : List.of(shard.parentShardId()),
                        shard.sequenceNumberRange().endingSequenceNumber() != null))
                .toList();
    }

    @Override
    public String iterator(String shardId, StartingPoint from) {
        return streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(from.kind().name()).sequenceNumber(from.afterSequenceNumber())).shardIterator();
    }

    @Override
    public int maxRecordsPerRead() {
        return GET_RECORDS_LIMIT;
    }

    @Override
    public Page<Record> read(String iterator) {
        try {
            GetRecordsResponse page = streams.getRecords(b -> b.shardIterator(iterator).limit(GET_RECORDS_LIMIT));
            return new Page<>(page.records(), page.nextShardIterator());
        } catch (ExpiredIteratorException | ResourceNotFoundException e) {
            // DynamoDB Local also answers ResourceNotFound for an iterator it no longer recognises.
            throw new IteratorLostException(e.getMessage(), e);
        } catch (TrimmedDataAccessException e) {
            throw new RecordsTrimmedException(e.getMessage(), e);
        }
    }
}
