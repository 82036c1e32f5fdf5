package dev.ddbstreams.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.DeliveryStreamDefinition;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.StreamTriggerDefinition;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The template settings the archive relies on: limits, least privilege, encryption, retention, the Glue schema. */
class ArchiveTemplateTest {

    private static final Path TEMPLATE = Path.of("template.yaml");

    private final Template template = read(Map.of());
    private final FunctionDefinition function = template.function("ArchiveFunction").orElseThrow();
    private final String text = read();

    @Test
    void function_whenRead_runsArchiveHandlerIntoTheDeliveryStream() {
        assertThat(function.handlerClassName()).isEqualTo(ArchiveHandler.class.getName());
        assertThat(function.environment()).containsEntry("DELIVERY_STREAM_NAME", "invoice-archive")
                .containsEntry("ARCHIVE_ONLY_TTL_DELETES", "false").containsEntry("PACK_LINES", "true");
        assertThat(template.function("NaiveArchiveFunction")).as("the baseline is deployed only when asked").isEmpty();
        assertThat(function.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(text).contains("    Runtime: java21\n", "    SnapStart:\n      ApplyOn: PublishedVersions\n");
    }

    @Test
    void trigger_whenRead_reportsPartialFailures_bisects_boundsRetries_andHasAQueue() {
        StreamTriggerDefinition trigger = function.triggers().get(0);

        assertThat(function.triggers()).hasSize(1);
        assertThat(trigger.sourceName()).isEqualTo("InvoiceTransactions");
        assertThat(trigger.batchSize()).isEqualTo(FirehoseLimits.MAX_RECORDS_PER_CALL);
        assertThat(trigger.reportBatchItemFailures()).isTrue();
        assertThat(trigger.bisectBatchOnFunctionError()).isTrue();
        assertThat(trigger.maximumRetryAttempts()).isEqualTo(100);
        assertThat(trigger.maximumRecordAge()).isEmpty();
        assertThat(trigger.onFailureDestination()).contains("ArchiveFailureQueue");
        assertThat(trigger.filterPatterns()).isEmpty();
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

    @Test
    void bucket_whenRead_isEncrypted_private_tlsOnly_andKeptSevenYearsInArchiveClasses() {
        String bucket = block("  ArchiveBucket:", "  ArchiveBucketPolicy:");
        String policy = block("  ArchiveBucketPolicy:", "  FirehoseLogGroup:");

        assertThat(bucket).contains("SSEAlgorithm: AES256", "BlockPublicAcls: true", "BlockPublicPolicy: true",
                "IgnorePublicAcls: true", "RestrictPublicBuckets: true", "StorageClass: DEEP_ARCHIVE",
                "ExpirationInDays: 2557");
        assertThat(policy).contains("Effect: Deny", "aws:SecureTransport: 'false'");
    }

    @Test
    void policies_whenRead_nameEveryResource_andAllowOnlyPutRecordBatchAndDescribeOnTheStream() {
        String functionPolicies = block("  ArchiveFunction:", "      Events:");
        String naivePolicies = block("  NaiveArchiveFunction:", "      Events:");
        String firehosePolicies = block("  FirehoseDeliveryRole:", "  InvoiceArchiveStream:");

        assertThat(functionPolicies.lines().filter(line -> line.contains("Resource:"))).containsExactly(
                "              Resource: !Sub \"${InvoiceTransactionsTable.Arn}/stream/*\"",
                "              Resource: !GetAtt InvoiceArchiveStream.Arn",
                "              Resource: !GetAtt ArchiveFailureQueue.Arn");
        String describe = "- firehose:DescribeDeliveryStream  # SnapStart priming: metadata only, never billed\n";
        assertThat(functionPolicies).contains("- firehose:PutRecordBatch\n" + "                " + describe
                + "              Resource: !GetAtt InvoiceArchiveStream.Arn").doesNotContain("firehose:PutRecord\n",
                "firehose:*");
        assertThat(naivePolicies).contains("- firehose:PutRecord\n" + "                " + describe
                + "              Resource: !GetAtt InvoiceArchiveStream.Arn");
        assertThat(firehosePolicies).doesNotContain("'*'", "\"*\"").contains("!GetAtt ArchiveBucket.Arn",
                "!Sub '${ArchiveBucket.Arn}/*'");
    }

    @Test
    void glueTable_whenRead_hasTheArchiveColumns_andProjectsTheDailyPartition() {
        StringBuilder columns = new StringBuilder("          Columns:\n");
        for (ArchiveColumns.Column column : ArchiveColumns.ALL) {
            columns.append("            - Name: ").append(column.name().toLowerCase(Locale.ROOT)).append('\n')
                    .append("              Type: ").append(column.type().glue()).append('\n');
        }

        assertThat(block("  ArchiveTable:", "Outputs:")).contains(columns.toString(), "projection.enabled: 'true'",
                "- Name: " + ArchiveColumns.PARTITION_KEY + "\n", "projection.dt.type: date",
                "storage.location.template: !Sub 's3://${ArchiveBucket}/" + ArchiveColumns.PREFIX_ROOT + "dt=${!dt}/'");
    }

    @Test
    void athenaView_inTheReadmes_isTheQueryTheLocalViewRuns() throws IOException {
        String statement = "CREATE OR REPLACE VIEW archive AS " + ArchiveColumns.distinctChangesQuery("archive_raw");

        assertThat(Files.readString(Path.of("README.md"))).contains(statement);
        assertThat(Files.readString(Path.of("../labs/03-archive/README.md"))).contains(statement);
    }

    private String block(String from, String to) {
        int start = text.indexOf(from);
        return text.substring(start, text.indexOf(to, start));
    }

    private static Template read(Map<String, String> parameters) {
        return new TemplateReader(StackSettings.of("archive-test", "us-east-1").withParameters(parameters)).read(TEMPLATE);
    }

    private static String read() {
        try {
            return Files.readString(TEMPLATE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
