package dev.ddbstreams.archive;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.localcloud.template.DeliveryStreamDefinition;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateDocument;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The template settings the archive relies on: limits, its Firehose actions, retention, the Glue schema. */
class ArchiveTemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");

    private final Template template = read(Map.of());
    private final FunctionDefinition function = template.function("ArchiveFunction").orElseThrow();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TemplateDocument document = TemplateDocument.load(TEMPLATE);

    @Test
    void function_whenRead_runsArchiveHandlerIntoTheDeliveryStream() {
        assertThat(function.handlerClassName()).isEqualTo(ArchiveHandler.class.getName());
        assertThat(function.environment()).containsEntry("DELIVERY_STREAM_NAME", "invoice-archive")
                .containsEntry("ARCHIVE_ONLY_TTL_DELETES", "false").containsEntry("PACK_LINES", "true");
        assertThat(template.function("NaiveArchiveFunction")).as("the baseline is deployed only when asked").isEmpty();
        assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(document.section("Globals").get("Function")).asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("Runtime", "java21").containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
    }

    @Test
    void trigger_whenRead_reportsPartialFailures_bisects_boundsRetries_andHasAQueue() {
        StreamTriggerDefinition trigger = function.triggers().get(0);

        assertThat(function.triggers()).hasSize(1);
        assertThat(trigger.sourceName()).isEqualTo("InvoiceTransactions");
        assertThat(trigger.batchSize()).isEqualTo(5_000);
        assertThat(trigger.maximumBatchingWindow()).isEqualTo(Duration.ofSeconds(1));
        assertThat(read(Map.of("BatchingWindowSeconds", "60")).function("ArchiveFunction").orElseThrow().triggers()
                .get(0).maximumBatchingWindow()).isEqualTo(Duration.ofSeconds(60));
        assertThat(trigger.reportBatchItemFailures()).isTrue();
        assertThat(trigger.bisectBatchOnFunctionError()).isTrue();
        assertThat(trigger.maximumRetryAttempts()).isEqualTo(100);
        assertThat(trigger.maximumRecordAge()).isEmpty();
        assertThat(trigger.onFailureDestination()).contains("ArchiveFailureQueue");
        assertThat(trigger.filterPatterns()).isEmpty();
    }

    @Test
    void batchSize_whenItsLinesArePacked_fitsOneCall() {
        // The recorded invoice changes stand for the workload: a full batch of such lines, packed
        // (up to a line lost per record), must be one PutRecordBatch call of 4 MiB.
        List<byte[]> lines = EventLoader.loadDynamoDbEvent("events/invoice-changes.json").getRecords().stream()
                .map(record -> ArchiveLine.of(ChangeRecords.fromLambda(record))).toList();
        double meanLine = lines.stream().mapToInt(line -> line.length).average().orElseThrow();
        int batchSize = function.triggers().get(0).batchSize();

        assertThat(batchSize * meanLine).isLessThan(FirehoseLimits.MAX_BYTES_PER_CALL - 4 * meanLine);
    }

    @Test
    void trigger_whenOnlyTtlDeletes_filtersOnTheTtlIdentity_andTellsTheHandler() {
        FunctionDefinition ttlOnly = read(Map.of("OnlyTtlDeletes", "true")).function("ArchiveFunction").orElseThrow();

        assertThat(ttlOnly.triggers().get(0).filterPatterns()).containsExactly(
                "{\"userIdentity\":{\"type\":[\"Service\"],\"principalId\":[\"dynamodb.amazonaws.com\"]}}");
        assertThat(ttlOnly.environment()).containsEntry("ARCHIVE_ONLY_TTL_DELETES", "true");
    }

    @Test
    void table_whenRead_streamsOldAndNewImages_withTheInvoiceKey() {
        var request = template.table("InvoiceTransactions").orElseThrow().createTableRequest();

        assertThat(request.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(request.keySchema()).extracting(k -> k.attributeName()).containsExactly("InvoiceID", "BillID");
    }

    @Test
    void deliveryStream_whenRead_isGzipWithADailyPartition_andAnErrorPrefix() {
        DeliveryStreamDefinition stream = template.deliveryStream("InvoiceArchiveStream").orElseThrow();

        assertThat(stream.deliveryStreamName()).isEqualTo("invoice-archive");
        assertThat(stream.bucketLogicalId()).isEqualTo("ArchiveBucket");
        assertThat(stream.compression()).isEqualTo("GZIP");
        assertThat(stream.prefix()).contains(ArchiveColumns.PREFIX_ROOT + ArchiveColumns.PARTITION_KEY
                + "=!{timestamp:yyyy-MM-dd}/");
        assertThat(stream.errorOutputPrefix()).hasValueSatisfying(p -> assertThat(p).contains("!{firehose:error-output-type}"));
        assertThat(stream.bufferSizeMb()).isEqualTo(64);
        assertThat(stream.bufferInterval()).isEqualTo(Duration.ofSeconds(300));
    }

    /** Encryption, public access, TLS, versioning and retention are checked for every bucket by workshop-cli's TemplateChecks. */
    @Test
    void bucket_whenRead_keepsInvoicesSevenYearsInArchiveClasses() {
        JsonNode rules = parsed("ArchiveBucket").at("/LifecycleConfiguration/Rules");
        JsonNode invoices = StreamSupport.stream(rules.spliterator(), false)
                .filter(rule -> rule.path("Prefix").asText().equals("invoices/")).findFirst().orElseThrow();

        assertThat(invoices.path("Status").asText()).isEqualTo("Enabled");
        assertThat(invoices.path("ExpirationInDays").asInt()).isEqualTo(2557);
        assertThat(invoices.path("Transitions").findValuesAsText("StorageClass")).containsExactly("GLACIER_IR", "DEEP_ARCHIVE");
    }

    @Test
    void bucket_whenObjectLockAskedFor_locksEveryObjectSevenYearsInComplianceMode_andIsOffByDefault() {
        JsonNode bucket = parsed("ArchiveBucket");
        JsonNode configuration = bucket.at("/ObjectLockConfiguration/Fn::If");

        assertThat(document.section("Parameters")).extractingByKey("ObjectLock").asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("Default", "false").containsEntry("AllowedValues", List.of("true", "false"));
        assertThat(document.section("Conditions")).containsEntry("WithObjectLock",
                Map.of("Fn::Equals", List.of(Map.of("Ref", "ObjectLock"), "true")));
        assertThat(bucket.at("/VersioningConfiguration/Status").asText()).as("Object Lock needs versioning").isEqualTo("Enabled");
        assertThat(bucket.path("ObjectLockEnabled")).isEqualTo(JSON.valueToTree(
                Map.of("Fn::If", List.of("WithObjectLock", true, Map.of("Ref", "AWS::NoValue")))));
        assertThat(configuration.get(0).asText()).isEqualTo("WithObjectLock");
        assertThat(configuration.get(1)).isEqualTo(JSON.valueToTree(Map.of("ObjectLockEnabled", "Enabled",
                "Rule", Map.of("DefaultRetention", Map.of("Mode", "COMPLIANCE", "Years", 7)))));
        assertThat(configuration.get(2)).isEqualTo(JSON.valueToTree(Map.of("Ref", "AWS::NoValue")));
    }

    /** Athena skips Deep Archive objects, even restored ones, unless the table says otherwise; engine 3 only. */
    @Test
    void glueTable_whenRead_readsObjectsRestoredFromDeepArchive_withAthenaEngineThree() {
        assertThat(parsed("ArchiveTable").at("/TableInput/Parameters/read_restored_glacier_objects").asText())
                .isEqualTo("true");
        assertThat(parsed("ArchiveWorkGroup").at("/WorkGroupConfiguration/EngineVersion/SelectedEngineVersion").asText())
                .isEqualTo("Athena engine version 3");
    }

    /** That every permission names its own resource is checked for every template by TemplateChecks. */
    @Test
    void roles_whenRead_allowOnlyPutRecordBatchAndDescribe_andTheBaselineOnlyPutRecord() {
        assertThat(actionsOnTheDeliveryStream("ArchiveRole"))
                .containsExactly("firehose:PutRecordBatch", "firehose:DescribeDeliveryStream");
        assertThat(actionsOnTheDeliveryStream("NaiveArchiveRole"))
                .containsExactly("firehose:PutRecord", "firehose:DescribeDeliveryStream");
    }

    @Test
    void quarantine_whenRead_isTheFunctionsBucket_writableOnlyUnderItsFolder() {
        List<JsonNode> s3Statements = new ArrayList<>();
        parsed("ArchiveRole").at("/Policies/0/PolicyDocument/Statement").forEach(statement -> {
            if (statement.path("Action").toString().contains("s3:")) {
                s3Statements.add(statement);
            }
        });

        assertThat(function.environment().get("QUARANTINE_BUCKET")).isNotBlank().isNotEqualTo(
                template.deliveryStream("InvoiceArchiveStream").orElseThrow().bucketLogicalId());
        assertThat(s3Statements).singleElement().satisfies(statement -> {
            assertThat(statement.path("Action")).isEqualTo(JSON.valueToTree(List.of("s3:PutObject")));
            assertThat(statement.at("/Resource/Fn::Sub").asText())
                    .isEqualTo("${QuarantineBucket.Arn}/" + ArchiveHandler.QUARANTINE_FOLDER + "/*");
        });
        assertThat(parsed("QuarantineBucket").at("/LifecycleConfiguration/Rules/0/ExpirationInDays").asInt()).isEqualTo(90);
    }

    @Test
    void glueTable_whenRead_hasTheArchiveColumns_andProjectsTheDailyPartition() {
        JsonNode table = parsed("ArchiveTable").path("TableInput");
        List<Map<String, String>> columns = ArchiveColumns.ALL.stream()
                .map(column -> Map.of("Name", column.name().toLowerCase(Locale.ROOT), "Type", column.type().glue()))
                .toList();

        assertThat(table.at("/StorageDescriptor/Columns")).isEqualTo(JSON.valueToTree(columns));
        assertThat(table.path("PartitionKeys")).isEqualTo(JSON.valueToTree(
                List.of(Map.of("Name", ArchiveColumns.PARTITION_KEY, "Type", "string"))));
        assertThat(table.at("/Parameters/projection.enabled").asText()).isEqualTo("true");
        assertThat(table.at("/Parameters/projection.dt.type").asText()).isEqualTo("date");
        assertThat(table.at("/Parameters/storage.location.template/Fn::Sub").asText())
                .isEqualTo("s3://${ArchiveBucket}/" + ArchiveColumns.PREFIX_ROOT + "dt=${!dt}/");
    }

    @Test
    void athenaView_inTheReadmes_isTheQueryTheLocalViewRuns() throws IOException {
        String statement = "CREATE OR REPLACE VIEW archive AS " + ArchiveColumns.distinctChangesQuery("archive_raw");

        assertThat(Files.readString(Path.of("README.md"))).contains(statement);
        assertThat(Files.readString(Path.of("../labs/03-archive/README.md"))).contains(statement);
    }

    /** The actions of the role's statements on the delivery stream (Resource: !GetAtt InvoiceArchiveStream.Arn). */
    private List<String> actionsOnTheDeliveryStream(String role) {
        JsonNode deliveryStream = JSON.valueToTree(Map.of("Fn::GetAtt", List.of("InvoiceArchiveStream", "Arn")));
        List<String> actions = new ArrayList<>();
        parsed(role).at("/Policies/0/PolicyDocument/Statement").forEach(statement -> {
            if (statement.path("Resource").equals(deliveryStream)) {
                statement.path("Action").forEach(action -> actions.add(action.asText()));
            }
        });
        return actions;
    }

    private JsonNode parsed(String logicalId) {
        return JSON.valueToTree(document.properties(logicalId));
    }

    private static Template read(Map<String, String> parameters) {
        return new TemplateReader(StackSettings.of("archive-test", "us-east-1").withParameters(parameters)).read(TEMPLATE);
    }

}
