package dev.ddbstreams.localcloud.trigger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A stream whose shard lineage a test lays out: closed parents, split and merged children.
 * DynamoDB Local keeps one shard per small table and never splits it, so lineage cannot be
 * tested on it; records still go through the real DynamoDB record flavour and Lambda event JSON.
 */
final class ScriptedShardSource implements ShardSource<Record> {

    static final String STREAM_ARN = "arn:aws:dynamodb:us-east-1:123456789012:table/Lineage/stream/2026-12-05T00:00:00.000";

    private final Map<String, List<Record>> records = new LinkedHashMap<>();
    private final Map<String, SourceShard> shards = new LinkedHashMap<>();
    private long nextSequence = 100;

    /** Adds a shard holding records with these item ids. */
    synchronized ScriptedShardSource shard(String shardId, List<String> parents, boolean closed, String... ids) {
        shards.put(shardId, new SourceShard(shardId, parents, closed));
        records.put(shardId, new ArrayList<>());
        append(shardId, ids);
        return this;
    }

    synchronized void append(String shardId, String... ids) {
        for (String id : ids) {
            Map<String, AttributeValue> key = Map.of("id", AttributeValue.fromS(id));
            String sequence = Long.toString(nextSequence++);
            records.get(shardId).add(Record.builder().eventID("e" + sequence).eventName(OperationType.INSERT)
                    .dynamodb(StreamRecord.builder().keys(key).newImage(key).sequenceNumber(sequence).sizeBytes(10L)
                            .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).approximateCreationDateTime(Instant.now())
                            .build())
                    .build());
        }
    }

    synchronized void close(String shardId) {
        SourceShard shard = shards.get(shardId);
        shards.put(shardId, new SourceShard(shardId, shard.parentShardIds(), true));
    }

    @Override
    public String streamArn() {
        return STREAM_ARN;
    }

    @Override
    public synchronized List<SourceShard> shards() {
        return List.copyOf(shards.values());
    }

    /** An iterator is "shardId/index of the next record". */
    @Override
    public synchronized String iterator(String shardId, StartingPoint from) {
        List<Record> shard = records.get(shardId);
        int position = switch (from.kind()) {
            case TRIM_HORIZON -> 0;
            case LATEST -> shard.size();
            case AFTER_SEQUENCE_NUMBER -> indexOf(shard, from.afterSequenceNumber()) + 1;
        };
        return shardId + "/" + position;
    }

    /** A read returns every record the shard holds past the iterator. */
    @Override
    public int maxRecordsPerRead() {
        return Integer.MAX_VALUE;
    }

    @Override
    public synchronized Page<Record> read(String iterator) {
        String shardId = iterator.substring(0, iterator.lastIndexOf('/'));
        int position = Integer.parseInt(iterator.substring(iterator.lastIndexOf('/') + 1));
        List<Record> shard = records.get(shardId);
        List<Record> page = List.copyOf(shard.subList(position, shard.size()));
        boolean ended = shards.get(shardId).closed();
        return new Page<>(page, ended ? null : shardId + "/" + shard.size());
    }

    private static int indexOf(List<Record> shard, String sequenceNumber) {
        for (int i = 0; i < shard.size(); i++) {
            if (shard.get(i).dynamodb().sequenceNumber().equals(sequenceNumber)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no record " + sequenceNumber);
    }
}
