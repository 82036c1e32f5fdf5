package dev.ddbstreams.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.trigger.StreamTrigger;
import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * How {@code serve} tells {@code triggers} what its triggers are doing: a JSON file it rewrites
 * every second, naming its process so a reader can tell a live server from a stale file. Each
 * trigger's function with a quarantine bucket also gets how many records it has quarantined (the
 * objects in its folder of the local S3 right now: a redriven record no longer counts).
 */
final class TriggerStatusFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    TriggerStatusFile(Path workFolder) {
        this.file = workFolder.resolve("serve").resolve("triggers.json");
    }

    Path file() {
        return file;
    }

    void write(LocalCloud cloud) {
        ObjectNode root = JSON.createObjectNode();
        root.put("pid", ProcessHandle.current().pid());
        root.put("port", cloud.dynamoDb().port());
        root.put("written", Instant.now().toString());
        // What ./workshop redrive needs to run a served function the way serve does.
        root.put("region", cloud.dynamoDb().region().id());
        ObjectNode endpoints = root.putObject("endpoints");
        endpoints.put("dynamodb", cloud.dynamoDb().endpoint().toString());
        endpoints.put("s3", cloud.s3().uri().toString());
        cloud.firehose().ifPresent(firehose -> endpoints.put("firehose", firehose.endpoint().toString()));
        cloud.kinesis().ifPresent(kinesis -> endpoints.put("kinesis", kinesis.endpoint().toString()));
        ArrayNode deployments = root.putArray("deployments");
        cloud.deployments().forEach(deployment -> deployments.addObject().put("stack", deployment.stackName())
                .put("template", deployment.template().file().toString()));
        root.set("triggers", triggers(cloud, trigger -> true));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = file.resolveSibling("triggers.json.tmp");
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    JsonNode read() throws IOException {
        return JSON.readTree(file.toFile());
    }

    /**
     * The status of the serve that is running now.
     *
     * @throws UserError if no serve ran here, or the one that wrote the file has ended
     */
    JsonNode readLive() throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new UserError("no ./workshop serve has run here: start one in another terminal first");
        }
        JsonNode root = read();
        boolean alive = ProcessHandle.of(root.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
            throw new UserError("./workshop serve (pid " + root.path("pid").asLong()
                    + ") is no longer running; its last status was written at " + root.path("written").asText());
        }
        return root;
    }

    /**
     * The state of the cloud's triggers that {@code which} selects, one object each, as this file
     * holds it: settings, shard positions, counters, iterator age and, for a function with a
     * quarantine bucket, its quarantined records. {@code ./workshop dashboard} serves the same.
     */
    static ArrayNode triggers(LocalCloud cloud, Predicate<StreamTrigger> which) {
        ArrayNode array = JSON.createArrayNode();
        for (StreamTrigger trigger : cloud.triggers()) {
            if (!which.test(trigger)) {
                continue;
            }
            ObjectNode json = toJson(trigger.status());
            cloud.quarantine(trigger.functionName()).ifPresent(quarantine -> json.putObject("quarantine")
                    .put("bucket", quarantine.bucket()).put("prefix", quarantine.prefix())
                    .put("records", quarantine.count()));
            array.add(json);
        }
        return array;
    }

    private static ObjectNode toJson(TriggerStatus status) {
        ObjectNode json = JSON.createObjectNode();
        StreamTriggerDefinition s = status.settings();
        json.put("functionName", status.functionName());
        json.put("eventSourceArn", status.streamArn());
        json.put("table", s.sourceName());
        json.put("batchSize", s.batchSize());
        json.put("startingPosition", s.startingPosition().name());
        json.put("maximumBatchingWindowInSeconds", s.maximumBatchingWindow().toSeconds());
        json.put("functionResponseTypes", s.reportBatchItemFailures() ? "ReportBatchItemFailures" : "");
        json.put("bisectBatchOnFunctionError", s.bisectBatchOnFunctionError());
        json.put("maximumRetryAttempts", s.maximumRetryAttempts());
        json.put("maximumRecordAgeInSeconds", s.maximumRecordAge().map(d -> d.toSeconds()).orElse(-1L));
        json.put("parallelizationFactor", s.parallelizationFactor());
        json.put("tumblingWindowInSeconds", s.tumblingWindow().map(d -> d.toSeconds()).orElse(0L));
        json.put("filters", s.filterPatterns().size());
        json.put("onFailure", s.onFailureDestination().orElse(""));
        ArrayNode shards = json.putArray("shards");
        status.shards().forEach(shard -> shards.addObject().put("shardId", shard.shardId())
                .put("state", shard.state()).put("lastSequenceRead", shard.lastSequenceRead()));
        json.set("counts", JSON.valueToTree(status.counts()));
        status.iteratorAge().ifPresent(age -> json.put("iteratorAgeMillis", age.toMillis()));
        json.put("lastResult", status.lastResult());
        return json;
    }
}
