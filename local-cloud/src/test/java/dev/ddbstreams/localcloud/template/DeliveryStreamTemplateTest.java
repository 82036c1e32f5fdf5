package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.template.TemplateNotice.Kind;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Firehose delivery streams with S3 destinations, in firehose-archive.yaml. */
class DeliveryStreamTemplateTest {

    private final Template template = TestTemplates.read("firehose-archive.yaml");

    @Test
    void read_whenExtendedS3Destination_keepsPrefixesBufferingAndCompression() {
        assertThat(template.deliveryStream("InvoiceArchive")).contains(new DeliveryStreamDefinition(
                "InvoiceArchive", "local-stack-InvoiceArchive", "ArchiveBucket",
                Optional.of("invoices/year=!{timestamp:yyyy}/month=!{timestamp:MM}/"),
                Optional.of("errors/!{firehose:error-output-type}/"),
                64, Duration.ofSeconds(60), "GZIP"));
    }

    @Test
    void read_whenPlainS3DestinationWithExternalBucket_usesFirehoseDefaultsAndTheBucketName() {
        assertThat(template.deliveryStream("PlainArchive")).contains(new DeliveryStreamDefinition(
                "PlainArchive", "plain-archive", "someone-elses-bucket", Optional.empty(), Optional.empty(),
                5, Duration.ofSeconds(300), "UNCOMPRESSED"));
    }

    @Test
    void read_whenRecordsWouldBeTransformed_reportsItAsNotSupported() {
        assertThat(template.notices(Kind.NOT_SUPPORTED)).extracting(TemplateNotice::toString).containsExactly(
                "InvoiceArchive.Properties.ExtendedS3DestinationConfiguration.ProcessingConfiguration:"
                        + " not supported locally (records are not transformed by a Lambda processor)");
    }

    @Test
    void read_whenBucketIsTheArchive_keepsItReferencedAndNotesIt() {
        assertThat(template.notices()).extracting(TemplateNotice::toString).contains(
                "ArchiveBucket: stands for the local Firehose's output folder; its properties have no effect locally",
                "FirehoseRole: not run locally (AWS::IAM::Role)",
                "InvoiceArchive.Properties.ExtendedS3DestinationConfiguration.RoleARN: accepted, no effect locally");
    }
}
