package dev.ddbstreams.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ddbstreams.localcloud.firehose.FirehoseFaults;
import dev.ddbstreams.localcloud.firehose.LocalFirehose;
import dev.ddbstreams.localcloud.firehose.ObjectCompression;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A template's delivery stream on the local Firehose, reached by a handler ({@link ArchiveHandler})
 * that builds its own {@code FirehoseClient} from the SDK's standard configuration.
 */
class LocalCloudFirehoseIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/firehose-pipeline.yaml");

    @TempDir
    Path work;

    @Test
    void deploy_withDeliveryStream_archivesEachChangeAsALine_inGzippedObjectsUnderThePrefix() throws InterruptedException {
        String endpointBefore = System.getProperty(LocalCloud.FIREHOSE_ENDPOINT_PROPERTY);
        Path bucket = work.resolve("s3/ArchiveBucket");
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start()) {
            LocalCloud.Deployment deployment = cloud.deploy(TEMPLATE, "archive-test", Map.of());
            LocalFirehose firehose = cloud.firehose().orElseThrow();

            assertThat(deployment.deliveryStreams()).singleElement().satisfies(stream -> {
                assertThat(stream.deliveryStreamName()).isEqualTo("change-archive");
                assertThat(stream.bucket()).isEqualTo(bucket);
                assertThat(stream.compression()).isEqualTo(ObjectCompression.GZIP);
                assertThat(stream.bufferInterval()).isEqualTo(Duration.ofSeconds(1));
            });
            assertThat(deployment.bucketFolders()).containsExactly(bucket);
            assertThat(System.getProperty(LocalCloud.FIREHOSE_ENDPOINT_PROPERTY)).isEqualTo(firehose.endpoint().toString());
            assertThat(System.getProperty("aws.endpointUrl")).isEqualTo(cloud.dynamoDb().endpoint().toString());

            writeChanges(cloud.dynamoDb().dynamoDbClient());
            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();
            // The 1 s buffer interval delivers in the background, without a flush.
            await().atMost(Duration.ofSeconds(10)).until(() -> firehose.client().stats().objectsWritten() > 0);
        }

        assertThat(objectKeys(bucket)).isNotEmpty().allSatisfy(key -> assertThat(key)
                .matches("changes/year=" + Year.now(ZoneOffset.UTC) + "/change-archive-1-\\d{4}(-\\d{2}){5}-[0-9a-f-]{36}\\.gz"));
        assertThat(lines(bucket)).containsExactlyInAnyOrderElementsOf(expectedLines());
        assertThat(System.getProperty(LocalCloud.FIREHOSE_ENDPOINT_PROPERTY)).isEqualTo(endpointBefore);
    }

    /**
     * Failed entries reach the handler, which fails the invocation; the trigger resends the whole
     * batch, so the archive holds every change, and the batch's accepted records twice (how many
     * depends on how the trigger batched the writes): why archived lines carry an id.
     */
    @Test
    void firehoseFaults_failedEntries_areRetriedByTheTrigger_andEveryChangeArrivesAtLeastOnce() throws InterruptedException {
        Path bucket = work.resolve("s3/ArchiveBucket");
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50))
                .firehoseFaults(FirehoseFaults.parse("first=3")).start()) {
            cloud.deploy(TEMPLATE, "archive-faults-test", Map.of());

            writeChanges(cloud.dynamoDb().dynamoDbClient());
            assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();

            assertThat(cloud.firehose().orElseThrow().client().stats().recordsFailed()).isEqualTo(3);
            assertThat(cloud.triggers()).singleElement()
                    .satisfies(trigger -> assertThat(trigger.status().counts().functionErrors()).isPositive());
        }

        assertThat(lines(bucket)).containsAll(expectedLines());
    }

    private static void writeChanges(DynamoDbClient dynamoDb) {
        for (int i = 0; i < 12; i++) {
            String id = "item-" + i;
            dynamoDb.putItem(b -> b.tableName("archive-source").item(Map.of("id", AttributeValue.fromS(id))));
        }
        dynamoDb.putItem(b -> b.tableName("archive-source").item(Map.of("id", AttributeValue.fromS("item-1"),
                "note", AttributeValue.fromS("changed"))));
        dynamoDb.deleteItem(b -> b.tableName("archive-source").key(Map.of("id", AttributeValue.fromS("item-2"))));
    }

    private static List<String> expectedLines() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            lines.add("INSERT item-" + i);
        }
        lines.add("MODIFY item-1");
        lines.add("REMOVE item-2");
        return lines;
    }

    /** Object keys relative to the bucket folder, skipping the local Firehose's staging dot-folder. */
    private static List<String> objectKeys(Path bucket) {
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(file -> bucket.relativize(file).toString().replace('\\', '/'))
                    .filter(key -> !key.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path bucket) {
        List<String> lines = new ArrayList<>();
        for (String key : objectKeys(bucket)) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(bucket.resolve(key)))) {
                lines.addAll(Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return lines;
    }
}
