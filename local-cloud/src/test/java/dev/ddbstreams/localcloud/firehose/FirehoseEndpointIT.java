package dev.ddbstreams.localcloud.firehose;

import dev.ddbstreams.localcloud.awsjson.AwsJsonEndpoint;
import static dev.ddbstreams.localcloud.firehose.Records.batch;
import static dev.ddbstreams.localcloud.firehose.Records.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

/**
 * The endpoint through the real SDK {@link FirehoseClient} (HTTP on loopback, AWS JSON 1.1), so
 * that what a handler sees (exception classes, status codes, index-aligned entries, the SDK's
 * own retries) is what the SDK makes of the wire format, not what the in-process client returns.
 */
class FirehoseEndpointIT {

    private static final String STREAM = "archive";

    @TempDir
    Path bucket;

    private static final List<String> SDK_PROPERTIES = List.of("aws.endpointUrl", "aws.endpointUrlFirehose",
            "aws.accessKeyId", "aws.secretAccessKey");

    private final List<AutoCloseable> opened = new ArrayList<>();
    private final Map<String, String> propertiesBefore = new HashMap<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
        propertiesBefore.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            } else {
                System.setProperty(name, value);
            }
        });
    }

    private LocalFirehoseClient local(String faults) {
        LocalFirehoseClient local = LocalFirehoseClient.builder()
                .deliveryStream(DeliveryStreamConfig.of(STREAM, bucket)
                        .withPrefix("data/!{timestamp:yyyy}/", "errors/!{firehose:error-output-type}/")
                        .withCompression(ObjectCompression.GZIP))
                .faults(FirehoseFaults.parse(faults))
                .build();
        opened.add(local);
        return local;
    }

    /** A client as a handler builds one, with the endpoint given explicitly and any credentials. */
    private FirehoseClient sdkClientFor(LocalFirehoseClient local) {
        AwsJsonEndpoint endpoint = FirehoseEndpoint.start(local);
        opened.add(endpoint);
        FirehoseClient sdk = FirehoseClient.builder()
                .endpointOverride(endpoint.uri())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))
                .build();
        opened.add(sdk);
        return sdk;
    }

    @Test
    void start_byDefault_listensOnLoopbackOnly() {
        AwsJsonEndpoint endpoint = FirehoseEndpoint.start(local("none"));
        opened.add(endpoint);

        assertThat(endpoint.boundAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void putRecordBatch_throughTheSdk_buffersTheRecordsForDelivery() throws IOException {
        LocalFirehoseClient local = local("none");
        FirehoseClient sdk = sdkClientFor(local);

        PutRecordBatchResponse response = sdk.putRecordBatch(batch(STREAM, lines("a", 3)));
        local.flush();

        assertThat(response.failedPutCount()).isZero();
        assertThat(response.requestResponses()).hasSize(3).allSatisfy(entry -> assertThat(entry.recordId()).isNotBlank());
        assertThat(objectKeys()).singleElement().asString().matches("data/\\d{4}/archive-1-.*\\.gz");
        assertThat(local.stats().recordsAccepted()).isEqualTo(3);
    }

    @Test
    void putRecord_throughTheSdk_returnsARecordId() {
        LocalFirehoseClient local = local("none");
        FirehoseClient sdk = sdkClientFor(local);

        String recordId = sdk.putRecord(b -> b.deliveryStreamName(STREAM)
                .record(Record.builder().data(SdkBytes.fromString("{}\n", StandardCharsets.UTF_8)).build())).recordId();

        assertThat(recordId).isNotBlank();
        assertThat(local.stats().putRecordCalls()).isEqualTo(1);
    }

    @Test
    void putRecordBatch_with501Records_throwsInvalidArgumentException() {
        LocalFirehoseClient local = local("none");
        FirehoseClient sdk = sdkClientFor(local);

        assertThatThrownBy(() -> sdk.putRecordBatch(batch(STREAM, lines("a", 501))))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidArgumentException");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: Value of 501 "
                            + "records at 'records' failed to satisfy constraint: Member must have length less than or "
                            + "equal to 500");
                    assertThat(e.requestId()).isNotBlank();
                });
        assertThat(local.stats().rejectedCalls()).isEqualTo(1);
        assertThat(local.stats().recordsAccepted()).isZero();
    }

    @Test
    void putRecordBatch_whenRecordsFail_returnsFailedPutCountAndIndexAlignedEntries() {
        LocalFirehoseClient local = local("none");
        FirehoseClient sdk = sdkClientFor(local);
        local.failNextRecords(2);

        PutRecordBatchResponse response = sdk.putRecordBatch(batch(STREAM, lines("a", 5)));

        BatchResponses.assertFirstThrottled(response, 2, 5);
    }

    /**
     * The SDK retries a 503 on its own before the handler sees the exception: with SDK 2.41.0's
     * default (legacy) retry mode, 1 call and 3 retries with jittered backoff, each one a call
     * the local Firehose throttled.
     */
    @Test
    void putRecordBatch_whenThrottled_throwsServiceUnavailableAfterTheSdksOwnRetries() {
        LocalFirehoseClient local = local("throttle=1");
        FirehoseClient sdk = sdkClientFor(local);

        assertThatThrownBy(() -> sdk.putRecordBatch(batch(STREAM, lines("a", 2))))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Slow down.");
                    assertThat(e.numAttempts()).isEqualTo(4);
                });
        assertThat(local.stats().throttledCalls()).isEqualTo(4);
        assertThat(local.stats().recordsAccepted()).isZero();
    }

    @Test
    void putRecord_toUnknownStream_throwsResourceNotFoundException() {
        FirehoseClient sdk = sdkClientFor(local("none"));

        assertThatThrownBy(() -> sdk.putRecord(b -> b.deliveryStreamName("missing")
                .record(Record.builder().data(SdkBytes.fromString("x\n", StandardCharsets.UTF_8)).build())))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo("Firehose missing under account 000000000000 not found.");
                });
    }

    @Test
    void describeAndList_throughTheSdk_equalTheInProcessAnswers() {
        LocalFirehoseClient local = local("none");
        FirehoseClient sdk = sdkClientFor(local);

        assertThat(sdk.describeDeliveryStream(b -> b.deliveryStreamName(STREAM)).deliveryStreamDescription())
                .isEqualTo(local.describeDeliveryStream(b -> b.deliveryStreamName(STREAM)).deliveryStreamDescription());
        assertThat(sdk.listDeliveryStreams(b -> b.limit(5)).deliveryStreamNames()).containsExactly(STREAM);
    }

    @Test
    void unsupportedOperation_answers400NamingTheOperation() {
        FirehoseClient sdk = sdkClientFor(local("none"));

        assertThatThrownBy(() -> sdk.deleteDeliveryStream(b -> b.deliveryStreamName(STREAM)))
                .isInstanceOfSatisfying(FirehoseException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnknownOperationException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("DeleteDeliveryStream is not supported");
                });
    }

    /**
     * What the local cloud relies on: SDK 2.41.0's standard configuration honours the
     * service-specific {@code aws.endpointUrlFirehose}, and it wins over the global
     * {@code aws.endpointUrl} (here a port nothing listens on).
     */
    @Test
    void standardConfiguration_serviceSpecificEndpointProperty_winsOverTheGlobalOne() {
        LocalFirehoseClient local = local("none");
        AwsJsonEndpoint endpoint = FirehoseEndpoint.start(local);
        opened.add(endpoint);
        SDK_PROPERTIES.forEach(name -> propertiesBefore.put(name, System.getProperty(name)));
        System.setProperty("aws.endpointUrl", "http://127.0.0.1:1");
        System.setProperty("aws.endpointUrlFirehose", endpoint.uri().toString());
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");

        FirehoseClient sdk = FirehoseClient.builder().region(Region.US_EAST_1).build();
        opened.add(sdk);

        assertThat(sdk.listDeliveryStreams(b -> { }).deliveryStreamNames()).containsExactly(STREAM);
    }

    private List<String> objectKeys() throws IOException {
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(file -> bucket.relativize(file).toString().replace('\\', '/'))
                    .filter(key -> !key.startsWith(".")).toList();
        }
    }
}
