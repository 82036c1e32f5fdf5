package dev.ddbstreams.localcloud.template;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an {@code AWS::Serverless::Function} (Globals already merged in) or an
 * {@code AWS::Lambda::Function} into a {@link FunctionDefinition}, with its SAM stream events.
 */
final class FunctionReader {

    private static final Set<String> MODELLED = Set.of("Handler", "Runtime", "Timeout", "MemorySize",
            "Environment", "FunctionName", "Role");

    /** Packaging, IAM, networking, deployment and observability: AWS concerns, not what the handler computes. */
    private static final Set<String> NO_LOCAL_EFFECT = Set.of("Architectures", "AutoPublishAlias",
            "AutoPublishAliasAllProperties", "AutoPublishCodeSha256", "AssumeRolePolicyDocument", "CodeSigningConfigArn",
            "CodeUri", "Code", "DeploymentPreference", "Description", "EphemeralStorage", "FunctionUrlConfig",
            "KmsKeyArn", "LoggingConfig", "PermissionsBoundary", "PropagateTags",
            "ProvisionedConcurrencyConfig", "RecursiveLoop", "ReservedConcurrentExecutions", "RolePath",
            "RuntimeManagementConfig", "SnapStart", "SourceKMSKeyArn", "Tags", "Tracing", "TracingConfig",
            "VersionDescription", "VpcConfig", "FileSystemConfigs",
            // Asynchronous invocations only: a stream trigger invokes synchronously.
            "DeadLetterQueue", "DeadLetterConfig", "EventInvokeConfig");

    private static final Map<String, String> NOT_EMULATED = Map.of(
            "Layers", "layer contents are not added: the handler runs on the module's class path",
            "InlineCode", "the handler class comes from the module's class path",
            "PackageType", "the handler runs on the module's class path, not in a container image",
            "ImageUri", "the handler runs on the module's class path, not in a container image",
            "ImageConfig", "the image's command is not used: Handler names the class");

    static final PropertyCatalog SERVERLESS_FUNCTION = new PropertyCatalog(with(with(MODELLED, "Events"), "Policies"),
            NO_LOCAL_EFFECT, NOT_EMULATED);
    static final PropertyCatalog LAMBDA_FUNCTION = new PropertyCatalog(MODELLED, NO_LOCAL_EFFECT, NOT_EMULATED);

    private static final PropertyCatalog ENVIRONMENT = PropertyCatalog.of(Set.of("Variables"), Set.of());
    private static final PropertyCatalog EVENT = PropertyCatalog.of(Set.of("Type", "Properties"), Set.of());

    private final TemplateContext context;
    private final StreamTriggerReader triggers;
    private final PermissionsReader permissions;

    FunctionReader(TemplateContext context) {
        this.context = context;
        this.triggers = new StreamTriggerReader(context);
        this.permissions = new PermissionsReader(context);
    }

    /**
     * @param properties read with {@link #SERVERLESS_FUNCTION} or {@link #LAMBDA_FUNCTION}
     * @param mappings triggers from EventSourceMapping resources naming this function
     */
    FunctionDefinition function(String logicalId, String functionName, PropertyReader properties,
            List<StreamTriggerDefinition> mappings) {
        List<StreamTriggerDefinition> all = new ArrayList<>(samStreamEvents(properties));
        all.addAll(mappings);
        return new FunctionDefinition(logicalId, functionName,
                properties.requiredString("Handler"),
                environment(properties),
                Duration.ofSeconds(properties.integer("Timeout", 3, 1, 900)),
                properties.integer("MemorySize", 128, 128, 10_240),
                properties.requiredString("Runtime"),
                all,
                permissions.permissions(logicalId, properties));
    }

    private Map<String, String> environment(PropertyReader properties) {
        PropertyReader environment = properties.mapOrEmpty("Environment");
        ENVIRONMENT.audit(environment, context.notices(), PropertyCatalog.Unknown.REPORT,
                "unknown property of Environment");
        PropertyReader variables = environment.mapOrEmpty("Variables");
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : variables.keys()) {
            values.put(name, variables.string(name).orElseThrow());
        }
        return values;
    }

    private List<StreamTriggerDefinition> samStreamEvents(PropertyReader properties) {
        PropertyReader events = properties.mapOrEmpty("Events");
        List<StreamTriggerDefinition> result = new ArrayList<>();
        for (String eventName : events.keys()) {
            PropertyReader event = events.map(eventName).orElseThrow();
            EVENT.audit(event, context.notices(), PropertyCatalog.Unknown.REPORT, "unknown key of a SAM event");
            String type = event.requiredString("Type");
            if (type.equals("DynamoDB") || type.equals("Kinesis")) {
                result.add(triggers.samEvent(eventName, type, event.mapOrEmpty("Properties")));
            } else {
                context.notices().add(TemplateNotice.notRunLocally(event.path(),
                        "event type " + type + "; only DynamoDB and Kinesis stream events are"));
            }
        }
        return result;
    }

    private static Set<String> with(Set<String> names, String more) {
        Set<String> all = new HashSet<>(names);
        all.add(more);
        return Set.copyOf(all);
    }
}
