package dev.ddbstreams.localcloud.kinesis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * A shard iterator: a position in one shard and when it was issued, carried in the opaque
 * string GetShardIterator and GetRecords hand out. Nothing is kept on the server, so an
 * iterator stays valid until it expires, 5 minutes after it was issued, as on AWS.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_GetShardIterator.html">GetShardIterator</a>
 */
record ShardIterator(String streamName, String shardId, long position, Instant issuedAt) {

    static final Duration LIFETIME = Duration.ofMinutes(5);

    String encode() {
        String plain = streamName + "/" + shardId + "/" + position + "/" + issuedAt.toEpochMilli();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws software.amazon.awssdk.services.kinesis.model.InvalidArgumentException if it is not an iterator we issued
     */
    static ShardIterator decode(String iterator) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(iterator), StandardCharsets.UTF_8);
            // Stream names have no '/', shard ids neither: the last three parts are fixed.
            int issued = plain.lastIndexOf('/');
            int position = plain.lastIndexOf('/', issued - 1);
            int shard = plain.lastIndexOf('/', position - 1);
            return new ShardIterator(plain.substring(0, shard), plain.substring(shard + 1, position),
                    Long.parseLong(plain.substring(position + 1, issued)),
                    Instant.ofEpochMilli(Long.parseLong(plain.substring(issued + 1))));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw KinesisErrors.invalidArgument("Invalid ShardIterator.");
        }
    }

    boolean expiredAt(Instant now) {
        return Duration.between(issuedAt, now).compareTo(LIFETIME) > 0;
    }
}
