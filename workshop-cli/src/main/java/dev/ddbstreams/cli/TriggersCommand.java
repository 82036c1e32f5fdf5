package dev.ddbstreams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;

/** {@code ./workshop triggers}: what the triggers of a running {@code serve} are doing. */
@Command(name = "triggers",
        description = "Shows the stream triggers of a running ./workshop serve: settings, shard positions, "
                + "counters, records quarantined and last result (like aws lambda list-event-source-mappings).")
final class TriggersCommand extends WorkshopCommand {

    @Override
    public Integer call() throws IOException {
        JsonNode root = new TriggerStatusFile(Path.of(".workshop")).readLive();
        print(root, spec.commandLine().getOut());
        return 0;
    }

    /** The status file's content, trigger by trigger. */
    static void print(JsonNode root, PrintWriter out) {
        Duration age = Duration.between(Instant.parse(root.path("written").asText()), Instant.now());
        out.printf("serve on port %d, status as of %d ms ago%n", root.path("port").asInt(), age.toMillis());
        if (root.path("triggers").isEmpty()) {
            out.println("no triggers: no template with a stream trigger is deployed");
        }
        for (JsonNode trigger : root.path("triggers")) {
            out.printf("%n%s <- %s%n", trigger.path("functionName").asText(), trigger.path("table").asText());
            out.printf("  EventSourceArn %s%n", trigger.path("eventSourceArn").asText());
            out.printf("  BatchSize %d, StartingPosition %s, MaximumBatchingWindowInSeconds %d, "
                            + "FunctionResponseTypes [%s], BisectBatchOnFunctionError %s%n",
                    trigger.path("batchSize").asInt(), trigger.path("startingPosition").asText(),
                    trigger.path("maximumBatchingWindowInSeconds").asInt(),
                    trigger.path("functionResponseTypes").asText(),
                    trigger.path("bisectBatchOnFunctionError").asBoolean());
            out.printf("  MaximumRetryAttempts %d, MaximumRecordAgeInSeconds %d, ParallelizationFactor %d, "
                            + "TumblingWindowInSeconds %d, filters %d, on failure: %s%n",
                    trigger.path("maximumRetryAttempts").asInt(), trigger.path("maximumRecordAgeInSeconds").asInt(),
                    trigger.path("parallelizationFactor").asInt(), trigger.path("tumblingWindowInSeconds").asInt(),
                    trigger.path("filters").asInt(), trigger.path("onFailure").asText("-"));
            for (JsonNode shard : trigger.path("shards")) {
                out.printf("  shard %s: %s, last sequence number read %s%n", shard.path("shardId").asText(),
                        shard.path("state").asText(), shard.path("lastSequenceRead").asText("-"));
            }
            JsonNode counts = trigger.path("counts");
            out.printf("  records: %d read, %d filtered out, %d processed, %d discarded; invocations: %d "
                            + "(%d function errors, %d timeouts, %d partial), %d retries, %d bisections%n",
                    counts.path("recordsRead").asLong(), counts.path("recordsFilteredOut").asLong(),
                    counts.path("recordsProcessed").asLong(), counts.path("recordsDiscarded").asLong(),
                    counts.path("invocations").asLong(), counts.path("functionErrors").asLong(),
                    counts.path("timeouts").asLong(), counts.path("partialFailures").asLong(),
                    counts.path("retries").asLong(), counts.path("bisections").asLong());
            JsonNode iteratorAge = trigger.path("iteratorAgeMillis");
            out.printf("  iterator age: %s%n", iteratorAge.isMissingNode() ? "- (no batch delivered yet)"
                    : iteratorAge.asLong() + " ms at the latest invocation");
            JsonNode quarantine = trigger.path("quarantine");
            if (quarantine.isObject()) {
                out.printf("  quarantined records: %d (s3://%s/%s)%n", quarantine.path("records").asInt(),
                        quarantine.path("bucket").asText(), quarantine.path("prefix").asText());
            }
            out.printf("  last result: %s%n", trigger.path("lastResult").asText());
        }
        out.flush();
    }
}
