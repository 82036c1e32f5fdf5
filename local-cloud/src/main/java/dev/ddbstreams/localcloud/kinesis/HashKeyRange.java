package dev.ddbstreams.localcloud.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of Kinesis's 128-bit hash key space one shard owns, both ends included. A record
 * goes to the shard whose range holds the MD5 of its partition key, read as an unsigned 128-bit
 * integer, or its ExplicitHashKey when it has one.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecord.html">PutRecord</a>
 */
record HashKeyRange(BigInteger startingHashKey, BigInteger endingHashKey) {

    /** 2^128 - 1, the largest hash key. */
    static final BigInteger MAX_HASH_KEY = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    /**
     * The ranges of a new stream's shards: the key space split evenly, shard {@code i} starting at
     * floor(i * 2^128 / n), the last one ending at 2^128 - 1, as CreateStream makes them.
     */
    static List<HashKeyRange> evenSplit(int shardCount) {
        BigInteger space = MAX_HASH_KEY.add(BigInteger.ONE);
        BigInteger count = BigInteger.valueOf(shardCount);
        List<HashKeyRange> ranges = new ArrayList<>(shardCount);
        for (int i = 0; i < shardCount; i++) {
            BigInteger start = space.multiply(BigInteger.valueOf(i)).divide(count);
            BigInteger nextStart = space.multiply(BigInteger.valueOf(i + 1L)).divide(count);
            ranges.add(new HashKeyRange(start, nextStart.subtract(BigInteger.ONE)));
        }
        return ranges;
    }

    /** The MD5 of the partition key's UTF-8 bytes as an unsigned 128-bit integer. */
    static BigInteger hashOf(String partitionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has MD5", e);
        }
    }

    boolean contains(BigInteger hashKey) {
        return hashKey.compareTo(startingHashKey) >= 0 && hashKey.compareTo(endingHashKey) <= 0;
    }
}
