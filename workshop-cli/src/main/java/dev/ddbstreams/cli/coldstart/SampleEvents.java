package dev.ddbstreams.cli.coldstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Picks the event a function's first cold start handles from its module's {@code events/}
 * samples (the JSON Lambda sends), by what triggers it: a DynamoDB trigger takes the first sample
 * from its table's stream, a Kinesis trigger the first from its stream, a function with no trigger
 * (a function URL) the first HTTP event. A tumbling-window trigger gets the sample as the window's
 * final invoke, so the first batch commits, as the real one does.
 */
public final class SampleEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Sample> samples;

    private record Sample(Path file, JsonNode json) {
    }

    private SampleEvents(List<Sample> samples) {
        this.samples = samples;
    }

    /** The samples in a module's events folder, in file name order. */
    public static SampleEvents in(Path eventsFolder) {
        if (!Files.isDirectory(eventsFolder)) {
            return new SampleEvents(List.of());
        }
        try (Stream<Path> files = Files.list(eventsFolder)) {
            return new SampleEvents(files.filter(file -> file.toString().endsWith(".json")).sorted()
                    .map(file -> new Sample(file, read(file))).toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + eventsFolder, e);
        }
    }

    /** The event JSON for the function's first invoke, or empty when no sample fits. */
    public Optional<String> forFunction(FunctionDefinition function) {
        if (function.triggers().isEmpty()) {
            return samples.stream().filter(sample -> sample.json().has("rawPath")).findFirst()
                    .map(sample -> sample.json().toString());
        }
        StreamTriggerDefinition trigger = function.triggers().get(0);
        String eventSource = trigger.source() == StreamTriggerDefinition.Source.DYNAMODB ? "aws:dynamodb" : "aws:kinesis";
        return samples.stream()
                .filter(sample -> !sample.json().has("window"))
                .filter(sample -> eventSource.equals(firstRecord(sample).path("eventSource").asText()))
                .filter(sample -> sourceName(firstRecord(sample).path("eventSourceARN").asText())
                        .equals(trigger.sourceName()))
                .findFirst()
                .map(sample -> trigger.tumblingWindow().isPresent() ? finalWindowInvoke(sample.json()) : sample.json())
                .map(JsonNode::toString);
    }

    /** The table of a stream ARN ({@code .../table/NAME/stream/LABEL}) or the stream of a Kinesis ARN. */
    static String sourceName(String arn) {
        int table = arn.indexOf(":table/");
        if (table >= 0) {
            String rest = arn.substring(table + ":table/".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
        return arn.substring(arn.lastIndexOf('/') + 1);
    }

    /** The batch as a DynamodbTimeWindowEvent: the window's one and final invoke, empty state. */
    private static JsonNode finalWindowInvoke(JsonNode batch) {
        ObjectNode event = batch.deepCopy();
        event.putObject("window").put("start", "2026-11-21T10:00:00Z").put("end", "2026-11-21T10:00:30Z");
        event.putObject("state");
        event.put("shardId", "shardId-00000001763719200000-coldstart");
        event.put("eventSourceARN", batch.path("Records").path(0).path("eventSourceARN").asText());
        event.put("isFinalInvokeForWindow", true);
        event.put("isWindowTerminatedEarly", false);
        return event;
    }

    private static JsonNode firstRecord(Sample sample) {
        return sample.json().path("Records").path(0);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read sample event " + file + ": " + e.getMessage(), e);
        }
    }
}
