package dev.ddbstreams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.kinesis.LocalKinesis;
import dev.ddbstreams.localcloud.lambda.FunctionLogs;
import dev.ddbstreams.localcloud.s3.FunctionQuarantine;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code ./workshop redrive <function>}: puts a served function's quarantined records back through
 * it ({@link QuarantineRedrive}), against the running {@code serve}'s DynamoDB Local and S3, and
 * prints what happened to each. Exit status 1 when a record still fails.
 */
@Command(name = "redrive",
        description = {"Puts a function's quarantined records back through it, once the cause is fixed, "
                + "against a running ./workshop serve: one invocation per record; an applied record moves to "
                + "redriven/ in the bucket, one that still fails stays and its reason is printed.",
            "Redriving twice applies a record once. Exit status 1 if a record still fails."})
final class RedriveCommand extends WorkshopCommand {

    @Parameters(paramLabel = "FUNCTION",
            description = "The function: its served name (workshop-aggregation-VoteCounterFunction) or logical id (VoteCounterFunction).")
    String function;

    @Option(names = "--dry-run", description = "List what would be redriven, and why each was quarantined; invoke nothing.")
    boolean dryRun;

    private final Path workFolder;

    RedriveCommand() {
        this(Path.of(".workshop"));
    }

    /** @param workFolder the serve's work folder (its status file, its S3 folders, its logs) */
    RedriveCommand(Path workFolder) {
        this.workFolder = workFolder;
    }

    @Override
    public Integer call() throws IOException {
        JsonNode status = new TriggerStatusFile(workFolder).readLive();
        String region = status.path("region").asText();
        FunctionDefinition definition = servedFunction(status, region);
        FunctionQuarantine quarantine = FunctionQuarantine.of(definition, workFolder.resolve("s3"))
                .orElseThrow(() -> new UserError(definition.functionName() + " has no "
                        + FunctionQuarantine.BUCKET_VARIABLE + ": it quarantines nothing"));
        PrintWriter out = spec.commandLine().getOut();
        List<String> keys = quarantine.keys();
        out.printf("%s: quarantined records: %d (s3://%s/%s)%n", definition.functionName(), keys.size(),
                quarantine.bucket(), quarantine.prefix());
        pointSdkAt(status.path("endpoints"), region);
        FunctionLogs.route(definition.functionName(), workFolder.resolve("logs"));
        int stillFailing = 0;
        try (S3Client s3 = S3Client.create()) {
            List<QuarantineRedrive.Result> results = QuarantineRedrive.of(definition, region, s3).redrive(keys, dryRun,
                    result -> {
                        out.printf("%-13s %s %s: %s%n", label(result.outcome()), result.eventId(), result.key(),
                                result.detail());
                        out.flush();
                    });
            long redriven = results.stream().filter(r -> r.outcome() == QuarantineRedrive.Outcome.REDRIVEN).count();
            stillFailing = (int) results.stream()
                    .filter(r -> r.outcome() == QuarantineRedrive.Outcome.STILL_FAILS).count();
            long byHand = results.stream().filter(r -> r.outcome() == QuarantineRedrive.Outcome.BY_HAND).count();
            out.printf(dryRun ? "%d would be redriven (dry run: nothing invoked)%n"
                    : "%d redriven, %d still failing%n", dryRun ? results.size() - byHand : redriven, stillFailing);
            if (byHand > 0) {
                out.printf("%d to apply by hand (refused window increments)%n", byHand);
            }
        }
        return stillFailing > 0 ? 1 : 0;
    }

    private FunctionDefinition servedFunction(JsonNode status, String region) {
        List<FunctionDefinition> matches = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode deployment : status.path("deployments")) {
            new TemplateReader(StackSettings.of(deployment.path("stack").asText(), region))
                    .read(Path.of(deployment.path("template").asText())).functions().forEach(candidate -> {
                        names.add(candidate.functionName());
                        if (candidate.functionName().equals(function) || candidate.logicalId().equals(function)) {
                            matches.add(candidate);
                        }
                    });
        }
        if (matches.size() != 1) {
            throw new UserError((matches.isEmpty() ? "no served function is named " : "several served functions are named ")
                    + function + "; served: " + String.join(", ", names));
        }
        return matches.get(0);
    }

    /** The SDK's standard configuration, as serve sets it for its functions: the handler builds its own clients. */
    private static void pointSdkAt(JsonNode endpoints, String region) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("aws.endpointUrl", endpoints.path("dynamodb").asText());
        properties.put(LocalCloud.S3_ENDPOINT_PROPERTY, endpoints.path("s3").asText());
        if (endpoints.has("firehose")) {
            properties.put(LocalCloud.FIREHOSE_ENDPOINT_PROPERTY, endpoints.path("firehose").asText());
        }
        if (endpoints.has("kinesis")) {
            properties.put(LocalCloud.KINESIS_ENDPOINT_PROPERTY, endpoints.path("kinesis").asText());
            properties.put(LocalKinesis.CBOR_PROPERTY, "false");
        }
        properties.put("aws.accessKeyId", "local");
        properties.put("aws.secretAccessKey", "local");
        properties.put("aws.region", region);
        properties.forEach(System::setProperty);
    }

    private static String label(QuarantineRedrive.Outcome outcome) {
        return switch (outcome) {
            case REDRIVEN -> "redriven";
            case STILL_FAILS -> "still fails";
            case WOULD_REDRIVE -> "would redrive";
            case BY_HAND -> "by hand";
        };
    }
}
