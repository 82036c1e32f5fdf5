package dev.ddbstreams.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.localcloud.iam.FunctionPermissions;
import dev.ddbstreams.localcloud.iam.InvocationIdentity;
import dev.ddbstreams.localcloud.iam.PolicyStatement;
import dev.ddbstreams.localcloud.s3.S3Endpoint;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The Lambda jars' PutObject against the local cloud's S3, read back with the SDK's S3 client. */
class PutObjectBucketIT {

    private static final StaticCredentialsProvider LOCAL = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("local", "local"));

    @TempDir
    Path work;

    private static PutObjectBucket bucket(String name, URI endpoint) {
        return new PutObjectBucket(name, "us-east-1", Optional.of(endpoint), LOCAL, UrlConnectionHttpClient.create(),
                Clock.systemUTC(), new RetryBackoff(Duration.ZERO, Duration.ZERO, 3, new Random(1), duration -> { }));
    }

    @Test
    void put_writesTheObject_whichTheS3ClientReadsBack() {
        try (S3Endpoint endpoint = S3Endpoint.start(work.resolve("s3"), "us-east-1");
                S3Client s3 = S3Client.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                        .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(LOCAL).build()) {
            s3.createBucket(b -> b.bucket("quarantine"));
            byte[] json = "{\"record\": \"é\"}".getBytes(StandardCharsets.UTF_8);

            bucket("quarantine", endpoint.uri()).put("VoteCount/2026/12/05/votes.label/0001 $.json", json);

            S3ClientBucket read = new S3ClientBucket(s3, "quarantine");
            assertThat(read.keys("VoteCount/")).containsExactly("VoteCount/2026/12/05/votes.label/0001 $.json");
            assertThat(read.read("VoteCount/2026/12/05/votes.label/0001 $.json")).isEqualTo(json);
            assertThat(s3.headObject(b -> b.bucket("quarantine").key("VoteCount/2026/12/05/votes.label/0001 $.json"))
                    .contentLength()).isEqualTo(json.length);
        }
    }

    @Test
    void put_signedWithAFunctionsOwnCredentials_isAllowedOnlyWhereItsRoleAllows() throws Exception {
        InvocationIdentity function = new InvocationIdentity("shop-Archive", FunctionPermissions.enforced(
                "shop-ArchiveRole", "123456789012", List.of(PolicyStatement.allow(List.of("s3:PutObject"),
                        List.of("arn:aws:s3:::quarantine/ArchiveFunction/*")))));
        Map<String, String> environment = function.issueCredentials();
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        try (S3Endpoint endpoint = S3Endpoint.start(work.resolve("s3"), "us-east-1");
                S3Client s3 = S3Client.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                        .httpClient(UrlConnectionHttpClient.create()).credentialsProvider(LOCAL).build()) {
            s3.createBucket(b -> b.bucket("quarantine"));
            PutObjectBucket bucket = new PutObjectBucket("quarantine", "us-east-1", Optional.of(endpoint.uri()),
                    PutObjectBucket.functionCredentials(), UrlConnectionHttpClient.create(), Clock.systemUTC(),
                    new RetryBackoff(Duration.ZERO, Duration.ZERO, 3, new Random(1), duration -> { }));

            FunctionEnvironment.callWith(environment, () -> {
                bucket.put("ArchiveFunction/2026/12/05/invoices.label/17.json", json);
                return null;
            });

            assertThatThrownBy(() -> FunctionEnvironment.callWith(environment, () -> {
                bucket.put("ReplicaFunction/2026/12/05/invoices.label/17.json", json);
                return null;
            })).isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(403))
                    .hasMessageContaining("User: arn:aws:sts::123456789012:assumed-role/shop-ArchiveRole/shop-Archive"
                            + " is not authorized to perform: s3:PutObject on resource:"
                            + " arn:aws:s3:::quarantine/ReplicaFunction/2026/12/05/invoices.label/17.json");
            assertThat(new S3ClientBucket(s3, "quarantine").keys(""))
                    .containsExactly("ArchiveFunction/2026/12/05/invoices.label/17.json");
        }
    }

    @Test
    void put_toAMissingBucket_throwsS3sAnswer() {
        try (S3Endpoint endpoint = S3Endpoint.start(work.resolve("s3"), "us-east-1")) {
            assertThatThrownBy(() -> bucket("no-such-bucket", endpoint.uri()).put("f/1.json", new byte[] {'{', '}'}))
                    .isInstanceOfSatisfying(SdkServiceException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
                    .hasMessageContaining("NoSuchBucket");
        }
    }

    /** S3's 503 SlowDown asks the caller to retry: the first answer is one, the second a 200. */
    @Test
    void put_afterASlowDown_retriesAndSucceeds() throws IOException {
        AtomicInteger sends = new AtomicInteger();
        List<String> signatures = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                signatures.add(exchange.getRequestHeaders().getFirst("Authorization"));
                int status = sends.incrementAndGet() == 1 ? 503 : 200;
                byte[] body = status == 503 ? "<Error><Code>SlowDown</Code></Error>".getBytes(StandardCharsets.UTF_8)
                        : new byte[0];
                exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
        try {
            bucket("quarantine", URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                    .put("f/1.json", new byte[] {'{', '}'});
        } finally {
            server.stop(0);
        }

        assertThat(sends).hasValue(2);
        assertThat(signatures).allSatisfy(signature -> assertThat(signature).startsWith("AWS4-HMAC-SHA256 Credential=local/"));
    }
}
