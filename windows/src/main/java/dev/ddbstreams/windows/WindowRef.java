package dev.ddbstreams.windows;

import java.util.Optional;

/**
 * One tumbling window of one shard, as its events name it.
 *
 * @param start the window's start exactly as the event gives it (an ISO-8601 instant)
 * @param firstSequence the sequence number of the window's first record (see {@link WindowDeltas#firstSequence()})
 */
public record WindowRef(String streamArn, String shardId, String start, Optional<String> firstSequence) {

    /**
     * Unique per stream, shard and window: the stream ARN names the table and the stream's
     * creation; the first record's sequence number tells apart a window that ended early from the
     * rest of its period, which Lambda sends as another window with the same start.
     */
    public String id() {
        return streamArn + "#" + shardId + "#" + start + firstSequence.map(first -> "#" + first).orElse("");
    }
}
