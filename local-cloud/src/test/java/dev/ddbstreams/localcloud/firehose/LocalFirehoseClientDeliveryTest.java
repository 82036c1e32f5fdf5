package dev.ddbstreams.localcloud.firehose;

import static dev.ddbstreams.localcloud.firehose.Records.batch;
import static dev.ddbstreams.localcloud.firehose.Records.copies;
import static dev.ddbstreams.localcloud.firehose.Records.lines;
import static dev.ddbstreams.localcloud.firehose.Records.ofSize;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

class LocalFirehoseClientDeliveryTest {

    private static final String STREAM = "archive";
    private static final Instant START = Instant.parse("2024-03-05T07:08:09Z");
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path bucket;

    private final MutableClock clock = new MutableClock(START);
    private final List<DeliveredObject> delivered = new CopyOnWriteArrayList<>();

    private LocalFirehoseClient firehose(DeliveryStreamConfig config) {
        return firehose(config, FirehoseFaults.NONE);
    }

    private LocalFirehoseClient firehose(DeliveryStreamConfig config, FirehoseFaults faults) {
        return LocalFirehoseClient.builder().deliveryStream(config).clock(clock).faults(faults)
                .onDelivery(delivered::add).build();
    }

    @Test
    void putRecordBatch_whenBufferReachesSize_writesObjectWithDefaultKeyLayout() throws IOException {
        try (LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, bucket).withBuffering(1, Duration.ofSeconds(900)))) {
            // 11 x 100,000 bytes passes 1 MiB at the 11th record; the next 5 stay buffered.
            firehose.putRecordBatch(batch(STREAM, copies(ofSize(100_000), 16)));

            assertThat(delivered).singleElement().satisfies(object -> {
                assertThat(object.key()).matches("2024/03/05/07/archive-1-2024-03-05-07-08-09-" + UUID);
                assertThat(object.records()).isEqualTo(11);
                assertThat(object.dataBytes()).isEqualTo(1_100_000);
            });
            assertThat(Files.size(bucket.resolve(delivered.get(0).key()))).isEqualTo(1_100_000);
            assertThat(objectFiles()).hasSize(1);
        }
    }

    @Test
    void flushIfDue_whenIntervalNotYetPassed_writesNothing() throws IOException {
        try (LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, bucket).withBuffering(5, Duration.ofSeconds(60)))) {
            firehose.putRecordBatch(batch(STREAM, lines("a", 3)));
            clock.advance(Duration.ofSeconds(59));

            firehose.flushIfDue();

            assertThat(objectFiles()).isEmpty();
            assertThat(firehose.stats().objectsWritten()).isZero();
        }
    }

    @Test
    void flushIfDue_whenIntervalPassed_writesObjectNamedByOldestRecordArrival() throws IOException {
        try (LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, bucket).withBuffering(5, Duration.ofSeconds(60)))) {
            firehose.putRecordBatch(batch(STREAM, lines("a", 3)));
            clock.advance(Duration.ofSeconds(30));
            firehose.putRecordBatch(batch(STREAM, lines("b", 2)));
            clock.advance(Duration.ofSeconds(30));

            firehose.flushIfDue();

            assertThat(delivered).singleElement().satisfies(object -> {
                assertThat(object.key()).matches("2024/03/05/07/archive-1-2024-03-05-07-08-09-" + UUID);
                assertThat(object.records()).isEqualTo(5);
            });
            assertThat(objectFiles()).hasSize(1);
        }
    }

    @Test
    void putRecordBatch_whenIntervalPassedBeforeNextCall_deliversOldBufferFirst() {
        try (LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, bucket).withBuffering(5, Duration.ofSeconds(60)))) {
            firehose.putRecordBatch(batch(STREAM, lines("a", 3)));
            clock.advance(Duration.ofMinutes(61));

            firehose.putRecordBatch(batch(STREAM, lines("b", 2)));

            assertThat(delivered).singleElement().satisfies(object -> assertThat(object.records()).isEqualTo(3));
        }
        assertThat(delivered).hasSize(2);
        assertThat(delivered.get(1).key()).startsWith("2024/03/05/08/archive-1-2024-03-05-08-09-09-");
    }

    @Test
    void putRecordBatch_whenIntervalIsZero_deliversEachCall() {
        try (LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, bucket).withBuffering(1, Duration.ZERO))) {
            firehose.putRecordBatch(batch(STREAM, lines("a", 3)));
            firehose.putRecordBatch(batch(STREAM, lines("b", 3)));

            assertThat(delivered).hasSize(2);
        }
    }

    @Test
    void close_whenRecordsBuffered_deliversThem() throws IOException {
        LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, bucket));
        firehose.putRecordBatch(batch(STREAM, lines("a", 3)));

        firehose.close();

        assertThat(objectFiles()).hasSize(1);
        assertThatThrownBy(() -> firehose.putRecordBatch(batch(STREAM, lines("b", 1))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void objects_afterManyCallsWithFailures_concatenateAllAcceptedRecordsInOrder() throws IOException {
        StringBuilder accepted = new StringBuilder();
        DeliveryStreamConfig config = DeliveryStreamConfig.of(STREAM, bucket).withBuffering(1, Duration.ofSeconds(60));
        try (LocalFirehoseClient firehose = firehose(config, FirehoseFaults.parse("records=0.2,seed=3"))) {
            for (int call = 0; call < 40; call++) {
                List<Record> records = Stream.concat(lines("c" + call, 200).stream(), Stream.of(ofSize(40_000))).toList();
                PutRecordBatchResponse response = firehose.putRecordBatch(batch(STREAM, records));
                for (int i = 0; i < records.size(); i++) {
                    if (response.requestResponses().get(i).recordId() != null) {
                        accepted.append(records.get(i).data().asUtf8String());
                    }
                }
                clock.advance(Duration.ofSeconds(7));
            }
        }

        assertThat(delivered).hasSizeGreaterThan(2);
        StringBuilder written = new StringBuilder();
        for (DeliveredObject object : delivered) {
            written.append(Files.readString(object.file()));
        }
        assertThat(written.toString()).isEqualTo(accepted.toString());
        assertThat(objectFiles()).hasSameSizeAs(delivered);
    }

    @Test
    void putRecordBatch_whenGzip_writesGzObjectThatRoundTrips() throws IOException {
        DeliveryStreamConfig config = DeliveryStreamConfig.of(STREAM, bucket).withCompression(ObjectCompression.GZIP);
        List<Record> records = lines("g", 50);
        try (LocalFirehoseClient firehose = firehose(config)) {
            firehose.putRecordBatch(batch(STREAM, records));
        }

        String expected = records.stream().map(record -> record.data().asUtf8String()).reduce("", String::concat);
        assertThat(delivered).singleElement().satisfies(object -> {
            assertThat(object.key()).endsWith(".gz");
            assertThat(gunzip(object.file())).isEqualTo(expected);
            assertThat(object.objectBytes()).isLessThan(object.dataBytes());
        });
    }

    @Test
    void putRecordBatch_whenCustomPrefix_evaluatesTimestampAndRandomString() {
        DeliveryStreamConfig config = DeliveryStreamConfig.of(STREAM, bucket)
                .withPrefix("changes/year=!{timestamp:yyyy}/month=!{timestamp:MM}/!{firehose:random-string}/",
                        "errors/!{firehose:error-output-type}/!{timestamp:yyyy}/");
        try (LocalFirehoseClient firehose = firehose(config)) {
            firehose.putRecordBatch(batch(STREAM, lines("p", 2)));
        }

        assertThat(delivered).singleElement().satisfies(object -> assertThat(object.key())
                .matches("changes/year=2024/month=03/[0-9a-f]{11}/archive-1-2024-03-05-07-08-09-" + UUID));
    }

    @Test
    void flush_whenBucketNotWritable_keepsRecordsAndRetriesLater() throws IOException {
        Path blocked = bucket.resolve("blocked");
        Files.writeString(blocked, "a file where the bucket folder should be");
        try (LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, blocked))) {
            firehose.putRecordBatch(batch(STREAM, lines("f", 3)));

            firehose.flush();
            assertThat(firehose.stats().deliveryErrors()).isEqualTo(1);
            assertThat(delivered).isEmpty();

            Files.delete(blocked);
            firehose.flush();
            assertThat(delivered).singleElement().satisfies(object -> assertThat(object.records()).isEqualTo(3));
        }
    }

    @Test
    void close_whenBucketNotWritable_throwsNamingTheStream() throws IOException {
        Path blocked = bucket.resolve("blocked");
        Files.writeString(blocked, "not a folder");
        LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, blocked));
        firehose.putRecordBatch(batch(STREAM, lines("f", 1)));

        assertThatThrownBy(firehose::close)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("[archive]");
    }

    @Test
    void backgroundDelivery_whenIntervalPasses_deliversWithoutExplicitFlush() throws InterruptedException {
        CountDownLatch deliveredOne = new CountDownLatch(1);
        DeliveryStreamConfig config = DeliveryStreamConfig.of(STREAM, bucket).withBuffering(5, Duration.ofSeconds(60));
        try (LocalFirehoseClient firehose = LocalFirehoseClient.builder().deliveryStream(config).clock(clock)
                .backgroundDelivery(Duration.ofMillis(10)).onDelivery(object -> deliveredOne.countDown()).build()) {
            firehose.putRecordBatch(batch(STREAM, lines("bg", 2)));
            clock.advance(Duration.ofSeconds(60));

            assertThat(deliveredOne.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(firehose.stats().objectsWritten()).isEqualTo(1);
        }
    }

    @Test
    void describeDeliveryStream_whenStreamExists_describesS3Destination() {
        try (LocalFirehoseClient firehose = firehose(DeliveryStreamConfig.of(STREAM, bucket))) {
            var description = firehose.describeDeliveryStream(b -> b.deliveryStreamName(STREAM)).deliveryStreamDescription();

            assertThat(description.deliveryStreamARN()).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/archive");
            assertThat(description.deliveryStreamStatusAsString()).isEqualTo("ACTIVE");
            assertThat(description.destinations().get(0).extendedS3DestinationDescription().bufferingHints().sizeInMBs())
                    .isEqualTo(5);
            assertThat(firehose.listDeliveryStreams().deliveryStreamNames()).containsExactly(STREAM);
        }
    }

    private List<Path> objectFiles() throws IOException {
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !bucket.relativize(file).startsWith(BucketWriter.STAGING_FOLDER))
                    .toList();
        }
    }

    private static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
