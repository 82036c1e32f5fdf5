package dev.ddbstreams.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ddbstreams.dynamodb.RetryBackoff;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

class PutObjectBucketTest {

    /** The example credentials of S3's Signature Version 4 examples. */
    private static final StaticCredentialsProvider EXAMPLE_KEYS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
    private static final Clock EXAMPLE_TIME = Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC);

    private static PutObjectBucket bucket(String name, String region, Optional<URI> endpoint) {
        return new PutObjectBucket(name, region, endpoint, EXAMPLE_KEYS, UrlConnectionHttpClient.create(), EXAMPLE_TIME,
                new RetryBackoff(Duration.ZERO, Duration.ZERO, 3, new Random(1), duration -> { }));
    }

    /**
     * S3's documented example "PUT Object" (Amazon S3 API Reference, "Signature Calculations for
     * the Authorization Header: Transferring Payload in a Single Chunk"): the same request signed
     * here gives the signature the documentation gives.
     */
    @Test
    void sign_theDocumentedPutObjectExample_givesItsSignature() {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT)
                .uri(URI.create("https://examplebucket.s3.amazonaws.com/test%24file.text"))
                .putHeader("Date", "Fri, 24 May 2013 00:00:00 GMT")
                .putHeader("x-amz-storage-class", "REDUCED_REDUNDANCY")
                .putHeader("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
                .build();

        SdkHttpRequest signed = bucket("examplebucket", "us-east-1", Optional.empty()).sign(request, body);

        assertThat(signed.firstMatchingHeader("Authorization")).contains("AWS4-HMAC-SHA256 "
                + "Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
                + "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, "
                + "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
    }

    @Test
    void request_onAws_isVirtualHostedWithTheKeyEncodedAndThePayloadHashed() {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);

        SdkHttpFullRequest request = bucket("examplebucket", "eu-west-1", Optional.empty())
                .request("VoteCount/2026/12/05/votes.2026-12-05T00-00-00.000/1 2$.json", body);

        assertThat(request.method()).isEqualTo(SdkHttpMethod.PUT);
        assertThat(request.getUri()).hasToString(
                "https://examplebucket.s3.eu-west-1.amazonaws.com/VoteCount/2026/12/05/votes.2026-12-05T00-00-00.000/1%202%24.json");
        assertThat(request.firstMatchingHeader("x-amz-content-sha256"))
                .contains("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        assertThat(request.firstMatchingHeader("Content-Type")).contains("application/json");
        assertThat(request.firstMatchingHeader("Content-Length")).contains("21");
    }

    @Test
    void request_forADottedBucketOrAChineseRegion_usesPathStyleOrThePartitionsSuffix() {
        assertThat(bucket("my.quarantine", "us-east-1", Optional.empty()).request("f/1.json", new byte[0]).getUri())
                .hasToString("https://s3.us-east-1.amazonaws.com/my.quarantine/f/1.json");
        assertThat(bucket("quarantine", "cn-north-1", Optional.empty()).request("f/1.json", new byte[0]).getUri())
                .hasToString("https://quarantine.s3.cn-north-1.amazonaws.com.cn/f/1.json");
    }

    @Test
    void request_withAConfiguredEndpoint_isPathStyleOnIt() {
        assertThat(bucket("quarantine", "us-east-1", Optional.of(URI.create("http://127.0.0.1:4566/")))
                .request("f/1.json", new byte[0]).getUri()).hasToString("http://127.0.0.1:4566/quarantine/f/1.json");
    }

    /**
     * S3's transient errors (Amazon S3 API Reference, "Error responses" and "Amazon S3 error best
     * practices"): the first answer is one, the second a 200, so the object is written.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"400, RequestTimeout", "403, RequestTimeTooSkewed", "500, InternalError", "503, SlowDown",
            "503, ServiceUnavailable"})
    void put_afterATransientError_retriesAndSucceeds(int status, String code) throws IOException {
        try (S3Answers s3 = new S3Answers(status, code, 1)) {
            s3.bucket().put("f/1.json", new byte[] {'{', '}'});

            assertThat(s3.sends).hasValue(2);
        }
    }

    @Test
    void put_whenATransientErrorLasts_throwsAfterThreeSends_namingTheBucketKeyAndCode() throws IOException {
        try (S3Answers s3 = new S3Answers(400, "RequestTimeout", Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> s3.bucket().put("f/1.json", new byte[] {'{', '}'}))
                    .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                    .hasMessageContaining("quarantine/f/1.json").hasMessageContaining("RequestTimeout");
            assertThat(s3.sends).hasValue(3);
        }
    }

    /** Errors no retry can fix fail at once, with S3's code and the object they were about. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"403, AccessDenied", "404, NoSuchBucket", "400, InvalidArgument", "403, InvalidAccessKeyId"})
    void put_afterAPermanentError_throwsAtOnce_namingTheBucketKeyAndCode(int status, String code) throws IOException {
        try (S3Answers s3 = new S3Answers(status, code, Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> s3.bucket().put("f/1.json", new byte[] {'{', '}'}))
                    .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(status))
                    .hasMessageContaining("quarantine/f/1.json").hasMessageContaining(code);
            assertThat(s3.sends).hasValue(1);
        }
    }

    /** A loopback HTTP server answering S3's XML error body a number of times, then 200. */
    private static final class S3Answers implements AutoCloseable {

        private final AtomicInteger sends = new AtomicInteger();
        private final HttpServer server;

        S3Answers(int status, String code, int errors) throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if (sends.incrementAndGet() > errors) {
                        exchange.sendResponseHeaders(200, -1);
                        return;
                    }
                    byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                            + "</Code><Message>answered by the test</Message><Resource>/quarantine/f/1.json</Resource>"
                            + "<RequestId>4442587FB7D0A2F9</RequestId></Error>").getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/xml");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
        }

        PutObjectBucket bucket() {
            return PutObjectBucketTest.bucket("quarantine", "us-east-1",
                    Optional.of(URI.create("http://127.0.0.1:" + server.getAddress().getPort())));
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
