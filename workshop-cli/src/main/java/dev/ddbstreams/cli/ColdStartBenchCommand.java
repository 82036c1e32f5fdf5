package dev.ddbstreams.cli;

import dev.ddbstreams.cli.coldstart.ColdStart;
import dev.ddbstreams.cli.coldstart.SampleEvents;
import dev.ddbstreams.labs.WorkFolders;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.LocalDynamoDb;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.LocalFirehose;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.TableDefinition;
import dev.ddbstreams.localcloud.template.TableDeployer;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * {@code ./workshop bench cold-start}: for every function of every pattern template, the Lambda
 * jar's size and the time from a fresh JVM to the first handled batch against DynamoDB Local (and
 * the local Firehose, for a template with delivery streams), next to the same handler built the
 * default way ({@code cold-start-baseline}: SDK default HTTP clients in the jar, client built on
 * first use), and the first invoke with and without SnapStart priming. Each cold start gets
 * freshly created tables, so every run takes the same path.
 */
@Command(name = "cold-start",
        description = "Cold start per function: jar size, fresh JVM -> first batch handled against DynamoDB Local, "
                + "ours (url-connection client, clients built once) vs the default way, in one run; and the first "
                + "invoke with and without SnapStart priming.")
final class ColdStartBenchCommand extends WorkshopCommand {

    /** The pattern templates; each module's jar is {@code <module>/target/<module>-lambda.jar} (its CodeUri). */
    static final List<String> TEMPLATES = List.of("aggregation/template.yaml", "replication/template.yaml",
            "game-scores/template.yaml", "archive-firehose/template.yaml");
    static final String BASELINE_FOLDER = "cold-start-baseline/target";

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3",
            description = "Cold starts per function and variant; medians are shown (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--function", paramLabel = "LOGICAL_ID",
            description = "Only these functions (template logical ids); repeatable. Default: all.")
    List<String> only = new ArrayList<>();

    private record Row(String function, double oursMib, double defaultMib, long oursMs, long defaultMs,
            long unprimedInvokeMs, long primedInvokeMs) {
    }

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new ParameterException(spec.commandLine(), "--runs must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = Path.of(".workshop", "bench", "cold-start");
        Files.createDirectories(work);
        out.printf("Each function cold-started %d times per variant, each time in a fresh JVM (C1 only) against "
                + "DynamoDB Local with freshly created tables; medians. %d cores.%n", runs,
                Runtime.getRuntime().availableProcessors());
        out.printf("%-26s %17s %21s %7s %22s%n", "", "jar MiB", "cold start ms", "", "first invoke ms");
        out.printf("%-26s %8s %8s %10s %10s %7s %10s %11s%n", "function", "ours", "default", "ours", "default",
                "ratio", "unprimed", "primed");
        out.flush();
        // The local Firehose's bucket folders: what the archive's cold starts sent, this run only.
        Path buckets = work.resolve("s3");
        WorkFolders.clear(buckets);
        try (LocalDynamoDb local = LocalDynamoDb.start();
                LocalFirehose firehose = LocalFirehose.start(local.region().id(), FirehoseFaults.NONE,
                        Clock.systemUTC(), LocalCloud.FIREHOSE_DELIVERY_CHECK)) {
            ColdStart coldStart = new ColdStart(work, local.endpoint(), Optional.of(firehose.endpoint()),
                    local.region().id());
            for (String templateFile : TEMPLATES) {
                Path template = Path.of(templateFile);
                String module = template.getParent().getFileName().toString();
                Path ours = requireJar(template.getParent().resolve("target").resolve(module + "-lambda.jar"));
                Path baseline = requireJar(Path.of(BASELINE_FOLDER, module + "-lambda-default.jar"));
                Template read = new TemplateReader(StackSettings.of("cold-start", local.region().id())).read(template);
                read.deliveryStreams().forEach(stream -> firehose.addDeliveryStream(
                        stream.config(buckets.resolve(stream.bucketLogicalId()))));
                SampleEvents samples = SampleEvents.in(template.getParent().resolve("events"));
                for (FunctionDefinition function : read.functions()) {
                    if (!only.isEmpty() && !only.contains(function.logicalId())) {
                        continue;
                    }
                    Optional<String> event = samples.forFunction(function);
                    if (event.isEmpty()) {
                        out.printf("%-26s no sample event for it in %s/events%n", function.logicalId(), module);
                        continue;
                    }
                    Path eventFile = work.resolve(function.logicalId() + ".json");
                    Files.writeString(eventFile, event.get(), StandardCharsets.UTF_8);
                    out.println(format(measure(coldStart, local.dynamoDbClient(), read, function, ours, baseline,
                            eventFile)));
                    out.flush();
                }
            }
        }
        out.println("cold start: from starting the JVM to the first batch handled (constructor, event deserialised "
                + "with the Lambda runtime's serialisers, handler run, its DynamoDB or Firehose calls made). ratio: "
                + "default / ours.");
        out.println("ours: url-connection HTTP client only, clients built once in the constructor with region, "
                + "credentials and HTTP client set. default: cold-start-baseline's jar of the same handlers, SDK "
                + "default HTTP clients (Apache, Netty) and clients built the default way (DynamoDbClient.create(), "
                + "FirehoseClient.create()) on first use.");
        out.println("first invoke: ours, without and after SnapStart priming (SnapStartPriming.beforeCheckpoint, "
                + "run before the snapshot on AWS and so left out of this time).");
        return 0;
    }

    private Row measure(ColdStart coldStart, DynamoDbClient dynamoDb, Template template, FunctionDefinition function,
            Path ours, Path baseline, Path event) throws IOException, InterruptedException {
        List<ColdStart.Timing> oursRuns = new ArrayList<>();
        List<ColdStart.Timing> defaultRuns = new ArrayList<>();
        List<ColdStart.Timing> primedRuns = new ArrayList<>();
        for (int run = 0; run < runs; run++) {
            resetTables(dynamoDb, template);
            oursRuns.add(coldStart.run(ours, function.handlerClassName(), function.environment(), event, false));
            resetTables(dynamoDb, template);
            defaultRuns.add(coldStart.run(baseline, function.handlerClassName(), function.environment(), event, false));
            resetTables(dynamoDb, template);
            primedRuns.add(coldStart.run(ours, function.handlerClassName(), function.environment(), event, true));
        }
        return new Row(function.logicalId(), mib(ours), mib(baseline),
                median(oursRuns, ColdStart.Timing::toFirstBatchMs), median(defaultRuns, ColdStart.Timing::toFirstBatchMs),
                median(oursRuns, ColdStart.Timing::invokeMs), median(primedRuns, ColdStart.Timing::invokeMs));
    }

    private static String format(Row row) {
        return String.format(Locale.ROOT, "%-26s %8.1f %8.1f %10d %10d %6.2fx %10d %11d", row.function(),
                row.oursMib(), row.defaultMib(), row.oursMs(), row.defaultMs(),
                (double) row.defaultMs() / row.oursMs(), row.unprimedInvokeMs(), row.primedInvokeMs());
    }

    /** Drops and re-creates the template's tables: every cold start writes into empty tables. */
    static void resetTables(DynamoDbClient dynamoDb, Template template) {
        for (TableDefinition table : template.tables()) {
            try {
                dynamoDb.deleteTable(b -> b.tableName(table.tableName()));
            } catch (ResourceNotFoundException e) {
                // The first run: nothing to drop yet.
            }
        }
        new TableDeployer(dynamoDb).deploy(template);
    }

    static long median(List<ColdStart.Timing> timings, ToLongFunction<ColdStart.Timing> value) {
        long[] sorted = timings.stream().mapToLong(value).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : Math.round((sorted[middle - 1] + sorted[middle]) / 2.0);
    }

    private static double mib(Path jar) throws IOException {
        return Files.size(jar) / (1024.0 * 1024.0);
    }

    private static Path requireJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new UserError(jar + " is missing: build the Lambda jars first with "
                    + "mvn -B -q install -DskipTests -Dmaven.test.skip.exec=true");
        }
        return jar;
    }
}
