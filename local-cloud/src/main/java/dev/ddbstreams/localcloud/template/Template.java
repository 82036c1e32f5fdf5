package dev.ddbstreams.localcloud.template;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the local cloud needs from one module's SAM/CloudFormation template: its tables, its
 * functions with their stream triggers, its Firehose delivery streams and its Kinesis data
 * streams, with every intrinsic function already resolved.
 *
 * @param file where it was read from
 * @param parameters the parameter values used (defaults, overridden by the caller's values)
 * @param kinesisStreams its Kinesis data streams
 * @param notices everything in the template the local cloud reads but does not run, by property path
 * @param destinations the SQS queues, SNS topics and S3 buckets it creates, which on-failure records can reach
 */
public record Template(Path file, Map<String, String> parameters, List<TableDefinition> tables,
        List<FunctionDefinition> functions, List<DeliveryStreamDefinition> deliveryStreams,
        List<KinesisStreamDefinition> kinesisStreams, List<TemplateNotice> notices,
        List<DestinationResource> destinations) {

    public Template {
        parameters = Map.copyOf(parameters);
        tables = List.copyOf(tables);
        functions = List.copyOf(functions);
        deliveryStreams = List.copyOf(deliveryStreams);
        kinesisStreams = List.copyOf(kinesisStreams);
        notices = List.copyOf(notices);
        destinations = List.copyOf(destinations);
    }

    /** A template built in code, with nothing to report. */
    public Template(Path file, Map<String, String> parameters, List<TableDefinition> tables,
            List<FunctionDefinition> functions, List<DeliveryStreamDefinition> deliveryStreams) {
        this(file, parameters, tables, functions, deliveryStreams, List.of(), List.of(), List.of());
    }

    public Optional<TableDefinition> table(String tableName) {
        return tables.stream().filter(t -> t.tableName().equals(tableName)).findFirst();
    }

    public Optional<FunctionDefinition> function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    public Optional<DeliveryStreamDefinition> deliveryStream(String logicalId) {
        return deliveryStreams.stream().filter(d -> d.logicalId().equals(logicalId)).findFirst();
    }

    /**
     * A trigger's on-failure destination as its definition holds it: a logical id of this
     * template's queue, topic or bucket, or an ARN; empty if it is neither.
     */
    public Optional<DestinationResource> destination(String logicalIdOrArn) {
        return destinations.stream().filter(d -> d.logicalId().orElseThrow().equals(logicalIdOrArn)).findFirst()
                .or(() -> DestinationResource.ofArn(logicalIdOrArn));
    }

    public List<TemplateNotice> notices(TemplateNotice.Kind kind) {
        return notices.stream().filter(n -> n.kind() == kind).toList();
    }
}
