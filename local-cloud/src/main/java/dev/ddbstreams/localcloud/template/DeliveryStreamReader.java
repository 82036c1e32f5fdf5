package dev.ddbstreams.localcloud.template;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns an {@code AWS::KinesisFirehose::DeliveryStream} with an S3 destination into a {@link DeliveryStreamDefinition}. */
final class DeliveryStreamReader {

    static final String EXTENDED_S3 = "ExtendedS3DestinationConfiguration";
    static final String S3 = "S3DestinationConfiguration";

    static final PropertyCatalog DELIVERY_STREAM = new PropertyCatalog(
            Set.of("DeliveryStreamName", "DeliveryStreamType", EXTENDED_S3, S3),
            Set.of("Tags", "DeliveryStreamEncryptionConfigurationInput"),
            Map.of("KinesisStreamSourceConfiguration", "records come from PutRecord/PutRecordBatch only",
                    "MSKSourceConfiguration", "records come from PutRecord/PutRecordBatch only"));

    private static final PropertyCatalog DESTINATION = new PropertyCatalog(
            Set.of("BucketARN", "Prefix", "ErrorOutputPrefix", "BufferingHints", "CompressionFormat"),
            Set.of("RoleARN", "CloudWatchLoggingOptions", "EncryptionConfiguration", "S3BackupMode"),
            Map.of("ProcessingConfiguration", "records are not transformed by a Lambda processor",
                    "DataFormatConversionConfiguration", "records are not converted to Parquet or ORC",
                    "DynamicPartitioningConfiguration", "no partitioning by record content",
                    "S3BackupConfiguration", "no backup copy is written",
                    "FileExtension", "objects keep Firehose's default extension",
                    "CustomTimeZone", "prefix timestamps are in UTC"));

    private static final PropertyCatalog BUFFERING_HINTS = PropertyCatalog.of(
            Set.of("SizeInMBs", "IntervalInSeconds"), Set.of());

    private static final List<String> COMPRESSIONS = List.of("UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY");

    private final TemplateContext context;

    DeliveryStreamReader(TemplateContext context) {
        this.context = context;
    }

    /** Empty (and a notice) when the stream has no S3 destination: other destinations do not run locally. */
    Optional<DeliveryStreamDefinition> deliveryStream(String logicalId, String name, PropertyReader properties) {
        properties.choice("DeliveryStreamType", List.of("DirectPut", "KinesisStreamAsSource", "MSKAsSource",
                "DatabaseAsSource"))
                .filter(type -> !type.equals("DirectPut"))
                .ifPresent(type -> context.notices().add(TemplateNotice.notSupported(
                        properties.path("DeliveryStreamType"), type + ": the local Firehose takes direct puts only")));
        Optional<PropertyReader> destination = properties.map(EXTENDED_S3).or(() -> properties.map(S3));
        if (destination.isEmpty()) {
            context.notices().add(TemplateNotice.notRunLocally(logicalId,
                    "only delivery streams with an S3 destination run locally"));
            return Optional.empty();
        }
        PropertyReader s3 = destination.get();
        DESTINATION.audit(s3, context.notices(), PropertyCatalog.Unknown.REPORT,
                "unknown property of an S3 destination");
        PropertyReader hints = s3.mapOrEmpty("BufferingHints");
        BUFFERING_HINTS.audit(hints, context.notices(), PropertyCatalog.Unknown.REPORT,
                "unknown property of BufferingHints");
        Optional<String> prefix = s3.string("Prefix").filter(p -> !p.isEmpty());
        Optional<String> errorOutputPrefix = s3.string("ErrorOutputPrefix").filter(p -> !p.isEmpty());
        if (prefix.filter(p -> p.contains("!{")).isPresent() && errorOutputPrefix.isEmpty()) {
            throw s3.error("ErrorOutputPrefix", "is required when Prefix uses !{...} expressions, as Firehose requires");
        }
        return Optional.of(new DeliveryStreamDefinition(logicalId, name,
                bucket(s3.requiredString("BucketARN"), s3.path("BucketARN")),
                prefix, errorOutputPrefix,
                hints.integer("SizeInMBs", 5, 1, 128),
                Duration.ofSeconds(hints.integer("IntervalInSeconds", 300, 0, 900)),
                s3.choice("CompressionFormat", COMPRESSIONS).orElse("UNCOMPRESSED")));
    }

    /** The bucket's logical id when this template creates it; otherwise the bucket name from the ARN. */
    private String bucket(String bucketArn, String path) {
        Optional<String> logicalId = context.logicalIdOf(bucketArn, List.of("AWS::S3::Bucket"));
        if (logicalId.isPresent()) {
            return logicalId.get();
        }
        if (!bucketArn.startsWith("arn:aws:s3:::") || bucketArn.length() == "arn:aws:s3:::".length()) {
            throw TemplateException.at(path, "'" + bucketArn + "' is not an S3 bucket ARN");
        }
        return bucketArn.substring("arn:aws:s3:::".length());
    }
}
