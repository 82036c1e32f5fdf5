package dev.ddbstreams.localcloud.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@code AWS::Kinesis::Stream} into a {@link KinesisStreamDefinition}.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html">AWS::Kinesis::Stream</a>
 */
final class KinesisStreamReader {

    static final PropertyCatalog KINESIS_STREAM = new PropertyCatalog(
            Set.of("Name", "ShardCount", "StreamModeDetails"),
            Set.of("StreamEncryption", "Tags", "DesiredShardLevelMetrics"),
            Map.of("RetentionPeriodHours", "records are kept until the local cloud stops, never trimmed"));

    private static final PropertyCatalog STREAM_MODE_DETAILS = PropertyCatalog.of(Set.of("StreamMode"), Set.of());

    private KinesisStreamReader() {
    }

    static KinesisStreamDefinition stream(String logicalId, String name, PropertyReader properties,
            List<TemplateNotice> notices) {
        PropertyReader mode = properties.mapOrEmpty("StreamModeDetails");
        STREAM_MODE_DETAILS.audit(mode, notices, PropertyCatalog.Unknown.REPORT, "unknown property of StreamModeDetails");
        boolean onDemand = mode.choice("StreamMode", List.of("PROVISIONED", "ON_DEMAND")).orElse("PROVISIONED")
                .equals("ON_DEMAND");
        if (onDemand) {
            return new KinesisStreamDefinition(logicalId, name, true, 0);
        }
        if (properties.integer("ShardCount").isEmpty()) {
            throw properties.error("ShardCount", "is required for a PROVISIONED stream (the local cloud does not guess it)");
        }
        return new KinesisStreamDefinition(logicalId, name, false, properties.integer("ShardCount", 1, 1, 10_000));
    }
}
