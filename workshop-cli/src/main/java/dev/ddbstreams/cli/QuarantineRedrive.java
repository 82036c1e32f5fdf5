package dev.ddbstreams.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.lambda.FunctionFaults;
import dev.ddbstreams.localcloud.lambda.Invocation;
import dev.ddbstreams.localcloud.lambda.LocalFunction;
import dev.ddbstreams.localcloud.s3.FunctionQuarantine;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.quarantine.QuarantinedRecord;
import dev.ddbstreams.quarantine.S3ClientBucket;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Puts a function's quarantined records back through it once the cause is fixed, one record per
 * invocation, with the event the function would get from its trigger ({@link
 * QuarantinedRecord#eventJson()}; for a tumbling-window function, that record alone as a window of
 * its own, final invoke) and ClientContext {@code custom} {@code {"redrive": "true"}}
 * ({@link QuarantinedRecord#REDRIVE_CLIENT_CONTEXT}: the replica then resyncs the record's key from
 * its source rather than put the record's old image back). Per record:
 *
 * <ul>
 *   <li>the invocation failed, or reported the record as a batch item failure: it still fails; the
 *       object stays;</li>
 *   <li>the function quarantined it again (it rewrote the same key: a newer {@code quarantinedAt}):
 *       it still fails, for the reason the new object gives; the object stays;</li>
 *   <li>otherwise it was applied: the object is copied to {@code redriven/<key>} and only then
 *       deleted, so the quarantine lists what is still to do and the copy says what was done.</li>
 * </ul>
 *
 * <p>Redriving twice applies a record once. The second run no longer finds it; and if a run stops
 * between the apply and the delete, the next one applies it again harmlessly: a window aggregator's
 * redrive window is the same each time (shard {@value #REDRIVE_SHARD}, the record's own creation
 * time, its sequence number first), so its window marker says "already applied" (markers live two
 * days: redrive an interrupted run within them); the replica resyncs the key again.
 */
final class QuarantineRedrive {

    /** Where an applied record's object goes, under its original key. */
    static final String REDRIVEN_PREFIX = "redriven/";

    /** The shard id of a redrive's window: never a real shard's, so its window marker cannot collide with one. */
    static final String REDRIVE_SHARD = "redrive";

    private static final ObjectMapper JSON = new ObjectMapper();

    enum Outcome { REDRIVEN, STILL_FAILS, WOULD_REDRIVE, BY_HAND }

    /** What happened to one quarantined record. */
    record Result(String key, String eventId, Outcome outcome, String detail) {
    }

    private final S3Client s3;
    private final S3Quarantine quarantine;
    private final LocalFunction function;
    private final Optional<Duration> tumblingWindow;

    /** @param tumblingWindow the function's trigger's TumblingWindowInSeconds, if it has one */
    QuarantineRedrive(S3Client s3, S3Quarantine quarantine, LocalFunction function, Optional<Duration> tumblingWindow) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.quarantine = Objects.requireNonNull(quarantine, "quarantine");
        this.function = Objects.requireNonNull(function, "function");
        this.tumblingWindow = Objects.requireNonNull(tumblingWindow, "tumblingWindow");
    }

    /**
     * The redrive of a deployed function: a fresh execution environment of it (the handler built
     * with its environment now, so a fixed configuration or table counts), its quarantine bucket, and
     * its trigger's tumbling window.
     */
    static QuarantineRedrive of(FunctionDefinition function, String region, S3Client s3) {
        String bucket = function.environment().get(FunctionQuarantine.BUCKET_VARIABLE);
        if (bucket == null) {
            throw new IllegalArgumentException(function.functionName() + " has no "
                    + FunctionQuarantine.BUCKET_VARIABLE + ": it quarantines nothing");
        }
        Optional<Duration> window = function.triggers().stream().flatMap(t -> t.tumblingWindow().stream()).findFirst();
        return new QuarantineRedrive(s3, new S3Quarantine(new S3ClientBucket(s3, bucket), InstantSource.system()),
                new LocalFunction(function, region, Map.of(), FunctionFaults.NONE, InstantSource.system()), window);
    }

    /** Redrives the records at these keys, in order, telling {@code each} about every one as it is done. */
    List<Result> redrive(List<String> keys, boolean dryRun, Consumer<Result> each) {
        List<Result> results = new ArrayList<>();
        for (String key : keys) {
            Result result = redrive(key, dryRun);
            each.accept(result);
            results.add(result);
        }
        return results;
    }

    private Result redrive(String key, boolean dryRun) {
        QuarantinedRecord record = quarantine.read(key);
        String eventId = parse(record.record()).path("eventID").asText();
        if (record.source() == QuarantinedRecord.Source.WINDOW_INCREMENT) {
            // No record is at fault and no event carries it: replaying the window's records would count them again.
            return new Result(key, eventId, Outcome.BY_HAND, "a window's refused increment: apply its add with an "
                    + "UpdateItem ADD once the cause is dealt with, or drop it (windows/README.md)");
        }
        if (dryRun) {
            return new Result(key, eventId, Outcome.WOULD_REDRIVE, "quarantined for: " + record.reason());
        }
        Invocation invocation = function.invoke(event(record), Map.of(QuarantinedRecord.REDRIVE_CLIENT_CONTEXT, "true"));
        if (!invocation.succeeded()) {
            return new Result(key, eventId, Outcome.STILL_FAILS, "the invocation failed: "
                    + invocation.errorType().orElse("error") + ": " + invocation.errorMessage().orElse(""));
        }
        Optional<String> notApplied = notApplied(invocation.responseJson().orElse(""));
        if (notApplied.isPresent()) {
            return new Result(key, eventId, Outcome.STILL_FAILS, notApplied.get());
        }
        Optional<QuarantinedRecord> again = reread(key);
        if (again.isPresent() && !again.get().quarantinedAt().equals(record.quarantinedAt())) {
            return new Result(key, eventId, Outcome.STILL_FAILS, "quarantined again: " + again.get().reason());
        }
        // GetObject and PutObject rather than CopyObject, which the local S3 does not implement.
        s3.putObject(b -> b.bucket(quarantine.bucket()).key(REDRIVEN_PREFIX + key).contentType("application/json"),
                RequestBody.fromBytes(s3.getObjectAsBytes(b -> b.bucket(quarantine.bucket()).key(key)).asByteArray()));
        s3.deleteObject(b -> b.bucket(quarantine.bucket()).key(key));
        return new Result(key, eventId, Outcome.REDRIVEN, "applied; kept as " + REDRIVEN_PREFIX + key);
    }

    private String event(QuarantinedRecord record) {
        if (tumblingWindow.isEmpty() || record.source() != QuarantinedRecord.Source.DYNAMODB) {
            return record.eventJson();
        }
        ObjectNode event = (ObjectNode) parse(record.eventJson());
        Instant start = Instant.ofEpochSecond(parse(record.record()).path("dynamodb").path("ApproximateCreationDateTime")
                .decimalValue().longValue());
        event.putObject("window").put("start", start.toString()).put("end", start.plus(tumblingWindow.get()).toString());
        event.putObject("state");
        event.put("shardId", REDRIVE_SHARD);
        event.put("eventSourceARN", parse(record.record()).path("eventSourceARN").asText());
        event.put("isFinalInvokeForWindow", true);
        event.put("isWindowTerminatedEarly", false);
        return event.toString();
    }

    private Optional<QuarantinedRecord> reread(String key) {
        try {
            return Optional.of(quarantine.read(key));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /**
     * Why a successful invocation's response says the record was not applied: it names batch item
     * failures, or it is no JSON at all (no handler here answers so; counting it as applied would
     * delete a record nobody knows the fate of). Empty when applied.
     */
    static Optional<String> notApplied(String response) {
        JsonNode json;
        try {
            json = JSON.readTree(response.isEmpty() ? "null" : response);
        } catch (JsonProcessingException e) {
            return Optional.of("the function's response is not JSON: "
                    + (response.length() > 200 ? response.substring(0, 200) + "…" : response));
        }
        JsonNode failures = json.path("batchItemFailures");
        return failures.isArray() && !failures.isEmpty()
                ? Optional.of("the function reported it as a batch item failure") : Optional.empty();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a quarantined record's event is not JSON: " + e.getMessage(), e);
        }
    }
}
