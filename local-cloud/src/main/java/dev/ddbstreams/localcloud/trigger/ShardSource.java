package dev.ddbstreams.localcloud.trigger;

import java.util.List;

/**
 * Where a trigger's records come from: the shards of one stream, read page by page from a
 * position. The DynamoDB side is {@link DynamoDbShardSource}; a Kinesis data stream fits the same
 * seam, so every other class of the trigger works for either.
 *
 * @param <R> the source's own record type
 */
interface ShardSource<R> {

    /**
     * One shard as the trigger needs to know it.
     *
     * @param parentShardIds none for a first shard, one after a split, two after a Kinesis merge
     * @param closed the shard has an ending sequence number: it takes no more records
     */
    record SourceShard(String shardId, List<String> parentShardIds, boolean closed) {

        public SourceShard {
            parentShardIds = List.copyOf(parentShardIds);
        }
    }

    /**
     * One read.
     *
     * @param nextIterator null once the shard is closed and every record of it was returned
     */
    record Page<R>(List<R> records, String nextIterator) {
    }

    /** Where to start reading a shard. */
    record StartingPoint(Kind kind, String afterSequenceNumber) {

        /** Named as both APIs name their iterator types; only the last has a sequence number. */
        enum Kind { TRIM_HORIZON, LATEST, AFTER_SEQUENCE_NUMBER }

        static final StartingPoint TRIM_HORIZON = new StartingPoint(Kind.TRIM_HORIZON, null);
        static final StartingPoint LATEST = new StartingPoint(Kind.LATEST, null);

        static StartingPoint after(String sequenceNumber) {
            return new StartingPoint(Kind.AFTER_SEQUENCE_NUMBER, sequenceNumber);
        }
    }

    /** The iterator expired or the source no longer knows it: take a new one after the last record read. */
    final class IteratorLostException extends RuntimeException {

        IteratorLostException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The records at the iterator's position are past the stream's retention. */
    final class RecordsTrimmedException extends RuntimeException {

        RecordsTrimmedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The stream's ARN, as records and on-failure records name it. */
    String streamArn();

    /** Every shard of the stream, closed ones included. */
    List<SourceShard> shards();

    String iterator(String shardId, StartingPoint from);

    /** The most records one {@link #read} returns: a page this full means more may be waiting. */
    int maxRecordsPerRead();

    /**
     * @throws IteratorLostException when the iterator must be renewed
     * @throws RecordsTrimmedException when the records at the iterator are gone
     */
    Page<R> read(String iterator);
}
