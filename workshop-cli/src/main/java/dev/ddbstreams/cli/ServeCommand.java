package dev.ddbstreams.cli;

import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.template.TableDeployment;
import dev.ddbstreams.localcloud.template.TemplateDocument;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code ./workshop serve}: DynamoDB Local on a port, with every module's tables and stream
 * triggers running, until Ctrl-C. The AWS CLI (or any SDK) pointed at the port sees the tables,
 * and the triggers react to its writes as Lambda would. Delivery streams run on the local
 * Firehose (its endpoint on a free port, printed), delivering to folders under
 * {@code .workshop/s3/} in the background as their buffer intervals pass; Kinesis data streams
 * on the local Kinesis (its endpoint on a free port, printed). The templates' SQS queues live on
 * the local SQS (its endpoint printed too), where triggers send on-failure records.
 */
@Command(name = "serve",
        description = {
            "Runs DynamoDB Local on a port with every module's template deployed (tables, stream triggers, "
                    + "Firehose delivery streams writing to folders, Kinesis data streams, SQS queues on a local SQS), until Ctrl-C.",
            "Use it with the AWS CLI: export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local "
                    + "AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1, then aws dynamodb ... --endpoint-url http://localhost:8000"})
final class ServeCommand extends WorkshopCommand {

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8000",
            description = "Port for DynamoDB Local (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--template", paramLabel = "FILE",
            description = "Template to deploy; repeat for several. Default: every */template.yaml of the repository.")
    List<Path> templates = new ArrayList<>();

    @Option(names = "--parameter", paramLabel = "NAME=VALUE",
            description = "A template parameter's value (e.g. BufferIntervalSeconds=0), for every served template "
                    + "that declares it; repeat for several.")
    Map<String, String> parameters = new LinkedHashMap<>();

    @Mixin
    FaultOptions faults;

    @Mixin
    BindOptions bind;

    @Override
    public Integer call() throws Exception {
        List<Path> toDeploy = templates.isEmpty() ? moduleTemplates() : templates;
        for (Path template : toDeploy) {
            if (!Files.isRegularFile(template)) {
                throw new ParameterException(spec.commandLine(), "template not found: " + template);
            }
        }
        Map<Path, Map<String, String>> parametersByTemplate = parametersByTemplate(toDeploy);
        PrintWriter out = spec.commandLine().getOut();
        LocalCloud.Builder builder = LocalCloud.builder().port(port).bindAddress(bind.address());
        faults.applyTo(builder);
        CountDownLatch stopped = new CountDownLatch(1);
        try (LocalCloud cloud = start(builder)) {
            out.printf("DynamoDB Local: %s (region %s, in memory)%n", cloud.dynamoDb().endpoint(),
                    cloud.dynamoDb().region());
            List<LocalCloud.Deployment> deployments = new ArrayList<>();
            for (Path template : toDeploy) {
                LocalCloud.Deployment deployment = cloud.deploy(template, stackName(template),
                        parametersByTemplate.get(template));
                deployments.add(deployment);
                out.printf("Deployed %s: tables %s; triggers %s%n", template,
                        deployment.tables().stream().map(TableDeployment::tableName).collect(Collectors.joining(", ")),
                        deployment.triggers().stream().map(ServeCommand::describe).collect(Collectors.joining(", ")));
                deployment.triggersNotRun().forEach(line -> out.println("  not run: " + line));
                deployment.deliveryStreams().forEach(stream -> out.printf("  delivery stream %s -> %s%n",
                        stream.deliveryStreamName(), stream.bucket()));
                deployment.template().kinesisStreams().forEach(stream -> out.printf("  Kinesis stream %s (%s)%n",
                        stream.streamName(), stream.onDemand() ? "on demand" : stream.shardCount() + " shards"));
            }
            faults.requireKnownFunctions(deployments.stream().map(LocalCloud.Deployment::template).toList(),
                    "the served templates");
            cloud.firehose().ifPresent(firehose -> out.printf("Firehose: %s (aws firehose ... --endpoint-url %s; "
                    + "handlers reach it through %s)%n", firehose.endpoint(), firehose.endpoint(),
                    LocalCloud.FIREHOSE_ENDPOINT_PROPERTY));
            cloud.kinesis().ifPresent(kinesis -> out.printf("Kinesis: %s (aws kinesis ... --endpoint-url %s; "
                    + "handlers reach it through %s)%n", kinesis.endpoint(), kinesis.endpoint(),
                    LocalCloud.KINESIS_ENDPOINT_PROPERTY));
            out.printf("S3: %s (the templates' buckets, folders under .workshop/s3/; aws s3 ls --endpoint-url %s)%n",
                    cloud.s3().uri(), cloud.s3().uri());
            cloud.sqs().ifPresent(sqs -> out.printf("SQS: %s (the templates' queues, where triggers send on-failure "
                    + "records; aws sqs list-queues --endpoint-url %s)%n", sqs.endpoint(), sqs.endpoint()));
            out.printf("%nFor the AWS CLI:%n  export AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local "
                    + "AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1%n"
                    + "  aws dynamodb list-tables --endpoint-url %s%n", cloud.dynamoDb().endpoint());
            out.printf("Trigger status: ./workshop triggers. Ctrl-C stops everything.%n");
            out.flush();
            TriggerStatusFile statusFile = new TriggerStatusFile(cloud.workFolder());
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                statusFile.write(cloud);
            }
        }
        return 0;
    }

    /** The given parameters each template declares; one no template declares is an error, as CloudFormation's. */
    private Map<Path, Map<String, String>> parametersByTemplate(List<Path> toDeploy) {
        Map<Path, Map<String, String>> byTemplate = new HashMap<>();
        Set<String> declaredSomewhere = new HashSet<>();
        for (Path template : toDeploy) {
            Set<String> declared = TemplateDocument.load(template).section("Parameters").keySet();
            Map<String, String> values = new LinkedHashMap<>(parameters);
            values.keySet().retainAll(declared);
            declaredSomewhere.addAll(values.keySet());
            byTemplate.put(template, values);
        }
        for (String name : parameters.keySet()) {
            if (!declaredSomewhere.contains(name)) {
                throw new ParameterException(spec.commandLine(), "no served template declares the parameter " + name);
            }
        }
        return byTemplate;
    }

    /** A taken port is the usual reason serve cannot start (another serve still running): say so, with the fix. */
    private LocalCloud start(LocalCloud.Builder builder) {
        try {
            return builder.start();
        } catch (LocalDynamoDb.PortInUseException e) {
            throw new UserError("port " + port + " is already in use (another ./workshop serve?): stop that one, "
                    + "or serve on another port with --port " + (port + 1));
        }
    }

    private static String describe(StreamTrigger trigger) {
        return trigger.functionName() + " <- " + trigger.settings().sourceName();
    }

    /** {@code aggregation/template.yaml} is deployed as stack {@code workshop-aggregation}. */
    static String stackName(Path template) {
        Path parent = template.toAbsolutePath().normalize().getParent();
        return "workshop-" + (parent == null ? "local" : parent.getFileName());
    }

    private static List<Path> moduleTemplates() throws IOException {
        try (Stream<Path> modules = Files.list(Path.of("."))) {
            return modules.map(module -> module.resolve("template.yaml")).filter(Files::isRegularFile)
                    .map(p -> Path.of(".").relativize(p)).sorted().toList();
        }
    }
}
