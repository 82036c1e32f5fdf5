package dev.ddbstreams.cli.deploy;

import static dev.ddbstreams.cli.deploy.FunctionPermissions.list;
import static dev.ddbstreams.cli.deploy.FunctionPermissions.map;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
import dev.ddbstreams.localcloud.template.TemplateDocument;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template must be before it goes to an AWS account: least privilege, trigger settings
 * that match what the handler returns, a timeout and a current Java runtime on every function,
 * and buckets that are encrypted, private and TLS-only. Reads the template as written
 * ({@link TemplateDocument}: SAM Globals merged, intrinsics unresolved, no parameter needed) and
 * loads the handler classes it names from the class path, without initialising them.
 */
final class TemplateChecks {

    enum Rule {
        /** A data-plane action (or a wildcard) allowed on {@code Resource: "*"}: inline statements and SAM policy templates. */
        DATA_ACTION_ON_ANY_RESOURCE,
        /** An AWS managed policy that grants data access on every resource of a service (e.g. AmazonDynamoDBFullAccess). */
        BROAD_MANAGED_POLICY,
        /** The handler returns partial batch responses and the trigger lacks ReportBatchItemFailures, or the reverse. */
        BATCH_RESPONSE_MISMATCH,
        /** A tumbling window whose handler returns no window state, or a window-state handler without a window. */
        WINDOW_STATE_MISMATCH,
        /** No Timeout on the function or in Globals: Lambda's 3 s default. */
        NO_TIMEOUT,
        /** A Java runtime older than java17, or a runtime that cannot run a Java handler. */
        RUNTIME,
        /** An S3 bucket without BucketEncryption. */
        BUCKET_NOT_ENCRYPTED,
        /** An S3 bucket without all four PublicAccessBlockConfiguration flags true. */
        BUCKET_PUBLIC_ACCESS_NOT_BLOCKED,
        /** An S3 bucket without a bucket policy that denies requests over plain HTTP. */
        BUCKET_NOT_TLS_ONLY,
        /**
         * A function's permission names a resource of the template that its environment, triggers,
         * destinations and log group do not: each permission names the function's own resources.
         */
        PERMISSION_ON_ANOTHER_RESOURCE,
        /** A stream trigger whose stream the function may not read by name, or stream reads on a stream it has no trigger on. */
        STREAM_READ_NOT_ITS_OWN,
        /**
         * A function whose LoggingConfig.LogGroup is not a log group of the template with RetentionInDays:
         * Lambda's default group is made outside the stack and keeps logs forever.
         */
        NO_LOG_RETENTION,
        /** A function whose LoggingConfig.LogFormat is not JSON: its lines carry no level or request id to search by. */
        LOGS_NOT_JSON,
        /** A function URL with AuthType NONE and no ReservedConcurrentExecutions: anyone can scale it, and the bill. */
        PUBLIC_URL_WITHOUT_RESERVED_CONCURRENCY,
        /** A table a trigger reads without point-in-time recovery: its data is the source of truth for every copy. */
        SOURCE_TABLE_WITHOUT_POINT_IN_TIME_RECOVERY,
        /** An S3 bucket without versioning, or without DeletionPolicy and UpdateReplacePolicy Retain. */
        BUCKET_NOT_VERSIONED_AND_RETAINED,
        /**
         * A name the template sets (TableName, Name...) or an ARN it writes out that does not start with
         * {@code ${NamePrefix}}, or no NamePrefix parameter (Default empty, the common AllowedPattern):
         * two copies of the stack in one account and region would collide.
         */
        NAME_WITHOUT_PREFIX,
        /**
         * A Glue table over a bucket whose lifecycle moves objects to Glacier Flexible Retrieval or Deep
         * Archive, without {@code read_restored_glacier_objects = true}: Athena skips those objects even
         * once restored.
         */
        GLUE_TABLE_SKIPS_RESTORED_OBJECTS,
        /**
         * A function with a {@code QUARANTINE_BUCKET} and no literal {@code QUARANTINE_PREFIX} (the folder
         * the handler and the redrive tools use), or allowed to write the bucket outside that folder.
         */
        QUARANTINE_OUTSIDE_ITS_FOLDER,
        /**
         * A function with a quarantine folder no statement lets it write: on AWS every quarantine
         * write is AccessDenied and the poison record is retried for good. The local cloud cannot
         * tell: a handler's PutObject is signed and sent without an SDK client, so no interceptor
         * checks it against the role.
         */
        QUARANTINE_NOT_WRITABLE
    }


    /**
     * Actions that may stand on {@code Resource: "*"}: AWS offers no resource-level permission
     * for them (Service Authorization Reference), and none reads or writes a table, stream,
     * queue or bucket.
     */
    static final Map<String, String> ACTIONS_ALLOWED_ON_ANY_RESOURCE = Map.of(
            "xray:puttracesegments", "X-Ray tracing: no resource types",
            "xray:puttelemetryrecords", "X-Ray tracing: no resource types",
            "xray:getsamplingrules", "X-Ray SDK sampling: no resource types",
            "xray:getsamplingtargets", "X-Ray SDK sampling: no resource types",
            "cloudwatch:putmetricdata", "no resource types; narrow it with the cloudwatch:namespace condition",
            "ec2:describenetworkinterfaces", "a Describe action: account-wide, needed by functions in a VPC",
            "dynamodb:listtables", "a List action: account-wide, names only",
            "kinesis:liststreams", "a List action: account-wide, names only");

    /** AWS managed policies that grant no data access: logging, tracing and VPC networking of a function. */
    static final Set<String> MANAGED_POLICIES_ALLOWED = Set.of("AWSLambdaBasicExecutionRole",
            "AWSLambdaVPCAccessExecutionRole", "AWSXRayDaemonWriteAccess", "AWSXrayWriteOnlyAccess",
            "CloudWatchLambdaInsightsExecutionRolePolicy");

    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    private static final String LAMBDA_FUNCTION = "AWS::Lambda::Function";
    private static final Set<String> FUNCTION_TYPES = Set.of(SERVERLESS_FUNCTION, LAMBDA_FUNCTION);
    private static final Pattern JAVA_RUNTIME = Pattern.compile("java(\\d+)(\\..*)?");

    private final ClassLoader classes;

    TemplateChecks(ClassLoader classes) {
        this.classes = classes;
    }

    List<Violation<Rule>> check(Path file) {
        TemplateDocument document = TemplateDocument.load(file);
        List<Violation<Rule>> violations = new ArrayList<>();
        Map<String, Map<String, Object>> resources = document.resources();
        Map<String, List<Object>> mappedStreams = new HashMap<>();
        resources.forEach((logicalId, resource) -> {
            Map<String, Object> mapping = document.properties(logicalId);
            if ("AWS::Lambda::EventSourceMapping".equals(resource.get("Type"))
                    && isStream(mapping.get("EventSourceArn"), resources)) {
                functionOf(mapping.get("FunctionName"), resources).ifPresent(function ->
                        mappedStreams.computeIfAbsent(function, f -> new ArrayList<>()).add(mapping.get("EventSourceArn")));
            }
        });
        Set<String> sources = new HashSet<>();
        mappedStreams.values().forEach(streams -> streams.forEach(stream ->
                sources.addAll(FunctionPermissions.names(stream, resources.keySet()))));
        resources.forEach((logicalId, resource) -> {
            Report report = (rule, message) -> violations.add(new Violation<>(file, logicalId, rule, message));
            String type = String.valueOf(resource.get("Type"));
            Map<String, Object> properties = document.properties(logicalId);
            switch (type) {
                case SERVERLESS_FUNCTION -> {
                    checkPolicies(properties.get("Policies"), report);
                    checkFunction(properties, resources, document, report);
                    List<Object> streams = new ArrayList<>(mappedStreams.getOrDefault(logicalId, List.of()));
                    map(properties.get("Events")).forEach((event, value) -> {
                        Map<String, Object> definition = map(value);
                        Object eventType = definition.get("Type");
                        if ("DynamoDB".equals(eventType) || "Kinesis".equals(eventType)) {
                            checkTrigger("Events." + event, map(definition.get("Properties")), properties, report);
                            streams.add(map(definition.get("Properties")).get("Stream"));
                            sources.addAll(FunctionPermissions.names(map(definition.get("Properties")).get("Stream"),
                                    resources.keySet()));
                        }
                    });
                    checkPermissions(properties, streams, document, report);
                    checkQuarantineFolder(properties, document, report);
                }
                case LAMBDA_FUNCTION -> {
                    checkFunction(properties, resources, document, report);
                    checkPermissions(properties, mappedStreams.getOrDefault(logicalId, List.of()), document, report);
                    checkQuarantineFolder(properties, document, report);
                }
                case "AWS::Lambda::EventSourceMapping" -> functionOf(properties.get("FunctionName"), resources)
                        .filter(function -> isStream(properties.get("EventSourceArn"), resources))
                        .ifPresent(function -> checkTrigger("EventSourceMapping to " + function, properties,
                                document.properties(function), report));
                case "AWS::IAM::Role" -> {
                    list(properties.get("Policies")).forEach(policy ->
                            checkDocument(map(policy).get("PolicyDocument"), report));
                    list(properties.get("ManagedPolicyArns")).forEach(arn -> checkManagedPolicy(arn, report));
                }
                case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy" ->
                        checkDocument(properties.get("PolicyDocument"), report);
                case "AWS::S3::Bucket" -> checkBucket(logicalId, properties, resources, document, report);
                case "AWS::Glue::Table" -> checkGlueTable(properties, document, report);
                default -> {
                }
            }
        });
        checkNamePrefix(file, document, violations);
        sources.stream().filter(id -> "AWS::DynamoDB::Table".equals(resources.get(id).get("Type")))
                .filter(id -> !isTrue(map(document.properties(id).get("PointInTimeRecoverySpecification"))
                        .get("PointInTimeRecoveryEnabled")))
                .sorted()
                .forEach(id -> violations.add(new Violation<>(file, id, Rule.SOURCE_TABLE_WITHOUT_POINT_IN_TIME_RECOVERY,
                        "a trigger reads it but PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled is not"
                                + " true")));
        return violations;
    }

    @FunctionalInterface
    private interface Report {
        void add(Rule rule, String message);
    }

    // --- IAM ---

    /** SAM {@code Policies}: managed policy names or ARNs, policy documents, SAM policy templates. */
    private static void checkPolicies(Object policies, Report report) {
        for (Object policy : list(policies)) {
            if (policy instanceof String || isIntrinsic(policy)) {
                checkManagedPolicy(policy, report);
            } else if (map(policy).containsKey("Statement")) {
                checkDocument(policy, report);
            } else {
                map(policy).forEach((template, parameters) -> map(parameters).forEach((name, value) -> {
                    if ("*".equals(value)) {
                        report.add(Rule.DATA_ACTION_ON_ANY_RESOURCE, "SAM policy template " + template + " with "
                                + name + " \"*\" grants it on every " + name.replace("Name", "").toLowerCase(Locale.ROOT)
                                + ": name the resource (!Ref)");
                    }
                }));
            }
        }
    }

    private static void checkDocument(Object document, Report report) {
        List<Object> statements = list(map(document).get("Statement"));
        for (int i = 0; i < statements.size(); i++) {
            Map<String, Object> statement = map(statements.get(i));
            if (!"Allow".equals(statement.get("Effect"))) {
                continue;
            }
            String where = "Statement[" + i + "]";
            if (statement.containsKey("NotAction") || statement.containsKey("NotResource")) {
                report.add(Rule.DATA_ACTION_ON_ANY_RESOURCE, where
                        + ": Allow with NotAction or NotResource grants everything not listed");
                continue;
            }
            if (!list(statement.get("Resource")).contains("*")) {
                continue;
            }
            List<String> data = list(statement.get("Action")).stream()
                    .map(String::valueOf)
                    .filter(action -> !ACTIONS_ALLOWED_ON_ANY_RESOURCE.containsKey(action.toLowerCase(Locale.ROOT)))
                    .toList();
            if (!data.isEmpty()) {
                report.add(Rule.DATA_ACTION_ON_ANY_RESOURCE, where + ": " + String.join(", ", data)
                        + " on Resource \"*\": name the table, stream, queue or bucket");
            }
        }
    }

    private static void checkManagedPolicy(Object policy, Report report) {
        Map<String, Object> intrinsic = policy instanceof String ? Map.of() : map(policy);
        if (intrinsic.containsKey("Ref")) {
            return; // a policy of this template (checked as its own resource) or a parameter
        }
        String text = String.valueOf(intrinsic.getOrDefault("Fn::Sub", policy));
        boolean awsManaged = !text.startsWith("arn:") || text.contains(":iam::aws:policy/");
        String name = text.substring(text.lastIndexOf('/') + 1);
        if (awsManaged && !MANAGED_POLICIES_ALLOWED.contains(name)) {
            report.add(Rule.BROAD_MANAGED_POLICY, "managed policy " + name
                    + " grants its actions on every resource of the service: use a statement that names them");
        }
    }

    /**
     * Each permission of a function names its own resources: every resource of the template that a
     * statement names is one the function is wired to (outside its Policies and Role), each stream
     * it is triggered by is readable by name, and it reads no other stream.
     */
    private static void checkPermissions(Map<String, Object> properties, List<Object> streams,
            TemplateDocument document, Report report) {
        Set<String> resourceIds = document.resources().keySet();
        Set<String> known = new HashSet<>(resourceIds);
        known.addAll(document.section("Parameters").keySet());
        Map<String, Object> wiring = new HashMap<>(properties);
        wiring.keySet().removeAll(Set.of("Policies", "Role"));
        Set<String> own = FunctionPermissions.names(wiring, resourceIds);
        List<Set<String>> streamNames = streams.stream().map(stream -> FunctionPermissions.names(stream, known)).toList();
        List<FunctionPermissions.Allow> allows = FunctionPermissions.of(properties, document);
        for (FunctionPermissions.Allow allow : allows) {
            Set<String> others = FunctionPermissions.names(allow.resources(), resourceIds);
            others.removeAll(own);
            if (!others.isEmpty()) {
                report.add(Rule.PERMISSION_ON_ANOTHER_RESOURCE, allow.where() + " names " + String.join(", ", others)
                        + ", which the function's environment, triggers, destinations and log group do not");
            }
            if (allow.readsStreams()) {
                for (Object resource : allow.resources()) {
                    Set<String> named = FunctionPermissions.names(resource, known);
                    if (streamNames.stream().noneMatch(stream -> !stream.isEmpty() && named.containsAll(stream))) {
                        report.add(Rule.STREAM_READ_NOT_ITS_OWN, allow.where() + ": stream reads on " + resource
                                + ", a stream none of the function's triggers reads");
                    }
                }
            }
        }
        for (int i = 0; i < streams.size(); i++) {
            Set<String> stream = streamNames.get(i);
            boolean readable = !stream.isEmpty() && allows.stream().filter(FunctionPermissions.Allow::readsStreams)
                    .anyMatch(allow -> FunctionPermissions.names(allow.resources(), known).containsAll(stream));
            if (!readable) {
                report.add(Rule.STREAM_READ_NOT_ITS_OWN, "trigger on " + streams.get(i)
                        + ": no statement allows reading that stream by name");
            }
        }
    }

    /** A function's quarantine writes stay under its QUARANTINE_PREFIX folder of its QUARANTINE_BUCKET. */
    private static void checkQuarantineFolder(Map<String, Object> properties, TemplateDocument document,
            Report report) {
        Map<String, Object> variables = map(map(properties.get("Environment")).get("Variables"));
        if (!variables.containsKey("QUARANTINE_BUCKET")) {
            return;
        }
        if (!(variables.get("QUARANTINE_PREFIX") instanceof String folder) || folder.isBlank()) {
            report.add(Rule.QUARANTINE_OUTSIDE_ITS_FOLDER, "QUARANTINE_BUCKET without a literal QUARANTINE_PREFIX:"
                    + " no folder that the handler, the redrive tools and the role's grant agree on");
            return;
        }
        Set<String> buckets = FunctionPermissions.names(variables.get("QUARANTINE_BUCKET"), document.resources().keySet());
        boolean writable = false;
        for (FunctionPermissions.Allow allow : FunctionPermissions.of(properties, document)) {
            boolean writes = allow.actions().stream().map(action -> action.toLowerCase(Locale.ROOT))
                    .anyMatch(action -> action.equals("s3:putobject") || action.equals("s3:*") || action.equals("*"));
            for (Object resource : writes ? allow.resources() : List.of()) {
                if (Collections.disjoint(FunctionPermissions.names(resource, document.resources().keySet()), buckets)) {
                    continue;
                }
                Object text = resource instanceof Map<?, ?> sub ? sub.get("Fn::Sub") : resource;
                boolean inFolder = text instanceof String arn && buckets.stream()
                        .anyMatch(bucket -> arn.startsWith("${" + bucket + ".Arn}/" + folder + "/"));
                writable |= text instanceof String arn && buckets.stream()
                        .anyMatch(bucket -> coversFolder(arn, "${" + bucket + ".Arn}/", folder));
                if (!inFolder) {
                    report.add(Rule.QUARANTINE_OUTSIDE_ITS_FOLDER, allow.where() + " allows writing " + resource
                            + " of the quarantine bucket, not only its QUARANTINE_PREFIX folder " + folder + "/");
                }
            }
        }
        if (!writable) {
            report.add(Rule.QUARANTINE_NOT_WRITABLE, "no statement allows s3:PutObject in its QUARANTINE_PREFIX folder "
                    + folder + "/ of the quarantine bucket: on AWS every quarantine write would be denied");
        }
    }

    /**
     * Whether an object ARN pattern ({@code Fn::Sub} text) lets the role write a key under
     * {@code <folder>/<...>/}: IAM's {@code *} and {@code ?}, and a {@code ${Parameter}} standing for
     * one key segment (a multi-leader function's peer region).
     */
    static boolean coversFolder(String arn, String bucketArn, String folder) {
        if (!arn.startsWith(bucketArn)) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        Matcher parts = Pattern.compile("\\$\\{[^}]*}|\\*|\\?|[^$*?]+|\\$").matcher(arn.substring(bucketArn.length()));
        while (parts.find()) {
            String part = parts.group();
            regex.append(part.startsWith("${") ? "[^/]+" : part.equals("*") ? ".*" : part.equals("?") ? "."
                    : Pattern.quote(part));
        }
        return (folder + "/segment/key.json").matches(regex.toString());
    }

    // --- functions and triggers ---

    private void checkFunction(Map<String, Object> properties, Map<String, Map<String, Object>> resources,
            TemplateDocument document, Report report) {
        if (!properties.containsKey("Timeout")) {
            report.add(Rule.NO_TIMEOUT, "no Timeout on the function or in Globals: Lambda's default is 3 s");
        }
        boolean retained = FunctionPermissions.names(map(properties.get("LoggingConfig")).get("LogGroup"),
                resources.keySet()).stream()
                .anyMatch(group -> "AWS::Logs::LogGroup".equals(resources.get(group).get("Type"))
                        && document.properties(group).containsKey("RetentionInDays"));
        if (!retained) {
            report.add(Rule.NO_LOG_RETENTION, "LoggingConfig.LogGroup names no AWS::Logs::LogGroup of the template"
                    + " with RetentionInDays: Lambda's own group outlives the stack and keeps logs forever");
        }
        if (!"JSON".equals(map(properties.get("LoggingConfig")).get("LogFormat"))) {
            report.add(Rule.LOGS_NOT_JSON, "LoggingConfig.LogFormat is not JSON: Lambda's JSON lines carry the level"
                    + " and the request id of every log event");
        }
        if ("NONE".equals(map(properties.get("FunctionUrlConfig")).get("AuthType"))
                && !properties.containsKey("ReservedConcurrentExecutions")) {
            report.add(Rule.PUBLIC_URL_WITHOUT_RESERVED_CONCURRENCY, "a public function URL (AuthType NONE) without"
                    + " ReservedConcurrentExecutions: anyone with the URL decides how far it scales");
        }
        if ("Image".equals(properties.get("PackageType"))) {
            return;
        }
        Object runtime = properties.get("Runtime");
        String handler = String.valueOf(properties.get("Handler"));
        Matcher java = JAVA_RUNTIME.matcher(String.valueOf(runtime));
        if (java.matches()) {
            if (Integer.parseInt(java.group(1)) < 17) {
                report.add(Rule.RUNTIME, "Runtime " + runtime + " is older than java17");
            }
        } else if (runtime == null) {
            report.add(Rule.RUNTIME, "no Runtime on the function or in Globals");
        } else if (isJavaHandler(handler, properties)) {
            report.add(Rule.RUNTIME, "Runtime " + runtime + " cannot run the Java handler " + handler);
        }
    }

    private boolean isJavaHandler(String handler, Map<String, Object> properties) {
        return handler.contains("::") || String.valueOf(properties.get("CodeUri")).endsWith(".jar")
                || handlerClass(handler).isPresent();
    }

    /** One stream trigger of a function: what its handler returns against FunctionResponseTypes and the window. */
    private void checkTrigger(String trigger, Map<String, Object> settings, Map<String, Object> function,
            Report report) {
        boolean reports = list(settings.get("FunctionResponseTypes")).contains("ReportBatchItemFailures");
        boolean window = settings.containsKey("TumblingWindowInSeconds")
                && !Integer.valueOf(0).equals(settings.get("TumblingWindowInSeconds"));
        String handler = String.valueOf(function.get("Handler"));
        Optional<Class<?>> type = handlerClass(handler);
        if (type.isEmpty()) {
            report.add(Rule.BATCH_RESPONSE_MISMATCH, trigger + ": handler class of " + handler
                    + " is not on workshop-cli's class path (add its module as a dependency), so what it returns is unknown");
            return;
        }
        Optional<Class<?>> returned = returnType(type.get(), handler);
        if (returned.isEmpty()) {
            report.add(Rule.BATCH_RESPONSE_MISMATCH, trigger + ": cannot tell what " + handler
                    + " returns (a stream handler, or no public handler method)");
            return;
        }
        Class<?> response = returned.get();
        boolean partial = StreamsEventResponse.class.isAssignableFrom(response);
        boolean windowState = TimeWindowEventResponse.class.isAssignableFrom(response);
        if (partial && !reports) {
            report.add(Rule.BATCH_RESPONSE_MISMATCH, trigger + ": " + handler + " returns partial batch responses ("
                    + response.getSimpleName() + ") but FunctionResponseTypes lacks ReportBatchItemFailures:"
                    + " Lambda would ignore them and checkpoint past the failed records");
        } else if (reports && !partial && !windowState) {
            report.add(Rule.BATCH_RESPONSE_MISMATCH, trigger + ": FunctionResponseTypes has ReportBatchItemFailures but "
                    + handler + " returns " + response.getSimpleName() + ", not a partial batch response");
        }
        if (window && !windowState) {
            report.add(Rule.WINDOW_STATE_MISMATCH, trigger + ": TumblingWindowInSeconds is set but " + handler
                    + " returns " + response.getSimpleName() + ", not a TimeWindowEventResponse with state:"
                    + " every invocation would count as failed");
        } else if (windowState && !window) {
            report.add(Rule.WINDOW_STATE_MISMATCH, trigger + ": " + handler
                    + " keeps window state but the trigger has no TumblingWindowInSeconds");
        }
    }

    private Optional<Class<?>> handlerClass(String handler) {
        int separator = handler.indexOf("::");
        String name = separator < 0 ? handler : handler.substring(0, separator);
        try {
            return Optional.of(Class.forName(name, false, classes));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** The return type of the public handler method ({@code ::method}, else handleRequest), bridges left out. */
    private static Optional<Class<?>> returnType(Class<?> type, String handler) {
        if (RequestStreamHandler.class.isAssignableFrom(type)) {
            return Optional.empty();
        }
        int separator = handler.indexOf("::");
        String method = separator < 0 ? "handleRequest" : handler.substring(separator + 2);
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(method) && !m.isBridge() && !Modifier.isStatic(m.getModifiers()))
                .map(Method::getReturnType)
                .<Class<?>>map(c -> c)
                .findFirst();
    }

    static Optional<String> functionOf(Object functionName, Map<String, Map<String, Object>> resources) {
        Object target = functionName;
        if (functionName instanceof Map<?, ?> intrinsic) {
            target = intrinsic.containsKey("Ref") ? intrinsic.get("Ref")
                    : intrinsic.get("Fn::GetAtt") instanceof List<?> parts ? parts.get(0) : null;
        }
        Object id = target;
        return Optional.ofNullable(resources.get(String.valueOf(id)))
                .filter(resource -> FUNCTION_TYPES.contains(String.valueOf(resource.get("Type"))))
                .map(resource -> String.valueOf(id));
    }

    /** A DynamoDB or Kinesis stream (a queue's mapping has SQS's own batch response, not checked here). */
    static boolean isStream(Object source, Map<String, Map<String, Object>> resources) {
        if (source instanceof Map<?, ?> intrinsic && intrinsic.get("Fn::GetAtt") instanceof List<?> parts) {
            Object type = map(resources.get(String.valueOf(parts.get(0)))).get("Type");
            return "StreamArn".equals(parts.get(1)) || "AWS::Kinesis::Stream".equals(type);
        }
        String text = String.valueOf(source);
        return text.contains(":dynamodb:") || text.contains(":kinesis:");
    }

    // --- buckets ---

    private static void checkBucket(String logicalId, Map<String, Object> properties,
            Map<String, Map<String, Object>> resources, TemplateDocument document, Report report) {
        List<Object> encryption = list(map(properties.get("BucketEncryption")).get("ServerSideEncryptionConfiguration"));
        if (encryption.isEmpty() || encryption.stream().anyMatch(rule ->
                !map(map(rule).get("ServerSideEncryptionByDefault")).containsKey("SSEAlgorithm"))) {
            report.add(Rule.BUCKET_NOT_ENCRYPTED,
                    "no BucketEncryption.ServerSideEncryptionConfiguration with an SSEAlgorithm");
        }
        Map<String, Object> block = map(properties.get("PublicAccessBlockConfiguration"));
        List<String> open = List.of("BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets")
                .stream().filter(flag -> !isTrue(block.get(flag))).toList();
        if (!open.isEmpty()) {
            report.add(Rule.BUCKET_PUBLIC_ACCESS_NOT_BLOCKED,
                    "PublicAccessBlockConfiguration must set " + String.join(", ", open) + " to true");
        }
        boolean tlsOnly = resources.entrySet().stream()
                .filter(e -> "AWS::S3::BucketPolicy".equals(e.getValue().get("Type")))
                .map(e -> document.properties(e.getKey()))
                .filter(policy -> Map.of("Ref", logicalId).equals(policy.get("Bucket")))
                .flatMap(policy -> list(map(policy.get("PolicyDocument")).get("Statement")).stream())
                .map(FunctionPermissions::map)
                .anyMatch(statement -> "Deny".equals(statement.get("Effect")) && isFalse(
                        map(map(statement.get("Condition")).get("Bool")).get("aws:SecureTransport")));
        if (!tlsOnly) {
            report.add(Rule.BUCKET_NOT_TLS_ONLY, "no AWS::S3::BucketPolicy on it that denies aws:SecureTransport false");
        }
        Map<String, Object> bucket = resources.get(logicalId);
        if (!"Enabled".equals(map(properties.get("VersioningConfiguration")).get("Status"))
                || !"Retain".equals(bucket.get("DeletionPolicy")) || !"Retain".equals(bucket.get("UpdateReplacePolicy"))) {
            report.add(Rule.BUCKET_NOT_VERSIONED_AND_RETAINED, "needs VersioningConfiguration Status Enabled and"
                    + " DeletionPolicy and UpdateReplacePolicy Retain: its data must outlive the stack");
        }
    }

    /** Storage classes whose objects Athena reads only restored, and then only if the table says so. */
    private static final Set<String> RESTORE_FIRST_CLASSES = Set.of("GLACIER", "DEEP_ARCHIVE");

    private static void checkGlueTable(Map<String, Object> properties, TemplateDocument document, Report report) {
        Map<String, Object> input = map(properties.get("TableInput"));
        Object location = map(input.get("StorageDescriptor")).get("Location");
        List<String> archived = FunctionPermissions.names(location, document.resources().keySet()).stream()
                .filter(bucket -> list(map(document.properties(bucket).get("LifecycleConfiguration")).get("Rules"))
                        .stream()
                        .flatMap(rule -> list(map(rule).get("Transitions")).stream())
                        .anyMatch(transition -> RESTORE_FIRST_CLASSES.contains(
                                String.valueOf(map(transition).get("StorageClass")))))
                .sorted()
                .toList();
        if (!archived.isEmpty() && !isTrue(map(input.get("Parameters")).get("read_restored_glacier_objects"))) {
            report.add(Rule.GLUE_TABLE_SKIPS_RESTORED_OBJECTS, "its data is in " + String.join(", ", archived)
                    + ", whose lifecycle moves objects to Glacier or Deep Archive, and TableInput.Parameters lacks"
                    + " read_restored_glacier_objects: 'true': Athena would skip them even once restored");
        }
    }

    // --- names ---

    private static void checkNamePrefix(Path file, TemplateDocument document, List<Violation<Rule>> violations) {
        Map<String, Object> parameter = map(document.section("Parameters").get(PhysicalNames.PARAMETER));
        if (!"".equals(parameter.get("Default")) || !"String".equals(parameter.get("Type"))
                || !PhysicalNames.ALLOWED_PATTERN.equals(parameter.get("AllowedPattern"))) {
            violations.add(new Violation<>(file, "Parameters." + PhysicalNames.PARAMETER, Rule.NAME_WITHOUT_PREFIX,
                    "needs a String parameter " + PhysicalNames.PARAMETER + " with Default '' and AllowedPattern '"
                            + PhysicalNames.ALLOWED_PATTERN + "'"));
        }
        PhysicalNames.of(document).forEach((logicalId, name) -> {
            if (!PhysicalNames.startsWithPrefix(name)) {
                violations.add(new Violation<>(file, logicalId, Rule.NAME_WITHOUT_PREFIX, "its name " + name
                        + " does not start with ${" + PhysicalNames.PARAMETER + "}: write !Sub '${"
                        + PhysicalNames.PARAMETER + "}name'"));
            }
        });
        document.resources().keySet().forEach(logicalId -> unprefixedArns(document.properties(logicalId)).forEach(arn ->
                violations.add(new Violation<>(file, logicalId, Rule.NAME_WITHOUT_PREFIX, "the ARN " + arn
                        + " names a resource without ${" + PhysicalNames.PARAMETER + "}"))));
    }

    /** Every ARN written out in an Fn::Sub under the value that names its resource without the prefix. */
    private static List<String> unprefixedArns(Object value) {
        if (PhysicalNames.isUnprefixedArn(value)) {
            return List.of(PhysicalNames.subText(value).orElseThrow());
        }
        List<String> found = new ArrayList<>();
        if (value instanceof Map<?, ?> children) {
            children.values().forEach(child -> found.addAll(unprefixedArns(child)));
        } else if (value instanceof List<?> children) {
            children.forEach(child -> found.addAll(unprefixedArns(child)));
        }
        return found;
    }

    // --- plain values ---

    private static boolean isIntrinsic(Object value) {
        return value instanceof Map<?, ?> map && map.size() == 1
                && map.keySet().stream().map(String::valueOf).allMatch(k -> k.equals("Ref") || k.startsWith("Fn::"));
    }

    private static boolean isTrue(Object value) {
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }

    private static boolean isFalse(Object value) {
        return Boolean.FALSE.equals(value) || "false".equals(value);
    }
}
