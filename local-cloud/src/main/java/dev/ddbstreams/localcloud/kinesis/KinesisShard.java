package dev.ddbstreams.localcloud.kinesis;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * One open shard: its hash key range and its records in arrival order. A record's position in
 * the shard is its index; its sequence number encodes the shard and the position, so sequence
 * numbers are decimal strings, unique in the stream and increasing within a shard, as Kinesis's.
 * Records are never trimmed (retention is not emulated). Thread-safe.
 */
final class KinesisShard {

    /** Kinesis's sequence numbers are 56-digit decimals; ours: "49", 18 digits of shard index, 36 of position. */
    private static final String SEQUENCE_FORMAT = "49%018d%036d";
    private static final int SEQUENCE_LENGTH = 56;

    private final int index;
    private final String shardId;
    private final HashKeyRange hashKeyRange;
    private final List<Record> records = new ArrayList<>();

    KinesisShard(int index, HashKeyRange hashKeyRange) {
        this.index = index;
        this.shardId = String.format("shardId-%012d", index);
        this.hashKeyRange = hashKeyRange;
    }

    String shardId() {
        return shardId;
    }

    HashKeyRange hashKeyRange() {
        return hashKeyRange;
    }

    String startingSequenceNumber() {
        return sequenceNumber(0);
    }

    /** Appends a record and returns it with its sequence number and arrival time. */
    synchronized Record append(String partitionKey, SdkBytes data, Instant arrival) {
        Record record = Record.builder().sequenceNumber(sequenceNumber(records.size()))
                .approximateArrivalTimestamp(arrival).partitionKey(partitionKey).data(data).build();
        records.add(record);
        return record;
    }

    /** The position the next record will take: where LATEST points. */
    synchronized long end() {
        return records.size();
    }

    /** Records from {@code position} on, at most {@code limit} and at most {@code maxBytes} of data (but at least one). */
    synchronized List<Record> read(long position, int limit, long maxBytes) {
        List<Record> page = new ArrayList<>();
        long bytes = 0;
        for (long i = position; i < records.size() && page.size() < limit; i++) {
            Record record = records.get((int) i);
            bytes += record.data().asByteBuffer().remaining();
            if (bytes > maxBytes && !page.isEmpty()) {
                break;
            }
            page.add(record);
        }
        return page;
    }

    /** Arrival time of the record at {@code position}, if there is one. */
    synchronized Instant arrivalAt(long position) {
        return position < records.size() ? records.get((int) position).approximateArrivalTimestamp() : null;
    }

    /** The position of the first record that arrived at or after {@code timestamp}; {@link #end()} if none did. */
    synchronized long positionAt(Instant timestamp) {
        for (int i = 0; i < records.size(); i++) {
            if (!records.get(i).approximateArrivalTimestamp().isBefore(timestamp)) {
                return i;
            }
        }
        return records.size();
    }

    /**
     * The position a sequence number stands for, if it is one of this shard's (issued already, or
     * the next to be issued).
     */
    synchronized OptionalLong positionOf(String sequenceNumber) {
        if (sequenceNumber == null || sequenceNumber.length() != SEQUENCE_LENGTH
                || !sequenceNumber.chars().allMatch(Character::isDigit)
                || !sequenceNumber.startsWith(String.format("49%018d", index))) {
            return OptionalLong.empty();
        }
        BigInteger position = new BigInteger(sequenceNumber.substring(20));
        return position.compareTo(BigInteger.valueOf(records.size())) <= 0
                ? OptionalLong.of(position.longValueExact()) : OptionalLong.empty();
    }

    private String sequenceNumber(long position) {
        return String.format(SEQUENCE_FORMAT, index, position);
    }
}
