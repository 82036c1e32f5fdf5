package dev.ddbstreams.localcloud.firehose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One Direct PUT delivery stream with an S3 destination, where a local folder stands for the
 * bucket. Validated like Firehose validates CreateDeliveryStream, so a template that the local
 * cloud accepts is one AWS accepts too (within what is emulated).
 *
 * @param deliveryStreamName 1..64 characters of {@code [a-zA-Z0-9_.-]}
 * @param bucket the folder that stands for the S3 bucket; created on first delivery
 * @param prefix the key prefix; empty means Firehose's default {@code YYYY/MM/dd/HH/} (UTC)
 * @param errorOutputPrefix required when the prefix has expressions
 * @param bufferSizeMb BufferingHints.SizeInMBs, 1..128 (MiB of data before compression)
 * @param bufferInterval BufferingHints.IntervalInSeconds, 0..900 s
 * @param compression UNCOMPRESSED or GZIP
 */
public record DeliveryStreamConfig(String deliveryStreamName, Path bucket, Optional<String> prefix,
        Optional<String> errorOutputPrefix, int bufferSizeMb, Duration bufferInterval, ObjectCompression compression) {

    public static final int DEFAULT_BUFFER_SIZE_MB = 5;
    public static final Duration DEFAULT_BUFFER_INTERVAL = Duration.ofSeconds(300);
    public static final int MIN_BUFFER_SIZE_MB = 1;
    public static final int MAX_BUFFER_SIZE_MB = 128;
    public static final Duration MAX_BUFFER_INTERVAL = Duration.ofSeconds(900);

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,64}");

    public DeliveryStreamConfig {
        Objects.requireNonNull(deliveryStreamName, "deliveryStreamName");
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(bufferInterval, "bufferInterval");
        Objects.requireNonNull(compression, "compression");
        if (!NAME.matcher(deliveryStreamName).matches()) {
            throw new IllegalArgumentException("DeliveryStreamName '" + deliveryStreamName
                    + "' must be 1 to 64 characters of a-z, A-Z, 0-9, '_', '.' or '-'");
        }
        if (bufferSizeMb < MIN_BUFFER_SIZE_MB || bufferSizeMb > MAX_BUFFER_SIZE_MB) {
            throw new IllegalArgumentException(deliveryStreamName + ": BufferingHints.SizeInMBs must be between "
                    + MIN_BUFFER_SIZE_MB + " and " + MAX_BUFFER_SIZE_MB + ", was " + bufferSizeMb);
        }
        if (bufferInterval.isNegative() || bufferInterval.compareTo(MAX_BUFFER_INTERVAL) > 0) {
            throw new IllegalArgumentException(deliveryStreamName + ": BufferingHints.IntervalInSeconds must be between 0 and "
                    + MAX_BUFFER_INTERVAL.toSeconds() + ", was " + bufferInterval.toSeconds());
        }
        // An empty prefix is the same as none: Firehose's default applies.
        prefix = Objects.requireNonNullElse(prefix, Optional.<String>empty()).filter(text -> !text.isEmpty());
        errorOutputPrefix = Objects.requireNonNullElse(errorOutputPrefix, Optional.<String>empty()).filter(text -> !text.isEmpty());
        try {
            ObjectKeyLayout.of(deliveryStreamName, prefix, errorOutputPrefix, compression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(deliveryStreamName + ": " + e.getMessage(), e);
        }
    }

    /** A stream with Firehose's defaults: default prefix, 5 MiB, 300 s, uncompressed. */
    public static DeliveryStreamConfig of(String deliveryStreamName, Path bucket) {
        return new DeliveryStreamConfig(deliveryStreamName, bucket, Optional.empty(), Optional.empty(),
                DEFAULT_BUFFER_SIZE_MB, DEFAULT_BUFFER_INTERVAL, ObjectCompression.UNCOMPRESSED);
    }

    /**
     * Takes the parts as a template states them (mirrors the local cloud's
     * {@code DeliveryStreamDefinition}), with the compression as Firehose spells it.
     */
    public static DeliveryStreamConfig of(String deliveryStreamName, Path bucket, Optional<String> prefix,
            Optional<String> errorOutputPrefix, int bufferSizeMb, Duration bufferInterval, String compression) {
        return new DeliveryStreamConfig(deliveryStreamName, bucket, prefix, errorOutputPrefix, bufferSizeMb,
                bufferInterval, ObjectCompression.parse(compression));
    }

    public DeliveryStreamConfig withPrefix(String newPrefix, String newErrorOutputPrefix) {
        return new DeliveryStreamConfig(deliveryStreamName, bucket, Optional.ofNullable(newPrefix),
                Optional.ofNullable(newErrorOutputPrefix), bufferSizeMb, bufferInterval, compression);
    }

    public DeliveryStreamConfig withBuffering(int newBufferSizeMb, Duration newBufferInterval) {
        return new DeliveryStreamConfig(deliveryStreamName, bucket, prefix, errorOutputPrefix, newBufferSizeMb,
                newBufferInterval, compression);
    }

    public DeliveryStreamConfig withCompression(ObjectCompression newCompression) {
        return new DeliveryStreamConfig(deliveryStreamName, bucket, prefix, errorOutputPrefix, bufferSizeMb,
                bufferInterval, newCompression);
    }

    /** The size hint in bytes (SizeInMBs are MiB). */
    public long bufferSizeBytes() {
        return bufferSizeMb * 1024L * 1024L;
    }

    ObjectKeyLayout keyLayout() {
        return ObjectKeyLayout.of(deliveryStreamName, prefix, errorOutputPrefix, compression);
    }
}
