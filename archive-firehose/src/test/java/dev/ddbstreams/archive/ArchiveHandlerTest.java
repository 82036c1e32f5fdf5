package dev.ddbstreams.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ddbstreams.archive.workload.ArchiveObjects;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.LocalFirehoseClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** The handler with its real collaborators against the local Firehose, on events as Lambda sends them. */
class ArchiveHandlerTest {

    @TempDir
    Path bucket;

    /** Numbers as written: a decimal keeps its scale (1167400.00 stays two decimals). */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final List<String> metrics = new ArrayList<>();
    /** The quarantine's seam, in memory: S3Quarantine on the local S3 is ArchivePoisonIT's. */
    private final List<Kept> quarantined = new ArrayList<>();

    private record Kept(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
    }

    private String keep(DynamodbEvent.DynamodbStreamRecord record, Failure failure) {
        quarantined.add(new Kept(record, failure));
        return "ArchiveFunction/" + record.getEventID();
    }

    @Test
    void handleRequest_whenChanges_archivesOneLinePerChange_withExactNumbersAndBothImages() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            StreamsEventResponse response = handler(firehose, false, true).handleRequest(event("invoice-changes.json"), null);
            firehose.flush();

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(firehose.stats().recordsAccepted()).isEqualTo(1); // four lines packed into one record
            assertThat(ArchiveObjects.lines(bucket)).hasSize(4).element(1).isEqualTo("{\"eventID\":\"e-modify\","
                    + "\"eventName\":\"MODIFY\",\"tableName\":\"InvoiceTransactions\",\"awsRegion\":\"us-east-1\","
                    + "\"sequenceNumber\":\"100000000000000000002\",\"approximateCreationTime\":\"2026-11-21T10:00:00Z\","
                    + "\"ttlDelete\":false,\"keys\":{\"InvoiceID\":\"I#1001\",\"BillID\":\"B#5001\"},"
                    + "\"newImage\":" + image("0.00", "Closed", "0.00") + ","
                    + "\"oldImage\":" + image("1167400.00", "Open", "1167400.00") + "}");
            assertThat(ArchiveObjects.lines(bucket).get(3)).contains("\"eventID\":\"e-ttl\"", "\"ttlDelete\":true",
                    "\"newImage\":null");
        }
    }

    /**
     * What Athena and DuckDB read of a line is what the line holds: every field, images' included
     * (the TTL attribute too), has a column, and every number fits its column's type exactly
     * (decimal(p,s): at most s decimals and p-s digits before the point; bigint: whole).
     */
    @Test
    void handleRequest_whenChanges_writesOnlyFieldsTheArchiveColumnsHold_withNumbersTheirTypesKeepExactly()
            throws Exception {
        Map<String, String> columns = new HashMap<>();
        ArchiveColumns.ALL.forEach(column -> columns.put(column.name(), column.type().glue()));
        Pattern field = Pattern.compile("(\\w+):(decimal\\((\\d+),(\\d+)\\)|\\w+)");
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            handler(firehose, false, true).handleRequest(event("invoice-changes.json"), null);
            firehose.flush();

            List<String> checked = new ArrayList<>();
            for (String line : ArchiveObjects.lines(bucket)) {
                JsonNode archived = JSON.readTree(line);
                archived.fieldNames().forEachRemaining(name -> assertThat(columns).containsKey(name));
                for (String image : List.of("keys", "newImage", "oldImage")) {
                    Map<String, Matcher> types = new HashMap<>();
                    Matcher struct = field.matcher(columns.get(image));
                    while (struct.find()) {
                        types.put(struct.group(1), field.matcher(struct.group()));
                    }
                    archived.path(image).fields().forEachRemaining(entry -> {
                        assertThat(types).as(image + "." + entry.getKey()).containsKey(entry.getKey());
                        Matcher type = types.get(entry.getKey());
                        assertThat(type.matches()).isTrue();
                        if (entry.getValue().isNumber()) {
                            BigDecimal number = entry.getValue().decimalValue();
                            if (type.group(3) != null) {
                                int scale = Integer.parseInt(type.group(4));
                                assertThat(number.scale()).as(entry.getKey()).isLessThanOrEqualTo(scale);
                                assertThat(number.precision() - number.scale()).as(entry.getKey())
                                        .isLessThanOrEqualTo(Integer.parseInt(type.group(3)) - scale);
                            } else {
                                assertThat(type.group(2)).as(entry.getKey()).isEqualTo("bigint");
                                assertThat(entry.getValue().canConvertToExactIntegral()).isTrue();
                            }
                        }
                        checked.add(image + "." + entry.getKey());
                    });
                }
            }
            assertThat(checked).contains("oldImage.ExpiresAt", "newImage.BillAmount", "oldImage.InvoiceBalance");
        }
    }

    @Test
    void handleRequest_whenNotPacking_sendsOneRecordPerLine() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            handler(firehose, false, false).handleRequest(event("invoice-changes.json"), null);
            firehose.flush();

            assertThat(firehose.stats().recordsAccepted()).isEqualTo(4);
            assertThat(ArchiveObjects.read(bucket).eventIds()).containsExactlyInAnyOrder("e-insert", "e-modify",
                    "e-remove", "e-ttl");
        }
    }

    @Test
    void handleRequest_whenOnlyTtlDeletes_archivesOnlyTheExpiredItem() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            handler(firehose, true, true).handleRequest(event("invoice-changes.json"), null);
            firehose.flush();

            assertThat(ArchiveObjects.read(bucket).eventIds()).containsExactly("e-ttl");
        }
    }

    @Test
    void handleRequest_whenARecordCannotBeParsed_quarantinesItWhole_andArchivesTheOthers() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            StreamsEventResponse response = handler(firehose, false, true).handleRequest(event("invoice-poison.json"), null);
            firehose.flush();

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(ArchiveObjects.read(bucket).eventIds()).containsExactlyInAnyOrder("e-insert", "e-after");
            assertThat(quarantined).singleElement().satisfies(kept -> {
                assertThat(kept.record().getEventID()).isEqualTo("e-poison");
                assertThat(kept.record().getDynamodb().getNewImage().get("BillAmount").getN()).isEqualTo("not-a-number");
                assertThat(kept.failure().isPermanent()).isTrue();
                assertThat(kept.failure().reason()).contains("BillAmount");
            });
        }
    }

    /**
     * What the quarantine throws when it could not keep a record and a retry can help: S3's error
     * after its own retries (a 503, or an AccessDenied an operator fixes), or an I/O error no SDK
     * call wrapped (a response body that broke off).
     */
    static Stream<Named<RuntimeException>> quarantineFailures() {
        return Stream.of(Named.of("S3 503", S3Exception.builder().statusCode(503).message("Slow Down").build()),
                Named.of("S3 403", S3Exception.builder().statusCode(403).message("Access Denied").build()),
                Named.of("I/O", new UncheckedIOException(new IOException("Connection reset"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quarantineFailures")
    void handleRequest_whenTheQuarantineFails_archivesTheOnesBefore_andRetriesFromThePoisonRecord(RuntimeException thrown) {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            ChangeArchiver archiver = new ChangeArchiver(ArchiveFirehose.sender(firehose, 10), oversized(),
                    (record, failure) -> {
                        throw thrown;
                    }, false, true);

            StreamsEventResponse response = new ArchiveHandler(archiver).handleRequest(event("invoice-poison.json"), null);
            firehose.flush();

            assertThat(response.getBatchItemFailures()).singleElement()
                    .satisfies(failure -> assertThat(failure.getItemIdentifier()).isEqualTo("100000000000000000002"));
            assertThat(ArchiveObjects.read(bucket).eventIds()).containsExactly("e-insert");
        }
    }

    @Test
    void handleRequest_whenALineIsOver1000KiB_quarantinesTheRecord_archivesAMarkerWithoutImages_andReportsTheEventId() {
        DynamodbEvent event = event("invoice-changes.json");
        // 600,000 quotes are 1.2 MB once JSON escapes them: the item fits DynamoDB, the line not Firehose.
        event.getRecords().get(1).getDynamodb().getNewImage().put("CustomerName", new AttributeValue("\"".repeat(600_000)));
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            StreamsEventResponse response = handler(firehose, false, true).handleRequest(event, null);
            firehose.flush();

            assertThat(response.getBatchItemFailures()).isEmpty();
            ArchiveObjects.Summary archive = ArchiveObjects.read(bucket);
            assertThat(archive.eventIds()).hasSize(4);
            assertThat(archive.oversized()).isEqualTo(1);
            assertThat(ArchiveObjects.lines(bucket).get(1)).startsWith("{\"eventID\":\"e-modify\"")
                    .contains("\"newImage\":null,\"oldImage\":null,\"oversizedBytes\":1200845}");
            assertThat(metrics).singleElement().asString().contains("\"OversizedChanges\":1", "\"eventID\":\"e-modify\"",
                    "\"DeliveryStream\":\"invoice-archive\"");
            assertThat(quarantined).singleElement().satisfies(kept -> {
                assertThat(kept.record().getEventID()).isEqualTo("e-modify");
                assertThat(kept.record().getDynamodb().getNewImage().get("CustomerName").getS()).hasSize(600_000);
                assertThat(kept.failure().reason()).isEqualTo("1200845 bytes as a line, over Firehose's 1024000-byte record limit");
            });
        }
    }

    @Test
    void handleRequest_whenEntriesFail_resendsThem_andArchivesEachChangeOnce() {
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.parse("first=3"))) {
            StreamsEventResponse response = handler(firehose, false, false).handleRequest(event("invoice-changes.json"), null);
            firehose.flush();

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(firehose.stats().recordsFailed()).isEqualTo(3);
            assertThat(ArchiveObjects.read(bucket).lines()).isEqualTo(4);
        }
    }

    @Test
    void handleRequest_whenALaterCallFailsPastTheBound_reportsItsEarliestChange_afterTheFirstCallWasAccepted() {
        DynamodbEvent event = event("invoice-changes.json");
        try (LocalFirehoseClient firehose = ArchiveFirehose.start(bucket, FirehoseFaults.NONE)) {
            List<Integer> calls = new ArrayList<>();
            PutRecordBatchSender sender = new PutRecordBatchSender(request -> {
                calls.add(request.records().size());
                if (calls.size() == 2) {
                    // Entries of every later call fail: the local Firehose's own fault injection.
                    firehose.failNextRecords(1_000);
                }
                return firehose.putRecordBatch(request);
            }, ArchiveFirehose.STREAM, ArchiveFirehose.noSleep(3));
            // 500 records per call: records 0..499 go first; the failing second call starts at 500.
            List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
            for (int i = 0; i < 501; i++) {
                DynamodbEvent.DynamodbStreamRecord copy = event.getRecords().get(0).clone();
                copy.setEventID("e-" + i);
                copy.setDynamodb(copy.getDynamodb().clone());
                copy.getDynamodb().setSequenceNumber(String.valueOf(200_000 + i));
                records.add(copy);
            }

            StreamsEventResponse response = new ChangeArchiver(sender, oversized(), this::keep, false, false).archive(records);

            assertThat(calls).containsExactly(500, 1, 1, 1);
            assertThat(response.getBatchItemFailures()).singleElement()
                    .satisfies(failure -> assertThat(failure.getItemIdentifier()).isEqualTo("200500"));
        }
    }

    private ArchiveHandler handler(LocalFirehoseClient firehose, boolean onlyTtlDeletes, boolean packLines) {
        return new ArchiveHandler(new ChangeArchiver(ArchiveFirehose.sender(firehose, 10), oversized(), this::keep, onlyTtlDeletes,
                packLines));
    }

    private OversizedChanges oversized() {
        return new OversizedChanges(ArchiveFirehose.STREAM, InstantSource.fixed(Instant.EPOCH), metrics::add);
    }

    private static DynamodbEvent event(String fixture) {
        return EventLoader.loadDynamoDbEvent("events/" + fixture);
    }

    private static String image(String balance, String status, String billBalance) {
        return "{\"InvoiceID\":\"I#1001\",\"InvoiceDate\":\"2018-09-20\",\"InvoiceBalance\":" + balance
                + ",\"InvoiceStatus\":\"" + status + "\",\"InvoiceDueDate\":\"2018-12-19\",\"BillID\":\"B#5001\","
                + "\"BillDueDate\":\"2018-10-06\",\"BillAmount\":1167400.00,\"BillBalance\":" + billBalance
                + ",\"CustomerID\":\"C#137\",\"CustomerName\":\"Iron Horse Foods, LLC\",\"State\":\"MN\"}";
    }
}
