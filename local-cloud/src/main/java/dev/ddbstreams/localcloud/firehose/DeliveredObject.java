package dev.ddbstreams.localcloud.firehose;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One object the local Firehose wrote, reported in delivery order to the listener given to
 * {@link LocalFirehoseClient.Builder#onDelivery}.
 *
 * @param key the S3 key, '/'-separated
 * @param file where it is on disk: the bucket folder resolved with the key
 * @param records how many records it holds
 * @param dataBytes their bytes before compression
 * @param objectBytes the object's size on disk
 * @param oldestArrival arrival time of its oldest record, which names it
 */
public record DeliveredObject(String deliveryStreamName, String key, Path file, int records, long dataBytes,
        long objectBytes, Instant oldestArrival) {
}
