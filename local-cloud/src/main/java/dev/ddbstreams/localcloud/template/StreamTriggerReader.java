package dev.ddbstreams.localcloud.template;

import dev.ddbstreams.localcloud.template.StreamTriggerDefinition.Source;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition.StartingPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Turns a SAM {@code Events} entry of Type DynamoDB or Kinesis, or an
 * {@code AWS::Lambda::EventSourceMapping}, into a {@link StreamTriggerDefinition}: Lambda's
 * defaults where a property is absent, AWS's ranges checked, and every property the local
 * trigger does not implement refused (they change how records are delivered).
 */
final class StreamTriggerReader {

    private static final Set<String> DELIVERY_SETTINGS = Set.of("StartingPosition", "BatchSize",
            "MaximumBatchingWindowInSeconds", "FilterCriteria", "FunctionResponseTypes",
            "BisectBatchOnFunctionError", "MaximumRetryAttempts", "MaximumRecordAgeInSeconds",
            "ParallelizationFactor", "TumblingWindowInSeconds", "DestinationConfig", "Enabled");

    private static final PropertyCatalog SAM_EVENT = PropertyCatalog.of(with(DELIVERY_SETTINGS, "Stream"),
            Set.of("KmsKeyArn", "MetricsConfig"));
    private static final PropertyCatalog SAM_KINESIS_EVENT = PropertyCatalog.of(with(DELIVERY_SETTINGS, "Stream"),
            Set.of("KmsKeyArn", "MetricsConfig", "ConsumerArn"));
    static final PropertyCatalog MAPPING = PropertyCatalog.of(
            with(DELIVERY_SETTINGS, "EventSourceArn", "FunctionName"), Set.of("KmsKeyArn", "MetricsConfig", "Tags"));
    private static final PropertyCatalog DESTINATION_CONFIG = PropertyCatalog.of(Set.of("OnFailure"), Set.of());
    private static final PropertyCatalog ON_FAILURE = PropertyCatalog.of(Set.of("Destination", "Type"), Set.of());
    private static final PropertyCatalog FILTER_CRITERIA = PropertyCatalog.of(Set.of("Filters"), Set.of());
    private static final PropertyCatalog FILTER = PropertyCatalog.of(Set.of("Pattern"), Set.of());

    static final String NOT_SUPPORTED = "not supported by the local trigger";
    private static final int MAXIMUM_FILTERS = 5;
    private static final List<String> DESTINATION_TYPES = List.of("AWS::SQS::Queue", "AWS::SNS::Topic", "AWS::S3::Bucket");

    private final TemplateContext context;

    StreamTriggerReader(TemplateContext context) {
        this.context = context;
    }

    /** A SAM event; {@code type} is DynamoDB or Kinesis. */
    StreamTriggerDefinition samEvent(String eventName, String type, PropertyReader properties) {
        Source source = type.equals("Kinesis") ? Source.KINESIS : Source.DYNAMODB;
        (source == Source.KINESIS ? SAM_KINESIS_EVENT : SAM_EVENT)
                .audit(properties, context.notices(), PropertyCatalog.Unknown.FAIL, NOT_SUPPORTED);
        String streamArn = properties.requiredString("Stream");
        return trigger(eventName, source, streamArn, properties.path("Stream"), properties);
    }

    /**
     * An {@code AWS::Lambda::EventSourceMapping} whose properties were read with {@link #MAPPING};
     * its source type follows from EventSourceArn.
     */
    StreamTriggerDefinition eventSourceMapping(String logicalId, PropertyReader properties) {
        String sourceArn = properties.requiredString("EventSourceArn");
        Source source = StreamArnPlaceholder.tableName(sourceArn).isPresent() ? Source.DYNAMODB : Source.KINESIS;
        return trigger(logicalId, source, sourceArn, properties.path("EventSourceArn"), properties);
    }

    private StreamTriggerDefinition trigger(String name, Source source, String sourceArn, String sourcePath,
            PropertyReader properties) {
        SourceStream stream = source == Source.DYNAMODB ? tableStream(sourceArn, sourcePath)
                : kinesisStream(sourceArn, sourcePath);
        StartingPosition startingPosition = StartingPosition.valueOf(properties
                .choice("StartingPosition", List.of("TRIM_HORIZON", "LATEST"))
                .orElseThrow(() -> properties.error("StartingPosition",
                        "is required (TRIM_HORIZON or LATEST) for a stream event source")));
        int maximumRecordAge = properties.integer("MaximumRecordAgeInSeconds").orElse(-1);
        if (maximumRecordAge != -1 && (maximumRecordAge < 60 || maximumRecordAge > 604_800)) {
            throw properties.error("MaximumRecordAgeInSeconds", maximumRecordAge
                    + " is out of range: -1 (forever) or 60..604800");
        }
        // 0 is what the Lambda API reports for "no tumbling window"; a template may say so too.
        int tumblingWindow = properties.integer("TumblingWindowInSeconds", 0, 0, 900);
        return new StreamTriggerDefinition(name, source, stream.logicalId(), stream.name(),
                properties.integer("BatchSize", 100, 1, 10_000),
                startingPosition,
                Duration.ofSeconds(properties.integer("MaximumBatchingWindowInSeconds", 0, 0, 300)),
                filterPatterns(properties),
                reportBatchItemFailures(properties),
                properties.bool("BisectBatchOnFunctionError", false),
                properties.integer("MaximumRetryAttempts", -1, -1, 10_000),
                maximumRecordAge == -1 ? Optional.empty() : Optional.of(Duration.ofSeconds(maximumRecordAge)),
                properties.integer("ParallelizationFactor", 1, 1, 10),
                tumblingWindow == 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(tumblingWindow)),
                onFailureDestination(properties),
                properties.bool("Enabled", true));
    }

    private record SourceStream(String logicalId, String name) {
    }

    private SourceStream tableStream(String streamArn, String path) {
        String tableName = StreamArnPlaceholder.tableName(streamArn).orElseThrow(() -> TemplateException.at(path,
                "'" + streamArn + "' is not the stream of a table in this template: use !GetAtt <Table>.StreamArn"));
        TableDefinition table = context.tables().stream().filter(t -> t.tableName().equals(tableName)).findFirst()
                .orElseThrow(() -> TemplateException.at(path, "no table named '" + tableName + "' in this template"));
        var streamSpecification = table.createTableRequest().streamSpecification();
        if (streamSpecification == null || !Boolean.TRUE.equals(streamSpecification.streamEnabled())) {
            throw TemplateException.at(path, "table " + table.logicalId() + " has no StreamSpecification");
        }
        return new SourceStream(table.logicalId(), tableName);
    }

    private SourceStream kinesisStream(String streamArn, String path) {
        String logicalId = context.logicalIdOf(streamArn, List.of("AWS::Kinesis::Stream")).orElseThrow(() ->
                TemplateException.at(path, "'" + streamArn + "' is neither a table's stream nor a Kinesis stream"
                        + " of this template: use !GetAtt <Table>.StreamArn or !GetAtt <KinesisStream>.Arn"));
        return new SourceStream(logicalId, context.physicalName(logicalId));
    }

    private static List<String> filterPatterns(PropertyReader properties) {
        Optional<PropertyReader> criteria = properties.map("FilterCriteria");
        if (criteria.isEmpty()) {
            return List.of();
        }
        FILTER_CRITERIA.audit(criteria.get(), new ArrayList<>(), PropertyCatalog.Unknown.FAIL, NOT_SUPPORTED);
        List<PropertyReader> filters = criteria.get().maps("Filters");
        if (filters.size() > MAXIMUM_FILTERS) {
            throw criteria.get().error("Filters", filters.size() + " filters: at most " + MAXIMUM_FILTERS
                    + " are allowed (AWS raises the quota to 10 on request; the local trigger does not)");
        }
        List<String> patterns = new ArrayList<>();
        for (PropertyReader filter : filters) {
            FILTER.audit(filter, new ArrayList<>(), PropertyCatalog.Unknown.FAIL, NOT_SUPPORTED);
            if (filter.has("Pattern") && !(filter.raw("Pattern") instanceof String)) {
                throw filter.error("Pattern", "must be a JSON string (quote it in YAML), as Lambda expects");
            }
            String pattern = filter.requiredString("Pattern");
            requireJsonObject(pattern, filter.path("Pattern"));
            patterns.add(pattern);
        }
        return patterns;
    }

    private static void requireJsonObject(String pattern, String path) {
        Object parsed;
        try {
            parsed = TemplateYaml.parseValue(pattern);
        } catch (YAMLException e) {
            throw TemplateException.at(path, "not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw TemplateException.at(path, "must be a JSON object such as {\"eventName\":[\"INSERT\"]}");
        }
    }

    private static boolean reportBatchItemFailures(PropertyReader properties) {
        List<String> types = properties.strings("FunctionResponseTypes");
        for (String type : types) {
            if (!type.equals("ReportBatchItemFailures")) {
                throw properties.error("FunctionResponseTypes", "'" + type
                        + "' is not a function response type; the only one is ReportBatchItemFailures");
            }
        }
        return !types.isEmpty();
    }

    /** The destination's logical id when this template creates it (a local trigger writes there), else the ARN. */
    private Optional<String> onFailureDestination(PropertyReader properties) {
        Optional<PropertyReader> config = properties.map("DestinationConfig");
        if (config.isEmpty()) {
            return Optional.empty();
        }
        DESTINATION_CONFIG.audit(config.get(), new ArrayList<>(), PropertyCatalog.Unknown.FAIL, NOT_SUPPORTED);
        Optional<PropertyReader> onFailure = config.get().map("OnFailure");
        if (onFailure.isEmpty()) {
            return Optional.empty();
        }
        ON_FAILURE.audit(onFailure.get(), new ArrayList<>(), PropertyCatalog.Unknown.FAIL, NOT_SUPPORTED);
        onFailure.get().choice("Type", List.of("SQS", "SNS", "S3"));
        String destination = onFailure.get().requiredString("Destination");
        return Optional.of(context.logicalIdOf(destination, DESTINATION_TYPES).orElse(destination));
    }

    private static Set<String> with(Set<String> names, String... more) {
        Set<String> all = new HashSet<>(names);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
