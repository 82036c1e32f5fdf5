package dev.ddbstreams.quarantine;

import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.RestoreSafeRandom;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.BinaryUtils;
import software.amazon.awssdk.utils.IoUtils;
import software.amazon.awssdk.utils.Md5Utils;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * What a handler writes its quarantine with: one S3 PutObject request, signed with the SDK's own
 * Signature Version 4 signer ({@code http-auth-aws}) and sent with the url-connection HTTP client,
 * both already in the Lambda jar for DynamoDB. The SDK's S3 client (3.6 MB of the jar, and its
 * build at every cold start) is only for reading the quarantine, which a function never does.
 *
 * <p>The request is S3's documented one: {@code PUT /<key>} on the bucket's virtual-hosted
 * endpoint ({@code <bucket>.s3.<region>.<partition's DNS suffix>}; path-style on
 * {@code s3.<region>...} for a bucket name with a dot, which a certificate would not cover), with
 * {@code Content-Type}, {@code Content-MD5} and the payload's SHA-256 in
 * {@code x-amz-content-sha256}, all signed. An endpoint set in the SDK's standard configuration
 * ({@code aws.endpointUrlS3}, {@code AWS_ENDPOINT_URL_S3}, then {@code aws.endpointUrl},
 * {@code AWS_ENDPOINT_URL}: the local cloud's S3) is used path-style, as the SDK does for an IP
 * endpoint. A transient error (no answer, a 5xx such as S3's 503 SlowDown, a 400 RequestTimeout, a
 * 403 RequestTimeTooSkewed: {@link ErrorAnswer#isTransient()}) is retried with a bounded backoff,
 * three sends in all; then, or at once for any other error, it throws an {@link SdkClientException}
 * (no answer) or an {@link SdkServiceException} with S3's status and code, naming the bucket and key.
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html">Amazon S3: PutObject</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/userguide/ErrorBestPractices.html">Amazon S3 error best practices</a>
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html">Amazon S3: Signature Version 4 in the Authorization header</a>
 * @see <a href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html">SDKs and Tools: service-specific endpoints</a>
 */
public final class PutObjectBucket implements QuarantineBucket {

    private static final int MAX_SENDS = 3;

    private final String name;
    private final String region;
    private final Optional<URI> endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final Clock clock;
    private final RetryBackoff backoff;

    PutObjectBucket(String name, String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
            SdkHttpClient http, Clock clock, RetryBackoff backoff) {
        this.name = Objects.requireNonNull(name, "name");
        this.region = Objects.requireNonNull(region, "region");
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
        this.backoff = backoff;
    }

    /**
     * The function's quarantine bucket: its region ({@code AWS_REGION}), its credentials
     * ({@link #functionCredentials()}), the HTTP client {@link LambdaClients#httpClient()} gives
     * (url-connection), the endpoint from the standard configuration or else S3's own.
     */
    public static PutObjectBucket of(String name) {
        return new PutObjectBucket(name, FunctionEnvironment.require("AWS_REGION"), configuredEndpoint(),
                functionCredentials(), LambdaClients.httpClient(), Clock.systemUTC(),
                new RetryBackoff(Duration.ofMillis(50), Duration.ofSeconds(1), MAX_SENDS, RestoreSafeRandom.create(),
                        duration -> Thread.sleep(duration.toMillis())));
    }

    /**
     * The role session Lambda puts in the function's environment ({@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), read at each request with
     * {@link FunctionEnvironment} (so a local function signs with its own, which the local S3 checks
     * against its role), else the default chain (SnapStart sets none: the container endpoint).
     */
    static AwsCredentialsProvider functionCredentials() {
        AwsCredentialsProvider chain = DefaultCredentialsProvider.builder().build();
        return () -> {
            Optional<String> id = FunctionEnvironment.get("AWS_ACCESS_KEY_ID");
            Optional<String> secret = FunctionEnvironment.get("AWS_SECRET_ACCESS_KEY");
            if (id.isEmpty() || secret.isEmpty()) {
                return chain.resolveCredentials();
            }
            return FunctionEnvironment.get("AWS_SESSION_TOKEN")
                    .<AwsCredentials>map(token -> AwsSessionCredentials.create(id.get(), secret.get(), token))
                    .orElseGet(() -> AwsBasicCredentials.create(id.get(), secret.get()));
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void put(String key, byte[] json) {
        for (int send = 1;; send++) {
            RuntimeException failure;
            boolean retryable;
            try {
                Optional<ErrorAnswer> error = send(key, json);
                if (error.isEmpty()) {
                    return;
                }
                failure = error.get().exception(name, key);
                retryable = error.get().isTransient();
            } catch (SdkClientException e) {
                // No answer (connection refused or reset, a read timed out): nothing says it cannot succeed.
                failure = e;
                retryable = true;
            }
            if (!retryable || send >= MAX_SENDS) {
                throw failure;
            }
            backoff.pauseBefore(send);
        }
    }

    /** Not for a function: it only writes its quarantine. Read it with {@link S3ClientBucket}. */
    @Override
    public List<String> keys(String prefix) {
        throw new UnsupportedOperationException("a function only writes its quarantine; list it with S3ClientBucket");
    }

    /** Not for a function: it only writes its quarantine. Read it with {@link S3ClientBucket}. */
    @Override
    public byte[] read(String key) {
        throw new UnsupportedOperationException("a function only writes its quarantine; read it with S3ClientBucket");
    }

    /** Sends the request once: empty when S3 stored the object, else its error answer. */
    private Optional<ErrorAnswer> send(String key, byte[] json) {
        SdkHttpRequest signed = sign(request(key, json), json);
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder().request(signed)
                    .contentStreamProvider(ContentStreamProvider.fromByteArrayUnsafe(json)).build()).call();
            int status = response.httpResponse().statusCode();
            String body = response.responseBody().isPresent() ? drain(response.responseBody().get()) : "";
            return status / 100 == 2 ? Optional.empty() : Optional.of(new ErrorAnswer(status, body,
                    response.httpResponse().firstMatchingHeader("x-amz-request-id").orElse(null)));
        } catch (IOException | UncheckedIOException e) {
            throw SdkClientException.create("PutObject " + name + "/" + key + " failed: " + e, e);
        }
    }

    /**
     * S3's answer when it did not store the object: its status and its XML error body.
     *
     * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">Amazon S3: error responses</a>
     */
    record ErrorAnswer(int status, String body, String requestId) {

        private static final Pattern CODE = Pattern.compile("<Code>([^<]*)</Code>");

        /** S3's error code ({@code AccessDenied}, {@code SlowDown}, ...), or the status if the body has none. */
        String code() {
            Matcher code = CODE.matcher(body);
            return code.find() ? code.group(1) : Integer.toString(status);
        }

        /**
         * Whether the same request can succeed when sent again: S3's 500 InternalError and 503
         * SlowDown (S3's error best practices: retry, and slow down), any other 5xx, a 400
         * RequestTimeout (the connection idled while the body was sent) and a 403
         * RequestTimeTooSkewed (the request arrived more than 15 minutes after it was signed; each
         * send is signed anew). Every other 4xx (AccessDenied, NoSuchBucket, InvalidArgument) is
         * the request's or the role's fault and fails at once.
         */
        boolean isTransient() {
            return status >= 500 || status == 400 && code().equals("RequestTimeout")
                    || status == 403 && code().equals("RequestTimeTooSkewed");
        }

        SdkServiceException exception(String bucket, String key) {
            return SdkServiceException.builder().statusCode(status).requestId(requestId)
                    .message("PutObject " + bucket + "/" + key + " answered " + status + " " + code() + ": " + body)
                    .build();
        }
    }

    /** The unsigned PutObject request. */
    SdkHttpFullRequest request(String key, byte[] json) {
        String path = SdkHttpUtils.urlEncodeIgnoreSlashes(key);
        URI uri = endpoint.map(base -> URI.create(stripSlash(base.toString()) + "/" + name + "/" + path))
                .orElseGet(() -> awsUri(path));
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.PUT).uri(uri)
                .putHeader("Content-Type", "application/json")
                .putHeader("Content-Length", Integer.toString(json.length))
                .putHeader("Content-MD5", Md5Utils.md5AsBase64(json))
                .putHeader("x-amz-content-sha256", BinaryUtils.toHex(sha256(json)))
                .build();
    }

    /** Signs a request with its payload: Signature Version 4 for service {@code s3}, no double URL encoding. */
    SdkHttpRequest sign(SdkHttpRequest request, byte[] payload) {
        return signer.sign(r -> r.request(request).payload(ContentStreamProvider.fromByteArrayUnsafe(payload))
                .identity(credentials.resolveCredentials())
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock)).request();
    }

    private URI awsUri(String path) {
        String suffix = PartitionMetadata.of(Region.of(region)).dnsSuffix();
        return name.contains(".")
                ? URI.create("https://s3." + region + "." + suffix + "/" + name + "/" + path)
                : URI.create("https://" + name + ".s3." + region + "." + suffix + "/" + path);
    }

    private static Optional<URI> configuredEndpoint() {
        return Optional.ofNullable(System.getProperty("aws.endpointUrlS3"))
                .or(() -> FunctionEnvironment.get("AWS_ENDPOINT_URL_S3"))
                .or(() -> Optional.ofNullable(System.getProperty("aws.endpointUrl")))
                .or(() -> FunctionEnvironment.get("AWS_ENDPOINT_URL"))
                .filter(value -> !value.isBlank()).map(URI::create);
    }

    private static String stripSlash(String uri) {
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String drain(InputStream body) throws IOException {
        try (body) {
            return new String(IoUtils.toByteArray(body), StandardCharsets.UTF_8);
        }
    }
}
