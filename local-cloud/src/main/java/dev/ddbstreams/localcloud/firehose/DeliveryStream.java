package dev.ddbstreams.localcloud.firehose;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buffer of one delivery stream: records concatenated exactly as given (Firehose adds no
 * delimiter), delivered as one object when the buffer reaches SizeInMBs or its oldest record
 * is IntervalInSeconds old, whichever comes first. Size is counted before compression.
 *
 * <p>If writing fails the data stays buffered and is retried on the next {@link #deliverIfDue}
 * or {@link #flush} (Firehose retries S3 delivery for up to 24 hours; here, until it works or the
 * client closes).
 */
final class DeliveryStream {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStream.class);

    private final DeliveryStreamConfig config;
    private final ObjectKeyLayout layout;
    private final StatsCounters stats;
    private final Consumer<DeliveredObject> listener;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private int bufferedRecords;
    private Instant oldestArrival;
    private IOException lastFailure;

    DeliveryStream(DeliveryStreamConfig config, StatsCounters stats, Consumer<DeliveredObject> listener) {
        this.config = config;
        this.layout = config.keyLayout();
        this.stats = stats;
        this.listener = listener;
    }

    DeliveryStreamConfig config() {
        return config;
    }

    /** Buffers the accepted records of one call, all arrived at {@code arrival}, delivering as the hints say. */
    synchronized void accept(List<byte[]> records, Instant arrival) {
        deliverIfDue(arrival);
        for (byte[] record : records) {
            if (bufferedRecords == 0) {
                oldestArrival = arrival;
            }
            buffer.write(record, 0, record.length);
            bufferedRecords++;
            // While the bucket is failing, leave retries to the timer instead of retrying per record.
            if (buffer.size() >= config.bufferSizeBytes() && lastFailure == null) {
                deliver();
            }
        }
        deliverIfDue(arrival);
    }

    /** Delivers the buffer if its oldest record has waited IntervalInSeconds; true if nothing is left undelivered. */
    synchronized boolean deliverIfDue(Instant now) {
        if (bufferedRecords > 0 && !now.isBefore(oldestArrival.plus(config.bufferInterval()))) {
            return deliver();
        }
        if (bufferedRecords > 0 && lastFailure != null && buffer.size() >= config.bufferSizeBytes()) {
            return deliver();
        }
        return bufferedRecords == 0;
    }

    /** Delivers whatever is buffered now; true if nothing is left undelivered. */
    synchronized boolean flush() {
        return bufferedRecords == 0 || deliver();
    }

    synchronized IOException lastFailure() {
        return lastFailure;
    }

    private boolean deliver() {
        String key = layout.key(oldestArrival, UUID.randomUUID());
        int dataBytes = buffer.size();
        try {
            Path file = BucketWriter.write(config.bucket(), key, buffer.toByteArray(), dataBytes, config.compression());
            long objectBytes = Files.size(file);
            DeliveredObject object = new DeliveredObject(config.deliveryStreamName(), key, file, bufferedRecords,
                    dataBytes, objectBytes, oldestArrival);
            buffer.reset();
            bufferedRecords = 0;
            oldestArrival = null;
            lastFailure = null;
            stats.objectsWritten.incrementAndGet();
            stats.objectBytesWritten.addAndGet(objectBytes);
            LOG.debug("{}: delivered {} records ({} bytes) to {}", config.deliveryStreamName(), object.records(),
                    dataBytes, key);
            listener.accept(object);
            return true;
        } catch (IOException e) {
            lastFailure = e;
            stats.deliveryErrors.incrementAndGet();
            LOG.warn("{}: could not write {} to {}, {} records stay buffered: {}", config.deliveryStreamName(), key,
                    config.bucket(), bufferedRecords, e.toString());
            return false;
        }
    }
}
