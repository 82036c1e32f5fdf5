package dev.ddbstreams.localcloud;

import dev.ddbstreams.localcloud.destinations.LocalDestinations;
import dev.ddbstreams.localcloud.destinations.LocalSqs;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.firehose.DeliveryStreamConfig;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.LocalFirehose;
import dev.ddbstreams.localcloud.kinesis.LocalKinesis;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.FunctionLogs;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.routing.RegionEndpoints;
import dev.ddbstreams.localcloud.s3.FunctionQuarantine;
import dev.ddbstreams.localcloud.s3.S3Endpoint;
import dev.ddbstreams.localcloud.template.DeliveryStreamDefinition;
import dev.ddbstreams.localcloud.template.DestinationResource;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.KinesisStreamDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.TableDeployer;
import dev.ddbstreams.localcloud.template.TableDeployment;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateNotice;
import dev.ddbstreams.localcloud.template.TemplateReader;
import dev.ddbstreams.localcloud.trigger.FailureDestination;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.regions.Region;

/**
 * The local cloud: DynamoDB Local in this JVM, and each deployed template's tables and stream
 * triggers running on it, with handlers reaching DynamoDB through the SDK's standard endpoint
 * configuration (the {@code aws.endpointUrl} system property and static local credentials), so
 * no handler knows it runs locally. A template's Firehose delivery streams run on the local
 * Firehose, which handlers reach the same way, through {@code aws.endpointUrlFirehose}; its
 * Kinesis data streams on the local Kinesis, through {@code aws.endpointUrlKinesis} (with
 * {@code aws.cborEnabled=false}, as the local Kinesis speaks JSON only). Its SQS queues are
 * created on the local SQS, where triggers' on-failure records go (see {@link LocalDestinations}).
 * The local S3 serves the work folder's {@code s3/} (one folder per bucket, the local
 * Firehose's too) and is reached through {@code aws.endpointUrlS3}.
 *
 * <p>Functions' standard output and error go to {@link #logFolder()}, as Lambda sends them to
 * CloudWatch Logs. One instance per JVM at a time: the endpoint configuration is JVM-wide.
 *
 * <p>With {@link Builder#additionalRegions}, each further region gets a DynamoDB Local of its
 * own, and {@link RegionEndpoints} routes every DynamoDB and DynamoDB Streams client to the
 * instance of its region (see {@code RegionRouter}).
 */
public final class LocalCloud implements AutoCloseable {

    /** Lambda polls a shard about four times a second. */
    public static final Duration LAMBDA_POLL_INTERVAL = Duration.ofMillis(250);

    /** How often the local Firehose checks its buffers' intervals (IntervalInSeconds is whole seconds). */
    public static final Duration FIREHOSE_DELIVERY_CHECK = Duration.ofSeconds(1);

    /**
     * The SDK v2 standard configuration's endpoint for Firehose alone (service id "Firehose"); it
     * wins over {@code aws.endpointUrl}, which names DynamoDB Local.
     */
    public static final String FIREHOSE_ENDPOINT_PROPERTY = "aws.endpointUrlFirehose";

    /** The SDK v2 standard configuration's endpoint for Kinesis alone (service id "Kinesis"). */
    public static final String KINESIS_ENDPOINT_PROPERTY = "aws.endpointUrlKinesis";

    /** The SDK v2 standard configuration's endpoint for S3 alone (service id "S3"). */
    public static final String S3_ENDPOINT_PROPERTY = "aws.endpointUrlS3";

    private static final List<String> SDK_PROPERTIES = List.of("aws.endpointUrl", S3_ENDPOINT_PROPERTY, "aws.accessKeyId",
            "aws.secretAccessKey", "aws.region");

    private final LocalDynamoDb dynamoDb;
    /** Every instance by region, the default one first. */
    private final Map<Region, LocalDynamoDb> regions = new LinkedHashMap<>();
    private final Path workFolder;
    private final InetAddress bindAddress;
    private final Duration pollInterval;
    private final InstantSource clock;
    private final Map<String, FunctionFaults> faults;
    /** Set by {@link Builder#failureDestination}: every trigger sends there instead of to its template's destination. */
    private final FailureDestination failureDestination;
    private final LocalDestinations destinations;
    private final FirehoseFaults firehoseFaults;
    private LocalFirehose firehose;
    private LocalKinesis kinesis;
    private final S3Endpoint s3;
    private final Map<String, String> previousProperties = new HashMap<>();
    private final List<Deployment> deployments = new ArrayList<>();

    private LocalCloud(Builder builder) {
        this.workFolder = builder.workFolder;
        this.pollInterval = builder.pollInterval;
        this.clock = builder.clock;
        this.faults = Map.copyOf(builder.faults);
        this.firehoseFaults = builder.firehoseFaults;
        this.failureDestination = builder.failureDestination;
        this.bindAddress = builder.bindAddress;
        this.dynamoDb = builder.port == 0 ? LocalDynamoDb.start(builder.region, bindAddress)
                : LocalDynamoDb.start(builder.region, builder.port, bindAddress);
        regions.put(dynamoDb.region(), dynamoDb);
        this.destinations = new LocalDestinations(dynamoDb.region().id(), workFolder.resolve("sns"), this::bucketFolder);
        try {
            for (Region region : builder.additionalRegions) {
                if (!regions.containsKey(region)) {
                    regions.put(region, LocalDynamoDb.start(region, bindAddress));
                }
            }
        } catch (RuntimeException e) {
            regions.values().forEach(LocalDynamoDb::close);
            throw e;
        }
        s3 = S3Endpoint.start(workFolder.resolve("s3"), dynamoDb.region().id());
        pointSdkAtLocal();
        // Only with several regions: a single-region cloud leaves every request as it was.
        if (regions.size() > 1) {
            Map<Region, URI> table = new LinkedHashMap<>();
            regions.forEach((region, instance) -> table.put(region, instance.endpoint()));
            RegionEndpoints.register(table);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public LocalDynamoDb dynamoDb() {
        return dynamoDb;
    }

    /**
     * The instance standing for a region: the default one or one of the additional regions.
     *
     * @throws IllegalArgumentException if this cloud does not run the region
     */
    public LocalDynamoDb dynamoDb(Region region) {
        LocalDynamoDb instance = regions.get(region);
        if (instance == null) {
            throw new IllegalArgumentException("this local cloud does not run " + region + "; it runs "
                    + regions.keySet());
        }
        return instance;
    }

    /** The regions this cloud runs, the default one first. */
    public List<Region> regions() {
        return List.copyOf(regions.keySet());
    }

    public Path workFolder() {
        return workFolder;
    }

    /** The local Kinesis, once a deployed template has a Kinesis data stream. */
    public synchronized Optional<LocalKinesis> kinesis() {
        return Optional.ofNullable(kinesis);
    }

    /** The local Firehose, once a deployed template has a delivery stream. */
    public synchronized Optional<LocalFirehose> firehose() {
        return Optional.ofNullable(firehose);
    }

    /** The local SQS, once a deployed template has a queue (or names one as an on-failure destination). */
    public Optional<LocalSqs> sqs() {
        return destinations.sqs();
    }

    /** The local S3, serving the work folder's {@code s3/}. */
    public S3Endpoint s3() {
        return s3;
    }

    /** Where functions' standard output and error go: one {@code <function>.log} each. */
    public Path logFolder() {
        return workFolder.resolve("logs");
    }

    /**
     * Reads a template, creates its delivery streams (starting the local Firehose on the first
     * one), its Kinesis data streams (starting the local Kinesis on the first one) and its tables,
     * and starts its stream triggers.
     *
     * @param stackName names resources the template leaves unnamed, as a CloudFormation stack would
     */
    public Deployment deploy(Path templateFile, String stackName, Map<String, String> parameters) {
        return deploy(templateFile, stackName, parameters, function -> true, UnaryOperator.identity());
    }

    /**
     * Like {@link #deploy(Path, String, Map)}, into one region's instance: its tables are created
     * there, its triggers read that instance's streams, and its functions get that {@code AWS_REGION}.
     * Delivery streams still go to the one local Firehose.
     */
    public Deployment deploy(Path templateFile, String stackName, Map<String, String> parameters, Region region) {
        return deploy(templateFile, stackName, parameters, function -> true, UnaryOperator.identity(),
                UnaryOperator.identity(), dynamoDb(region));
    }

    /**
     * Like {@link #deploy(Path, String, Map)}, running only some of the template's functions and
     * with their trigger settings changed: for benchmarks that compare functions or settings.
     */
    public Deployment deploy(Path templateFile, String stackName, Map<String, String> parameters,
            Predicate<FunctionDefinition> functions, UnaryOperator<StreamTriggerDefinition> triggerSettings) {
        return deploy(templateFile, stackName, parameters, functions, UnaryOperator.identity(), triggerSettings,
                dynamoDb);
    }

    /**
     * Like {@link #deploy(Path, String, Map, Predicate, UnaryOperator)}, each function run as
     * {@code functionSettings} changes it (another handler, say): for exercises graded on the
     * template's tables and triggers.
     */
    public Deployment deploy(Path templateFile, String stackName, Map<String, String> parameters,
            Predicate<FunctionDefinition> functions, UnaryOperator<FunctionDefinition> functionSettings,
            UnaryOperator<StreamTriggerDefinition> triggerSettings) {
        return deploy(templateFile, stackName, parameters, functions, functionSettings, triggerSettings, dynamoDb);
    }

    private Deployment deploy(Path templateFile, String stackName, Map<String, String> parameters,
            Predicate<FunctionDefinition> functions, UnaryOperator<FunctionDefinition> functionSettings,
            UnaryOperator<StreamTriggerDefinition> triggerSettings, LocalDynamoDb target) {
        Template template = new TemplateReader(StackSettings.of(stackName, target.region().id())
                .withParameters(parameters)).read(templateFile);
        // Validated before anything is created: a stream the local Firehose cannot run fails the deployment.
        List<DeliveryStreamConfig> deliveryStreams = template.deliveryStreams().stream()
                .map(this::deliveryStreamConfig).toList();
        if (!deliveryStreams.isEmpty()) {
            LocalFirehose started = startFirehose();
            deliveryStreams.forEach(started::addDeliveryStream);
        }
        if (!template.kinesisStreams().isEmpty()) {
            LocalKinesis started = startKinesis();
            template.kinesisStreams().forEach(stream -> createStream(started, stream));
        }
        destinations.deploy(template);
        createBuckets(template);
        FailureDestination templateDestination = failureDestination != null ? failureDestination
                : destinations.forTemplate(template);
        List<TableDeployment> tables = new TableDeployer(target.dynamoDbClient()).deploy(template);
        List<StreamTrigger> triggers = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (FunctionDefinition declared : template.functions()) {
            if (!functions.test(declared)) {
                notRun.add(declared.logicalId() + ": left out of this deployment");
                continue;
            }
            FunctionDefinition function = functionSettings.apply(declared);
            for (StreamTriggerDefinition configured : function.triggers()) {
                StreamTriggerDefinition trigger = triggerSettings.apply(configured);
                if (!trigger.enabled()) {
                    notRun.add(function.logicalId() + "." + trigger.name() + ": disabled in the template");
                } else if (trigger.source() == StreamTriggerDefinition.Source.KINESIS) {
                    triggers.add(startKinesisTrigger(function, trigger, target, templateDestination));
                } else {
                    triggers.add(startTrigger(function, trigger, target, templateDestination));
                }
            }
        }
        Deployment deployment = new Deployment(stackName, template, tables, triggers, notRun, deliveryStreams);
        synchronized (deployments) {
            deployments.add(deployment);
        }
        return deployment;
    }

    public List<Deployment> deployments() {
        synchronized (deployments) {
            return List.copyOf(deployments);
        }
    }

    public List<StreamTrigger> triggers() {
        return deployments().stream().flatMap(d -> d.triggers().stream()).toList();
    }

    /** A deployed function's quarantine (the local S3 folder its QUARANTINE_BUCKET names), by function name. */
    public Optional<FunctionQuarantine> quarantine(String functionName) {
        return deployments().stream().flatMap(d -> d.template().functions().stream())
                .filter(function -> function.functionName().equals(functionName)).findFirst()
                .flatMap(function -> FunctionQuarantine.of(function, workFolder.resolve("s3")));
    }

    /**
     * Waits until every trigger has delivered what was written before this call.
     *
     * @return false if some trigger did not within the timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        for (StreamTrigger trigger : triggers()) {
            Duration left = Duration.between(Instant.now(), deadline);
            if (left.isNegative() || !trigger.awaitIdle(left)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Stops the triggers, then the local Kinesis endpoint, then the local Firehose (delivering
     * what it still buffers), then the local SQS and every DynamoDB Local, and restores the SDK
     * properties it set and clears the region routing.
     *
     * @throws IllegalStateException if the local Firehose could not write a buffer (the rest is closed anyway)
     */
    @Override
    public void close() {
        try {
            triggers().forEach(StreamTrigger::close);
            kinesis().ifPresent(LocalKinesis::close);
            LocalFirehose started = firehose().orElse(null);
            if (started != null) {
                started.close();
            }
        } finally {
            s3.close();
            try {
                destinations.close();
                closeInstances();
            } finally {
                RegionEndpoints.clear();
                restoreSdkProperties();
            }
        }
    }

    /** Closes every instance even if one fails to stop; the first failure is thrown. */
    private void closeInstances() {
        RuntimeException failure = null;
        for (LocalDynamoDb instance : regions.values()) {
            try {
                instance.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized LocalFirehose startFirehose() {
        if (firehose == null) {
            firehose = LocalFirehose.start(dynamoDb.region().id(), firehoseFaults, clock, FIREHOSE_DELIVERY_CHECK,
                    bindAddress);
            setSdkProperty(FIREHOSE_ENDPOINT_PROPERTY, firehose.endpoint().toString());
        }
        return firehose;
    }

    private synchronized LocalKinesis startKinesis() {
        if (kinesis == null) {
            kinesis = LocalKinesis.start(dynamoDb.region().id(), clock, bindAddress);
            setSdkProperty(KINESIS_ENDPOINT_PROPERTY, kinesis.endpoint().toString());
            setSdkProperty(LocalKinesis.CBOR_PROPERTY, "false");
        }
        return kinesis;
    }

    private static void createStream(LocalKinesis kinesis, KinesisStreamDefinition stream) {
        if (stream.onDemand()) {
            kinesis.createOnDemandStream(stream.streamName());
        } else {
            kinesis.createStream(stream.streamName(), stream.shardCount());
        }
    }

    private synchronized void setSdkProperty(String name, String value) {
        previousProperties.putIfAbsent(name, System.getProperty(name));
        System.setProperty(name, value);
    }

    /** The bucket is a folder {@code s3/<bucket>} in the work folder: the bucket's logical id, or its name from the ARN. */
    private DeliveryStreamConfig deliveryStreamConfig(DeliveryStreamDefinition definition) {
        return definition.config(bucketFolder(definition.bucketLogicalId()));
    }

    /**
     * Every bucket the template creates, by the name its {@code !Ref} gives a handler (its
     * {@code BucketName}, else the generated lower-case name), so a handler can write to the
     * bucket its environment names.
     */
    private void createBuckets(Template template) {
        template.destinations().stream()
                .filter(d -> d.kind() == DestinationResource.Kind.S3_BUCKET)
                .forEach(bucket -> {
                    try {
                        Files.createDirectories(bucketFolder(bucket.name()));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot create the local bucket " + bucket.name(), e);
                    }
                });
    }

    private Path bucketFolder(String bucket) {
        return workFolder.resolve("s3").resolve(bucket);
    }

    private synchronized void restoreSdkProperties() {
        previousProperties.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private StreamTrigger startKinesisTrigger(FunctionDefinition function, StreamTriggerDefinition trigger,
            LocalDynamoDb target, FailureDestination failureDestination) {
        LocalKinesis started = kinesis().orElseThrow(() -> new IllegalStateException(function.logicalId() + "."
                + trigger.name() + ": Kinesis stream " + trigger.sourceName() + " is not in the template"));
        String streamArn = started.client().describeStreamSummary(b -> b.streamName(trigger.sourceName()))
                .streamDescriptionSummary().streamARN();
        // SAM names the role it creates after the function; the account is the local one.
        String role = "arn:aws:iam::123456789012:role/" + function.functionName() + "-role";
        return start(StreamTrigger.kinesis(trigger, function.functionName(), streamArn, started.client(), role,
                newFunction(function, target), failureDestination, clock, pollInterval), function);
    }

    private StreamTrigger startTrigger(FunctionDefinition function, StreamTriggerDefinition trigger,
            LocalDynamoDb target, FailureDestination failureDestination) {
        String streamArn = target.dynamoDbClient().describeTable(b -> b.tableName(trigger.sourceName()))
                .table().latestStreamArn();
        if (streamArn == null) {
            throw new IllegalStateException(function.logicalId() + "." + trigger.name() + ": table "
                    + trigger.sourceName() + " has no stream");
        }
        return start(new StreamTrigger(trigger, function.functionName(), streamArn, target.streamsClient(),
                newFunction(function, target), failureDestination, clock, pollInterval), function);
    }

    private Supplier<LocalFunction> newFunction(FunctionDefinition function, LocalDynamoDb target) {
        FunctionFaults functionFaults = faults.getOrDefault(function.logicalId(),
                faults.getOrDefault("*", FunctionFaults.NONE));
        return () -> new LocalFunction(function, target.region().id(), Map.of(), functionFaults, clock);
    }

    private StreamTrigger start(StreamTrigger trigger, FunctionDefinition function) {
        FunctionLogs.route(function.functionName(), logFolder());
        trigger.start();
        return trigger;
    }

    /** Handlers build their own clients: the SDK's standard configuration must name DynamoDB Local. */
    private void pointSdkAtLocal() {
        SDK_PROPERTIES.forEach(name -> previousProperties.put(name, System.getProperty(name)));
        System.setProperty("aws.endpointUrl", dynamoDb.endpoint().toString());
        System.setProperty(S3_ENDPOINT_PROPERTY, s3.uri().toString());
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        System.setProperty("aws.region", dynamoDb.region().id());
    }

    /**
     * What one template became locally.
     *
     * @param deliveryStreams the template's Firehose delivery streams, each with its bucket folder
     */
    public record Deployment(String stackName, Template template, List<TableDeployment> tables,
            List<StreamTrigger> triggers, List<String> triggersNotRun, List<DeliveryStreamConfig> deliveryStreams) {

        public Deployment {
            tables = List.copyOf(tables);
            triggers = List.copyOf(triggers);
            triggersNotRun = List.copyOf(triggersNotRun);
            deliveryStreams = List.copyOf(deliveryStreams);
        }

        public List<TemplateNotice> notices() {
            return template.notices();
        }

        /** The folders that stand for the delivery streams' S3 buckets, each once. */
        public List<Path> bucketFolders() {
            return deliveryStreams.stream().map(DeliveryStreamConfig::bucket).distinct().toList();
        }
    }

    public static final class Builder {
        private Region region = Region.US_EAST_1;
        private int port;
        private Path workFolder = Path.of(".workshop");
        private Duration pollInterval = LAMBDA_POLL_INTERVAL;
        private InstantSource clock = InstantSource.system();
        private final Map<String, FunctionFaults> faults = new HashMap<>();
        private FailureDestination failureDestination;
        private FirehoseFaults firehoseFaults = FirehoseFaults.NONE;
        private final Set<Region> additionalRegions = new LinkedHashSet<>();
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();

        public Builder region(Region value) {
            region = value;
            return this;
        }

        /**
         * Regions besides {@link #region}, each with a DynamoDB Local of its own on a free port;
         * clients of those regions reach their instance (for cross-region replication).
         */
        public Builder additionalRegions(Region... values) {
            additionalRegions.addAll(List.of(values));
            return this;
        }

        /** A fixed port, e.g. 8000 for the AWS CLI; default: a free one. */
        public Builder port(int value) {
            port = value;
            return this;
        }

        /**
         * The address DynamoDB Local and the Firehose endpoint listen on; default loopback. Any
         * other opens them, with no authentication, to whoever can reach that address.
         */
        public Builder bindAddress(InetAddress value) {
            bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        /** Where on-failure records and other local artefacts go; default {@code .workshop}. */
        public Builder workFolder(Path value) {
            workFolder = value;
            return this;
        }

        public Builder pollInterval(Duration value) {
            pollInterval = value;
            return this;
        }

        public Builder clock(InstantSource value) {
            clock = value;
            return this;
        }

        /** Faults for one function (by logical id), or for every function with {@code "*"}. */
        public Builder faults(String functionLogicalId, FunctionFaults value) {
            faults.put(functionLogicalId, value);
            return this;
        }

        public Builder failureDestination(FailureDestination value) {
            failureDestination = value;
            return this;
        }

        /** Faults the local Firehose injects (failed entries, throttled calls); default none. */
        public Builder firehoseFaults(FirehoseFaults value) {
            firehoseFaults = Objects.requireNonNull(value, "firehoseFaults");
            return this;
        }

        public LocalCloud start() {
            return new LocalCloud(this);
        }
    }
}
