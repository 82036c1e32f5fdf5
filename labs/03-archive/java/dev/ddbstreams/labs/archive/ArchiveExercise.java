package dev.ddbstreams.labs.archive;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.archive.ArchiveLine;
import dev.ddbstreams.archive.workload.ArchiveObjects;
import dev.ddbstreams.archive.workload.InvoiceWorkload;
import dev.ddbstreams.labs.exercise.Exercise;
import dev.ddbstreams.labs.exercise.Scenario;
import dev.ddbstreams.labs.exercise.Step;
import dev.ddbstreams.labs.exercise.Verdict;
import dev.ddbstreams.localcloud.LocalCloud;
import dev.ddbstreams.localcloud.dynamodb.StreamReader;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.FirehoseStats;
import dev.ddbstreams.localcloud.s3.FunctionQuarantine;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import java.io.IOException;
import java.math.BigDecimal;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Lab 03's exercise: the learner's archiver in place of ArchiveFunction's handler, graded on what
 * the archive guarantees, not on how it gets there (how many calls, how records are packed):
 * after each step, once the trigger drained and the local Firehose flushed its buffer, every
 * change of the table's stream is in the bucket with the fields the lab's queries read, exactly
 * as the change has them. Lines may repeat, because the lab's {@code archive} view keeps one line
 * per eventID; the check reads the archive the same way. Under retries and all-together, the
 * local Firehose also fails entries of PutRecordBatch calls and throttles calls. The poison is a
 * bill whose line would be over Firehose's 1,000 KiB record limit: the changes around it must be
 * archived, and it must be kept whole in the quarantine bucket.
 */
public final class ArchiveExercise implements Exercise {

    /** The fields of a line the lab's queries read, which must be the change's own. */
    static final List<String> FIELDS = List.of("eventName", "sequenceNumber", "approximateCreationTime", "keys",
            "newImage", "oldImage");
    static final int WRITES = 40;
    static final int NEW_BILLS = 30;
    static final int AROUND_POISON = 10;
    /** Distinct invoices of the workload, 4 bills each: few, so bills are paid and deleted, not only added. */
    static final int INVOICES = 5;
    static final String POISON_INVOICE = "I#9999";
    /** 180,000 control characters: a 180 KB item, and over 1,000 KiB as JSON (each is {@code \\u0001}). */
    static final String POISON_NAME = "\u0001".repeat(180_000);
    /** Failed entries and throttled calls, under the scenarios where Lambda retries too. */
    static final String FIREHOSE_FAULTS = "records=0.3,throttle=0.2,code=mixed";
    private static final int SHOWN = 120;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    /** Numbers equal by value ({@code 1.5} and {@code 1.50}), everything else as JSON equality. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    @Override
    public String lab() {
        return "03-archive";
    }

    @Override
    public String template() {
        return "archive-firehose/template.yaml";
    }

    @Override
    public String function() {
        return "ArchiveFunction";
    }

    @Override
    public String starterHandler() {
        return "dev.ddbstreams.labs.archive.exercise.InvoiceArchiver::handleRequest";
    }

    @Override
    public String starterSource() {
        return "labs/03-archive/exercise/dev/ddbstreams/labs/archive/exercise/InvoiceArchiver.java";
    }

    @Override
    public String hint(Scenario scenario) {
        String section = switch (scenario) {
            case QUIET -> "exercise-step-1-a-quiet-run";
            case RETRIES, ALL_TOGETHER -> "exercise-step-2-retries-and-entries-firehose-did-not-accept";
            case DUPLICATES, CRASH_AFTER_COMMIT -> "exercise-step-3-duplicates-and-crashes-after-commit";
            case POISON -> "exercise-step-4-a-change-too-big-for-firehose";
        };
        return "labs/" + lab() + "/README.md#" + section;
    }

    @Override
    public void addFaults(LocalCloud.Builder cloud, Scenario scenario, long seed) {
        if (scenario == Scenario.RETRIES || scenario == Scenario.ALL_TOGETHER) {
            cloud.firehoseFaults(FirehoseFaults.parse(FIREHOSE_FAULTS + ",seed=" + seed));
        }
    }

    @Override
    public List<Step> steps(Scenario scenario, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return switch (scenario) {
            case QUIET, ALL_TOGETHER -> List.of(new Step(WRITES + " writes to " + INVOICES * 4 + " bills (new bills, payments, deletes)",
                    cloud -> new InvoiceWorkload(seed, INVOICES).run(cloud.dynamoDb().dynamoDbClient(), WRITES),
                    cloud -> check(cloud, scenario)));
            case RETRIES, DUPLICATES, CRASH_AFTER_COMMIT -> List.of(new Step(NEW_BILLS + " new bills",
                    cloud -> addBills(cloud, random, 0, NEW_BILLS), cloud -> check(cloud, scenario)));
            case POISON -> List.of(new Step(AROUND_POISON + " new bills, a bill whose line would be over Firehose's "
                    + "1,000 KiB record limit (a name of 180,000 control characters), then " + AROUND_POISON
                    + " new bills", cloud -> {
                        addBills(cloud, random, 0, AROUND_POISON);
                        cloud.dynamoDb().dynamoDbClient().putItem(b -> b.tableName(InvoiceWorkload.TABLE).item(Map.of(
                                "InvoiceID", AttributeValue.fromS(POISON_INVOICE),
                                "BillID", AttributeValue.fromS("B#99990"),
                                "CustomerName", AttributeValue.fromS(POISON_NAME),
                                "BillAmount", AttributeValue.fromN("99.00"))));
                        addBills(cloud, random, AROUND_POISON, AROUND_POISON);
                    }, cloud -> check(cloud, scenario)));
        };
    }

    /** New bills only (INSERTs, numbered from {@code first}), so that only the scenario's faults can make a difference. */
    private static void addBills(LocalCloud cloud, SplittableRandom random, int first, int count) {
        for (int i = first; i < first + count; i++) {
            int invoice = 2_000 + i;
            String bill = "B#" + (invoice * 10 + random.nextInt(10));
            String amount = BigDecimal.valueOf(100 + random.nextInt(500_000)).movePointLeft(2).toPlainString();
            cloud.dynamoDb().dynamoDbClient().putItem(b -> b.tableName(InvoiceWorkload.TABLE).item(Map.of(
                    "InvoiceID", AttributeValue.fromS("I#" + invoice), "BillID", AttributeValue.fromS(bill),
                    "BillAmount", AttributeValue.fromN(amount), "BillBalance", AttributeValue.fromN(amount),
                    "InvoiceStatus", AttributeValue.fromS("Open"))));
        }
    }

    /** Every change of the stream in the archive, as the change has it; under poison, the poison quarantined. */
    private Verdict check(LocalCloud cloud, Scenario scenario) {
        cloud.firehose().orElseThrow().client().flush();
        Path bucket = cloud.deployments().get(0).bucketFolders().get(0);
        ArchiveObjects.Summary summary = ArchiveObjects.read(bucket);
        if (!summary.problems().isEmpty()) {
            return Verdict.fail("the archive holds what its queries cannot read: " + summary.problems().get(0)
                    + " (each change must be one JSON object with its eventID on a line of its own, ending in \\n)");
        }
        Map<String, List<JsonNode>> archived = ArchiveObjects.lines(bucket).stream().map(ArchiveExercise::parse)
                .collect(Collectors.groupingBy(line -> line.get("eventID").textValue()));
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        StreamReader reader = new StreamReader(dynamoDb, cloud.dynamoDb().streamsClient());
        String streamArn = reader.streamArnOf(InvoiceWorkload.TABLE);
        List<ChangeRecord> changes = reader.readStream(streamArn).stream()
                .map(record -> ChangeRecords.fromGetRecords(record, streamArn)).toList();
        Optional<ChangeRecord> poison = changes.stream().filter(ArchiveExercise::isPoison).findFirst();
        List<ChangeRecord> valid = changes.stream().filter(change -> !isPoison(change)).toList();

        List<ChangeRecord> missing = valid.stream().filter(change -> !archived.containsKey(change.eventId())).toList();
        if (!missing.isEmpty()) {
            return Verdict.fail(missing.size() + " of " + valid.size() + " changes are not in the archive ("
                    + byKind(missing) + "), e.g. the " + describe(missing.get(0)) + ": " + whyLost(scenario));
        }
        for (ChangeRecord change : valid) {
            JsonNode expected = parse(new String(ArchiveLine.of(change), StandardCharsets.UTF_8));
            for (JsonNode line : archived.get(change.eventId())) {
                for (String field : FIELDS) {
                    if (!line.has(field) || !line.get(field).equals(NUMBERS_BY_VALUE, expected.get(field))) {
                        return Verdict.fail("the line of the " + describe(change) + " has " + field + " "
                                + shown(line.get(field)) + " where the change has " + shown(expected.get(field))
                                + ": the lab's queries read " + String.join(", ", FIELDS)
                                + " of each line as the stream record has them (ArchiveLine writes them so)");
                    }
                }
            }
        }
        long lines = valid.stream().mapToLong(change -> archived.get(change.eventId()).size()).sum();
        String detail = valid.size() + " changes archived in full, in " + lines + " lines"
                + (lines > valid.size() ? " (the repeats are removed by eventID, as the archive view does)" : "")
                + firehoseFaultsStruck(cloud);
        if (poison.isEmpty()) {
            return Verdict.pass(detail);
        }
        if (!quarantined(cloud)) {
            return Verdict.fail("the valid changes are archived, but the oversized bill " + POISON_INVOICE
                    + " is nowhere: keep a change too big for Firehose whole in the quarantine bucket "
                    + "(QUARANTINE_BUCKET, under ArchiveFunction/), where an operator can read it and redrive it");
        }
        return Verdict.pass(detail + "; the oversized bill is in the quarantine bucket");
    }

    private static boolean isPoison(ChangeRecord change) {
        AttributeValue invoice = change.keys().attributes().get("InvoiceID");
        return invoice != null && POISON_INVOICE.equals(invoice.s());
    }

    private boolean quarantined(LocalCloud cloud) {
        String name = cloud.deployments().get(0).template().function(function()).orElseThrow().functionName();
        FunctionQuarantine quarantine = cloud.quarantine(name).orElseThrow();
        return quarantine.keys().stream().anyMatch(key -> {
            try {
                return Files.readString(quarantine.bucketFolder().resolve(key), StandardCharsets.UTF_8)
                        .contains(POISON_INVOICE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String whyLost(Scenario scenario) {
        return switch (scenario) {
            case RETRIES, ALL_TOGETHER -> "PutRecordBatch answered FailedPutCount > 0 (or was throttled) and the "
                    + "entries it did not accept, those with an ErrorCode, were never sent again";
            case QUIET -> "a change of that kind was never sent (a REMOVE has no NewImage: its keys and OldImage are "
                    + "what it did)";
            default -> "a change was dropped instead of archived";
        };
    }

    private static String byKind(List<ChangeRecord> changes) {
        Map<EventName, Long> kinds = new TreeMap<>(changes.stream()
                .collect(Collectors.groupingBy(ChangeRecord::eventName, Collectors.counting())));
        List<String> parts = new ArrayList<>();
        kinds.forEach((kind, count) -> parts.add(count + " " + kind));
        return String.join(", ", parts);
    }

    private static String describe(ChangeRecord change) {
        Map<String, AttributeValue> keys = change.keys().attributes();
        return change.eventName() + " of bill " + keys.get("InvoiceID").s() + "/" + keys.get("BillID").s()
                + " (eventID " + change.eventId() + ")";
    }

    private static String shown(JsonNode node) {
        String text = node == null ? "(none)" : node.toString();
        return text.length() <= SHOWN ? text : text.substring(0, SHOWN) + "…";
    }

    private static String firehoseFaultsStruck(LocalCloud cloud) {
        FirehoseStats stats = cloud.firehose().orElseThrow().client().stats();
        if (stats.recordsFailed() == 0 && stats.throttledCalls() == 0) {
            return "";
        }
        return "; Firehose failed " + stats.recordsFailed() + " entries and throttled " + stats.throttledCalls()
                + " calls";
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("ArchiveObjects.read checked every line is JSON", e);
        }
    }
}
