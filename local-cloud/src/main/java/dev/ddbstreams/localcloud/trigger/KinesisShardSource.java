package dev.ddbstreams.localcloud.trigger;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * One Kinesis data stream through the Kinesis API: ListShards (paged), GetShardIterator and
 * GetRecords. A shard has one parent after a split and two after a merge.
 */
final class KinesisShardSource implements ShardSource<Record> {

    /** GetRecords' maximum Limit, which Lambda's poller also reads up to. */
    private static final int GET_RECORDS_LIMIT = 10_000;

    private final KinesisClient kinesis;
    private final String streamArn;

    KinesisShardSource(KinesisClient kinesis, String streamArn) {
        this.kinesis = kinesis;
        this.streamArn = streamArn;
    }

    @Override
    public String streamArn() {
        return streamArn;
    }

    @Override
    public List<SourceShard> shards() {
        List<SourceShard> shards = new ArrayList<>();
        String nextToken = null;
        do {
            String token = nextToken;
            ListShardsResponse page = kinesis.listShards(b -> {
                if (token == null) {
                    b.streamARN(streamArn);
                } else {
                    b.nextToken(token);
                }
            });
            page.shards().forEach(shard -> shards.add(sourceShard(shard)));
            nextToken = page.nextToken();
        } while (nextToken != null);
        return shards;
    }

    private static SourceShard sourceShard(Shard shard) {
        List<String> parents = new ArrayList<>();
        if (shard.parentShardId() != null) {
            parents.add(shard.parentShardId());
        }
        if (shard.adjacentParentShardId() != null) {
            parents.add(shard.adjacentParentShardId());
        }
        return new SourceShard(shard.shardId(), parents, shard.sequenceNumberRange().endingSequenceNumber() != null);
    }

    @Override
    public String iterator(String shardId, StartingPoint from) {
        return kinesis.getShardIterator(b -> b.streamARN(streamArn).shardId(shardId)
                .shardIteratorType(from.kind().name())
                .startingSequenceNumber(from.afterSequenceNumber())).shardIterator();
    }

    /** Kinesis drops records past retention without an error, so only an expired iterator is reported. */
    @Override
    public int maxRecordsPerRead() {
        return GET_RECORDS_LIMIT;
    }

    @Override
    public Page<Record> read(String iterator) {
        try {
            GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(iterator).limit(GET_RECORDS_LIMIT));
            return new Page<>(page.records(), page.nextShardIterator());
        } catch (ExpiredIteratorException e) {
            throw new IteratorLostException(e.getMessage(), e);
        }
    }
}
