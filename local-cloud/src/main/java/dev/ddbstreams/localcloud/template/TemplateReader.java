package dev.ddbstreams.localcloud.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a module's SAM/CloudFormation {@code template.yaml} (or JSON) into what the local cloud
 * runs: tables, functions with their stream triggers, and Firehose delivery streams. The
 * template is the single source of truth; see {@code local-cloud/TEMPLATES.md} for the full
 * rules.
 *
 * <ul>
 *   <li><b>Intrinsics.</b> Short forms ({@code !Ref}, {@code !GetAtt A.B} or {@code [A, B]},
 *       {@code !Sub} string or {@code [string, map]}, {@code !Join}, {@code !Select},
 *       {@code !Split}, {@code !If}, {@code !Equals}, {@code !Not}, {@code !And}, {@code !Or},
 *       {@code !Condition}, {@code !FindInMap}, {@code !Base64}, {@code !ImportValue},
 *       {@code !GetAZs}) and long forms are resolved against {@link StackSettings}: parameter
 *       values override Defaults; {@code AWS::Region} and {@code AWS::StackName} come from the
 *       settings, {@code AWS::AccountId} is {@value StackSettings#PLACEHOLDER_ACCOUNT_ID} unless
 *       given, {@code AWS::Partition} is {@code aws}, {@code AWS::URLSuffix} is
 *       {@code amazonaws.com}, {@code AWS::NoValue} removes the property. YAML is loaded with a
 *       SafeConstructor: only maps, lists and scalars are ever created.</li>
 *   <li><b>Names.</b> {@code Ref} of a table, function, bucket, delivery stream, Kinesis stream or
 *       queue name is its name property, or {@code <StackName>-<LogicalId>} when the template
 *       sets none (no random suffix: local names stay stable between runs; buckets in lower
 *       case).</li>
 *   <li><b>Stream ARNs.</b> {@code !GetAtt Table.StreamArn} is a {@link StreamArnPlaceholder}
 *       naming the table: the real ARN exists only once DynamoDB Local has created the table, and
 *       the trigger looks it up then.</li>
 *   <li><b>Destinations.</b> {@code DestinationConfig.OnFailure.Destination} and a delivery
 *       stream's {@code BucketARN} become the logical id of the queue, topic or bucket when the
 *       template creates it, so the local stand-in can be named after it.</li>
 *   <li><b>Defaults.</b> Lambda's defaults where a trigger property is absent (BatchSize 100,
 *       no batching window, retries and record age unlimited, ParallelizationFactor 1, enabled);
 *       function Timeout 3 s and MemorySize 128 MB; Firehose buffering 5 MB / 300 s,
 *       UNCOMPRESSED. SAM {@code Globals.Function} is merged in as SAM merges it.</li>
 *   <li><b>Nothing is ignored silently.</b> Every property that is not modelled is reported in
 *       {@link Template#notices()} by its path ({@code VotesTable.Properties.SSESpecification:
 *       accepted, no effect locally}), and resources of other types as "not run locally". A
 *       trigger property the local trigger does not implement is an error, because running
 *       without it would deliver records differently from AWS. Properties that are not modelled
 *       are not resolved, so an intrinsic in an IAM policy cannot stop a local run.</li>
 *   <li><b>Errors.</b> A {@link TemplateException} names the file and the property path:
 *       unresolvable references, values out of AWS's ranges, malformed YAML.</li>
 * </ul>
 *
 * <pre>{@code
 * Template template = new TemplateReader(StackSettings.of("votes-local", "us-east-1"))
 *         .read(Path.of("aggregation/template.yaml"));
 * }</pre>
 */
public final class TemplateReader {

    private static final Logger LOG = LoggerFactory.getLogger(TemplateReader.class);

    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata",
            "Parameters", "Mappings", "Conditions", "Transform", "Globals", "Resources", "Outputs", "Rules");
    private static final Set<String> RESOURCE_ATTRIBUTES_IN_USE = Set.of("Type", "Properties", "Condition",
            "DependsOn", "Metadata");
    private static final String SAM_TRANSFORM = "AWS::Serverless-2016-10-31";

    private static final String TABLE = "AWS::DynamoDB::Table";
    private static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";
    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    private static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    private static final String EVENT_SOURCE_MAPPING = "AWS::Lambda::EventSourceMapping";
    private static final String DELIVERY_STREAM = "AWS::KinesisFirehose::DeliveryStream";
    private static final String KINESIS_STREAM = "AWS::Kinesis::Stream";
    private static final Set<String> RUN_LOCALLY = Set.of(TABLE, SIMPLE_TABLE, SERVERLESS_FUNCTION, LAMBDA_FUNCTION,
            EVENT_SOURCE_MAPPING, DELIVERY_STREAM, KINESIS_STREAM);

    private final StackSettings settings;

    public TemplateReader(StackSettings settings) {
        this.settings = settings;
    }

    /**
     * @throws TemplateException when the template cannot run locally as written; the message
     *     names the file and the property path
     */
    public Template read(Path file) {
        TemplateDocument document = TemplateDocument.load(file);
        try {
            Template template = read(file, document);
            template.notices().forEach(notice -> {
                if (notice.kind() == TemplateNotice.Kind.NOT_SUPPORTED) {
                    LOG.warn("{}: {}", file, notice);
                } else {
                    LOG.debug("{}: {}", file, notice);
                }
            });
            return template;
        } catch (TemplateException e) {
            throw new TemplateException(file + ": " + e.getMessage(), e);
        }
    }

    private Template read(Path file, TemplateDocument document) {
        List<TemplateNotice> topLevel = new ArrayList<>();
        for (String section : document.sectionNames()) {
            if (!SECTIONS.contains(section)) {
                topLevel.add(TemplateNotice.notSupported(section, "not a template section"));
            }
        }
        checkTransforms(document.value("Transform"), topLevel);
        ParameterValues parameters = new ParameterValues(document.section("Parameters"),
                settings.parameterValues());
        Map<String, Map<String, Object>> resources = document.resources();
        Set<String> notCreated = new HashSet<>();
        ResourceReferences references = new ResourceReferences(resources, notCreated, settings);
        IntrinsicResolver resolver = new IntrinsicResolver(settings, parameters.refValues(),
                document.section("Mappings"), document.section("Conditions"), references);
        TemplateContext context = new TemplateContext(resolver, references);
        context.notices().addAll(topLevel);

        resources.forEach((logicalId, resource) -> {
            if (resource.containsKey("Condition")) {
                String condition = IntrinsicResolver.scalarText(resource.get("Condition"), logicalId + ".Condition");
                if (!resolver.condition(condition, logicalId + ".Condition")) {
                    notCreated.add(logicalId);
                    context.notices().add(TemplateNotice.notRunLocally(logicalId,
                            "not created: condition " + condition + " is false"));
                }
            }
        });
        Map<String, Object> globals = document.section("Globals");
        reportGlobals(globals, context);

        Map<String, Map<String, Object>> created = new LinkedHashMap<>(resources);
        created.keySet().removeAll(notCreated);
        created.forEach((logicalId, resource) -> reportResourceAttributes(logicalId, resource, context));

        readTables(created, document, context);
        Map<String, List<StreamTriggerDefinition>> mappings = readEventSourceMappings(created, context);
        List<FunctionDefinition> functions = readFunctions(created, document, mappings, context);
        List<DeliveryStreamDefinition> deliveryStreams = readDeliveryStreams(created, context);
        List<KinesisStreamDefinition> kinesisStreams = readKinesisStreams(created, context);
        reportOtherResources(created, functions, deliveryStreams, context);
        return new Template(file, parameters.texts(), context.tables(), functions, deliveryStreams, kinesisStreams,
                context.notices(), readDestinations(created, context, settings));
    }

    private static List<DestinationResource> readDestinations(Map<String, Map<String, Object>> resources,
            TemplateContext context, StackSettings stack) {
        List<DestinationResource> destinations = new ArrayList<>();
        resources.forEach((logicalId, resource) -> DestinationResource.Kind.ofResourceType(type(resource))
                .ifPresent(kind -> destinations.add(DestinationResource.created(kind, logicalId,
                        context.physicalName(logicalId), stack))));
        return destinations;
    }

    private static void readTables(Map<String, Map<String, Object>> resources, TemplateDocument document,
            TemplateContext context) {
        resources.forEach((logicalId, resource) -> {
            String type = type(resource);
            String path = logicalId + ".Properties";
            if (type.equals(TABLE)) {
                PropertyReader properties = context.readProperties(resource.get("Properties"), path,
                        TableReader.TABLE, PropertyCatalog.Unknown.REPORT, "unknown property of " + TABLE);
                context.tables().add(TableReader.table(logicalId, context.physicalName(logicalId), properties,
                        context.notices()));
            } else if (type.equals(SIMPLE_TABLE)) {
                Object raw = document.withGlobals("SimpleTable", resource.get("Properties"), path);
                PropertyReader properties = context.readProperties(raw, path, TableReader.SIMPLE_TABLE,
                        PropertyCatalog.Unknown.REPORT, "unknown property of " + SIMPLE_TABLE);
                context.tables().add(TableReader.simpleTable(logicalId, context.physicalName(logicalId), properties));
            }
        });
    }

    /** Triggers from EventSourceMapping resources, by the logical id of the function they invoke. */
    private static Map<String, List<StreamTriggerDefinition>> readEventSourceMappings(
            Map<String, Map<String, Object>> resources, TemplateContext context) {
        StreamTriggerReader triggers = new StreamTriggerReader(context);
        Map<String, List<StreamTriggerDefinition>> byFunction = new LinkedHashMap<>();
        resources.forEach((logicalId, resource) -> {
            if (!type(resource).equals(EVENT_SOURCE_MAPPING)) {
                return;
            }
            String path = logicalId + ".Properties";
            Object raw = resource.get("Properties");
            Object rawSource = raw instanceof Map<?, ?> map ? map.get("EventSourceArn") : null;
            String sourceArn = rawSource == null ? "" : String.valueOf(
                    context.resolveValue(rawSource, path + ".EventSourceArn"));
            if (rawSource != null && !sourceArn.startsWith("arn:aws:dynamodb:")
                    && !sourceArn.startsWith("arn:aws:kinesis:")) {
                context.notices().add(TemplateNotice.notRunLocally(logicalId,
                        "event source '" + sourceArn + "' is not a DynamoDB or Kinesis stream"));
                return;
            }
            PropertyReader properties = context.readProperties(raw, path, StreamTriggerReader.MAPPING,
                    PropertyCatalog.Unknown.FAIL, StreamTriggerReader.NOT_SUPPORTED);
            String function = properties.requiredString("FunctionName");
            String functionId = context.logicalIdOf(function, List.of(SERVERLESS_FUNCTION, LAMBDA_FUNCTION))
                    .orElseThrow(() -> properties.error("FunctionName",
                            "'" + function + "' is not a function of this template"));
            byFunction.computeIfAbsent(functionId, id -> new ArrayList<>())
                    .add(triggers.eventSourceMapping(logicalId, properties));
        });
        return byFunction;
    }

    private static List<FunctionDefinition> readFunctions(Map<String, Map<String, Object>> resources,
            TemplateDocument document, Map<String, List<StreamTriggerDefinition>> mappings,
            TemplateContext context) {
        FunctionReader reader = new FunctionReader(context);
        List<FunctionDefinition> functions = new ArrayList<>();
        resources.forEach((logicalId, resource) -> {
            String type = type(resource);
            String path = logicalId + ".Properties";
            PropertyReader properties;
            if (type.equals(SERVERLESS_FUNCTION)) {
                properties = context.readProperties(document.withGlobals("Function", resource.get("Properties"), path),
                        path, FunctionReader.SERVERLESS_FUNCTION, PropertyCatalog.Unknown.REPORT,
                        "unknown property of " + SERVERLESS_FUNCTION);
            } else if (type.equals(LAMBDA_FUNCTION)) {
                properties = context.readProperties(resource.get("Properties"), path, FunctionReader.LAMBDA_FUNCTION,
                        PropertyCatalog.Unknown.REPORT, "unknown property of " + LAMBDA_FUNCTION);
            } else {
                return;
            }
            functions.add(reader.function(logicalId, context.physicalName(logicalId), properties,
                    mappings.getOrDefault(logicalId, List.of())));
        });
        return functions;
    }

    private static List<DeliveryStreamDefinition> readDeliveryStreams(Map<String, Map<String, Object>> resources,
            TemplateContext context) {
        DeliveryStreamReader reader = new DeliveryStreamReader(context);
        List<DeliveryStreamDefinition> streams = new ArrayList<>();
        resources.forEach((logicalId, resource) -> {
            if (type(resource).equals(DELIVERY_STREAM)) {
                PropertyReader properties = context.readProperties(resource.get("Properties"),
                        logicalId + ".Properties", DeliveryStreamReader.DELIVERY_STREAM,
                        PropertyCatalog.Unknown.REPORT, "unknown property of " + DELIVERY_STREAM);
                reader.deliveryStream(logicalId, context.physicalName(logicalId), properties).ifPresent(streams::add);
            }
        });
        return streams;
    }

    private static List<KinesisStreamDefinition> readKinesisStreams(Map<String, Map<String, Object>> resources,
            TemplateContext context) {
        List<KinesisStreamDefinition> streams = new ArrayList<>();
        resources.forEach((logicalId, resource) -> {
            if (type(resource).equals(KINESIS_STREAM)) {
                PropertyReader properties = context.readProperties(resource.get("Properties"),
                        logicalId + ".Properties", KinesisStreamReader.KINESIS_STREAM,
                        PropertyCatalog.Unknown.REPORT, "unknown property of " + KINESIS_STREAM);
                streams.add(KinesisStreamReader.stream(logicalId, context.physicalName(logicalId), properties,
                        context.notices()));
            }
        });
        return streams;
    }

    /** Buckets and queues the local cloud stands in for get a note saying so; everything else is "not run locally". */
    private static void reportOtherResources(Map<String, Map<String, Object>> resources,
            List<FunctionDefinition> functions, List<DeliveryStreamDefinition> deliveryStreams,
            TemplateContext context) {
        Set<String> buckets = new HashSet<>();
        deliveryStreams.forEach(stream -> buckets.add(stream.bucketLogicalId()));
        Set<String> destinations = new HashSet<>();
        functions.forEach(function -> function.triggers().forEach(trigger ->
                trigger.onFailureDestination().ifPresent(destinations::add)));
        resources.forEach((logicalId, resource) -> {
            String type = type(resource);
            if (RUN_LOCALLY.contains(type)) {
                return;
            }
            if (buckets.contains(logicalId)) {
                context.notices().add(new TemplateNotice(TemplateNotice.Kind.NO_LOCAL_EFFECT, logicalId,
                        "stands for the local Firehose's output folder; its properties have no effect locally"));
            } else if (destinations.contains(logicalId)) {
                context.notices().add(new TemplateNotice(TemplateNotice.Kind.NO_LOCAL_EFFECT, logicalId,
                        "an on-failure destination: the local cloud delivers to its local stand-in; its properties have no effect locally"));
            } else {
                context.notices().add(TemplateNotice.notRunLocally(logicalId, type));
            }
        });
    }

    private static void reportGlobals(Map<String, Object> globals, TemplateContext context) {
        for (String section : globals.keySet()) {
            if (!section.equals("Function") && !section.equals("SimpleTable")) {
                context.notices().add(TemplateNotice.notRunLocally("Globals." + section,
                        "only Globals.Function and Globals.SimpleTable apply to what runs locally"));
            }
        }
    }

    private static void reportResourceAttributes(String logicalId, Map<String, Object> resource,
            TemplateContext context) {
        if (!RUN_LOCALLY.contains(type(resource))) {
            return;
        }
        for (String attribute : resource.keySet()) {
            if (!RESOURCE_ATTRIBUTES_IN_USE.contains(attribute)) {
                context.notices().add(TemplateNotice.noLocalEffect(logicalId + "." + attribute));
            }
        }
    }

    private static void checkTransforms(Object transform, List<TemplateNotice> notices) {
        List<?> transforms = transform instanceof List<?> list ? list
                : transform == null ? List.of() : List.of(transform);
        for (Object name : transforms) {
            if (!SAM_TRANSFORM.equals(name)) {
                notices.add(TemplateNotice.notSupported("Transform", name
                        + ": only the SAM transform is applied (its Globals and resource types)"));
            }
        }
    }

    private static String type(Map<String, Object> resource) {
        return String.valueOf(resource.get("Type"));
    }
}
