package dev.ddbstreams.localcloud.kinesis;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * One local data stream: its name, ARN, mode, record size limit and open shards, whose hash key
 * ranges split the key space evenly. Shards are never split, merged or closed.
 */
final class KinesisDataStream {

    private final String name;
    private final String arn;
    private final StreamMode mode;
    private final int maxRecordSizeInKiB;
    private final Instant createdAt;
    private final List<KinesisShard> shards;

    KinesisDataStream(String name, String arn, StreamMode mode, int shardCount, int maxRecordSizeInKiB,
            Instant createdAt) {
        this.name = name;
        this.arn = arn;
        this.mode = mode;
        this.maxRecordSizeInKiB = maxRecordSizeInKiB;
        this.createdAt = createdAt;
        List<HashKeyRange> ranges = HashKeyRange.evenSplit(shardCount);
        List<KinesisShard> created = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            created.add(new KinesisShard(i, ranges.get(i)));
        }
        this.shards = List.copyOf(created);
    }

    String name() {
        return name;
    }

    String arn() {
        return arn;
    }

    StreamMode mode() {
        return mode;
    }

    int maxRecordSizeInKiB() {
        return maxRecordSizeInKiB;
    }

    Instant createdAt() {
        return createdAt;
    }

    List<KinesisShard> shards() {
        return shards;
    }

    Optional<KinesisShard> shard(String shardId) {
        return shards.stream().filter(shard -> shard.shardId().equals(shardId)).findFirst();
    }

    /** The shard whose range holds the hash key; the ranges cover the whole key space. */
    KinesisShard shardFor(BigInteger hashKey) {
        return shards.stream().filter(shard -> shard.hashKeyRange().contains(hashKey)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no shard of " + name + " holds hash key " + hashKey));
    }
}
