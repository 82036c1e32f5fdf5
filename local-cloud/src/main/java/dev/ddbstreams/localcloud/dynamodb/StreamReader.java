package dev.ddbstreams.localcloud.dynamodb;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads what a table's stream holds right now: every shard from its trim horizon, each shard
 * after its parent, so records of one item come out in the order of its changes.
 */
public final class StreamReader {

    private final DynamoDbClient dynamoDb;
    private final DynamoDbStreamsClient streams;

    public StreamReader(DynamoDbClient dynamoDb, DynamoDbStreamsClient streams) {
        this.dynamoDb = dynamoDb;
        this.streams = streams;
    }

    /**
     * The ARN of the table's current stream.
     *
     * @throws IllegalStateException if the table has no stream enabled
     */
    public String streamArnOf(String tableName) {
        String arn = dynamoDb.describeTable(b -> b.tableName(tableName)).table().latestStreamArn();
        if (arn == null) {
            throw new IllegalStateException("table " + tableName + " has no stream: enable one with a StreamSpecification");
        }
        return arn;
    }

    /** Every record in the table's stream now. */
    public List<Record> readAll(String tableName) {
        return readStream(streamArnOf(tableName));
    }

    /** Every record in the stream now. */
    public List<Record> readStream(String streamArn) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : parentsFirst(shardsOf(streams, streamArn))) {
            readShard(streamArn, shard.shardId(), records);
        }
        return records;
    }

    /** Every shard of the stream, following DescribeStream's pages. */
    public static List<Shard> shardsOf(DynamoDbStreamsClient streams, String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String lastEvaluated = null;
        do {
            String start = lastEvaluated;
            StreamDescription description = streams.describeStream(b -> b.streamArn(streamArn)
                    .exclusiveStartShardId(start)).streamDescription();
            shards.addAll(description.shards());
            lastEvaluated = description.lastEvaluatedShardId();
        } while (lastEvaluated != null);
        return shards;
    }

    /** Orders shards so that each comes after its parent, when the parent is still in the stream. */
    static List<Shard> parentsFirst(List<Shard> shards) {
        Map<String, Shard> pending = new LinkedHashMap<>();
        shards.forEach(s -> pending.put(s.shardId(), s));
        List<Shard> ordered = new ArrayList<>(shards.size());
        while (!pending.isEmpty()) {
            Shard next = pending.values().stream()
                    .filter(s -> s.parentShardId() == null || !pending.containsKey(s.parentShardId()))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("shard lineage has a cycle: " + pending.keySet()));
            ordered.add(next);
            pending.remove(next.shardId());
        }
        return ordered;
    }

    private void readShard(String streamArn, String shardId, List<Record> into) {
        String iterator = streams.getShardIterator(b -> b.streamArn(streamArn).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        while (iterator != null) {
            String current = iterator;
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current));
            into.addAll(response.records());
            // An open shard always hands out a next iterator: an empty page means we have caught up.
            iterator = response.records().isEmpty() ? null : response.nextShardIterator();
        }
    }
}
