package dev.ddbstreams.localcloud.template;

import dev.ddbstreams.localcloud.firehose.DeliveryStreamConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * An {@code AWS::KinesisFirehose::DeliveryStream} with an S3 destination
 * (ExtendedS3DestinationConfiguration or S3DestinationConfiguration).
 *
 * @param bucketLogicalId the bucket's logical id when the template creates it
 * @param prefix the object key prefix; empty = Firehose's default {@code YYYY/MM/dd/HH/}
 * @param errorOutputPrefix required by Firehose when the prefix has expressions
 * @param bufferSizeMb 1..128, default 5
 * @param bufferInterval 0..900 s, default 300
 * @param compression UNCOMPRESSED (default), GZIP, ZIP, Snappy or HADOOP_SNAPPY
 */
public record DeliveryStreamDefinition(String logicalId, String deliveryStreamName, String bucketLogicalId,
        Optional<String> prefix, Optional<String> errorOutputPrefix, int bufferSizeMb, Duration bufferInterval,
        String compression) {

    /** The local Firehose's settings for it, delivering into {@code bucketFolder} (the bucket's stand-in). */
    public DeliveryStreamConfig config(Path bucketFolder) {
        return DeliveryStreamConfig.of(deliveryStreamName, bucketFolder, prefix, errorOutputPrefix, bufferSizeMb,
                bufferInterval, compression);
    }
}
