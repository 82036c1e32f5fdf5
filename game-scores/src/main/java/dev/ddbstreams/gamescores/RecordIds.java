package dev.ddbstreams.gamescores;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * The RecordID of the score record a Kinesis record becomes: the same Kinesis record, delivered
 * any number of times, always gets the same RecordID, so a conditional put writes it once.
 *
 * <p>A Kinesis record is identified by its stream, its shard and its sequence number. The
 * sequence number alone does not fit: it is up to 128 digits (typically 56) and a DynamoDB number
 * holds at most 38. So the RecordID is the first 125 bits of the SHA-256 of
 * {@code <eventSourceARN>/<shardId>/<sequenceNumber>}: below 2^125, which has 38 digits. Two
 * different Kinesis records get the same RecordID with probability about n^2 / 2^126 for n
 * records (below 10^-14 for a trillion).
 */
final class RecordIds {

    /** 2^125 - 1 has 38 digits: the largest whole number of this many bits that DynamoDB holds exactly. */
    static final int BITS = 125;

    private RecordIds() {
    }

    /**
     * @param eventId Lambda's {@code eventID} for a Kinesis record, {@code <shardId>:<sequenceNumber>}
     */
    static BigInteger of(String eventSourceArn, String eventId, String sequenceNumber) {
        String identity = eventSourceArn + "/" + shardId(eventId) + "/" + sequenceNumber;
        byte[] digest = sha256(identity.getBytes(StandardCharsets.UTF_8));
        return new BigInteger(1, Arrays.copyOf(digest, 16)).shiftRight(128 - BITS);
    }

    /** The shard part of an eventID; the whole eventID if it has no {@code :}. */
    static String shardId(String eventId) {
        if (eventId == null) {
            return "";
        }
        int colon = eventId.indexOf(':');
        return colon < 0 ? eventId : eventId.substring(0, colon);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            // Every Java runtime must provide SHA-256 (MessageDigest's Javadoc).
            throw new IllegalStateException(e);
        }
    }
}
