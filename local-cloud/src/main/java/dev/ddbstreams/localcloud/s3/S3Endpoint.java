package dev.ddbstreams.localcloud.s3;

import com.sun.net.httpserver.HttpExchange;
import dev.ddbstreams.localcloud.http.LoopbackHttpServer;
import dev.ddbstreams.localcloud.iam.InvocationIdentity;
import dev.ddbstreams.localcloud.iam.RequiredPermission;
import dev.ddbstreams.localcloud.lambda.FailDuring;
import dev.ddbstreams.localcloud.s3.BucketFolders.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local S3: enough of S3's REST API, path-style ({@code http://127.0.0.1:PORT/<bucket>/<key>}),
 * for the SDK v2 {@code S3Client} and the AWS CLI: ListBuckets, CreateBucket, HeadBucket,
 * GetBucketLocation, ListObjectsV2 and ListObjects (prefix, delimiter, continuation, max keys,
 * URL encoding), PutObject, GetObject, HeadObject, DeleteObject. Objects are files in
 * {@link BucketFolders}. Errors have S3's XML shape and status (NoSuchBucket, NoSuchKey, ...);
 * anything else (multipart uploads, ranges, versioning, ACLs) is answered 501 NotImplemented.
 *
 * <p>It listens on 127.0.0.1, an IP address: S3's endpoint rules send an IP endpoint path-style
 * requests, so neither the SDK nor the CLI needs {@code forcePathStyle}. Request signatures are not
 * checked: any credentials work, as with DynamoDB Local. A PutObject signed with a local
 * function's credentials is checked against its role, and counts as one of its invocation's
 * writes for the {@code fail-during} fault ({@link FailDuring}).
 *
 * @see <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html">Amazon S3 actions</a>
 */
public final class S3Endpoint implements AutoCloseable {

    /** The access key id in a Signature Version 4 Authorization header. */
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    private static final Logger LOG = LoggerFactory.getLogger(S3Endpoint.class);
    private static final int HANDLER_THREADS = 4;
    private static final InetAddress LOCALHOST = localhost();
    private static final int DEFAULT_MAX_KEYS = 1_000;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final String XML = "application/xml";
    private static final List<String> LIST_PARAMETERS = List.of("list-type", "prefix", "delimiter", "max-keys",
            "encoding-type", "continuation-token", "start-after", "marker", "fetch-owner");

    private final BucketFolders folders;
    private final String region;
    private final LoopbackHttpServer server;

    private S3Endpoint(BucketFolders folders, String region) {
        this.folders = folders;
        this.region = region;
        // Last: from here on requests can arrive.
        this.server = LoopbackHttpServer.start(LOCALHOST, "local-s3", HANDLER_THREADS, this::handle);
    }

    /**
     * Starts on a free port of 127.0.0.1; its threads are daemons.
     *
     * @param root the folder holding one folder per bucket, e.g. {@code .workshop/s3}
     * @param region what GetBucketLocation answers
     */
    public static S3Endpoint start(Path root, String region) {
        return new S3Endpoint(new BucketFolders(root), region);
    }

    /** E.g. {@code http://127.0.0.1:41234}: for {@code aws.endpointUrlS3} or {@code --endpoint-url}. */
    public URI uri() {
        return server.uri();
    }

    /** The folder holding one folder per bucket. */
    public Path root() {
        return folders.root();
    }

    /** Creates a bucket's folder if it is missing, as deploying a template's bucket does. */
    public void createBucket(String bucket) {
        if (!BucketFolders.isValidBucketName(bucket)) {
            throw new IllegalArgumentException("not a bucket name the local S3 can hold: " + bucket);
        }
        folders.create(bucket);
    }

    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
        try (exchange) {
            exchange.getResponseHeaders().set("x-amz-request-id", requestId);
            Response response;
            try {
                response = answer(exchange);
            } catch (S3Error e) {
                response = Response.xml(e.status, S3Xml.error(e.code, e.getMessage(), exchange.getRequestURI().getPath(), requestId));
            } catch (RuntimeException e) {
                LOG.error("local S3 failed on {} {}", exchange.getRequestMethod(), exchange.getRequestURI(), e);
                response = Response.xml(500, S3Xml.error("InternalError", "local S3: " + e, exchange.getRequestURI().getPath(),
                        requestId));
            }
            send(exchange, response);
        }
    }

    private Response answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String bucketAndKey = path.startsWith("/") ? path.substring(1) : path;
        int slash = bucketAndKey.indexOf('/');
        String bucket = slash < 0 ? bucketAndKey : bucketAndKey.substring(0, slash);
        String key = slash < 0 ? "" : bucketAndKey.substring(slash + 1);

        if (bucket.isEmpty()) {
            requireMethod(method, "GET");
            return Response.xml(200, S3Xml.buckets(folders.buckets()));
        }
        if (!BucketFolders.isValidBucketName(bucket)) {
            throw new S3Error(400, "InvalidBucketName", "The specified bucket is not valid: " + bucket);
        }
        if (key.isEmpty()) {
            return bucketOperation(method, bucket, query, exchange);
        }
        if (!query.isEmpty() && !query.keySet().stream().allMatch(name -> name.startsWith("x-id"))) {
            throw notImplemented(method + " with " + query.keySet());
        }
        requireBucket(bucket);
        if (!BucketFolders.isValidKey(key)) {
            throw new S3Error(400, "InvalidArgument", "the local S3 keeps each object as a file, so a key cannot be empty,"
                    + " end in / or hold an empty, . or .. segment: " + key);
        }
        switch (method) {
            case "PUT":
                if (exchange.getRequestHeaders().containsKey("x-amz-copy-source")) {
                    throw notImplemented("CopyObject");
                }
                return putObject(exchange, bucket, key);
            case "GET":
                return folders.read(bucket, key).map(content -> objectResponse(bucket, key, content, true))
                        .orElseThrow(() -> noSuchKey());
            case "HEAD":
                return folders.read(bucket, key).map(content -> objectResponse(bucket, key, content, false))
                        .orElseThrow(() -> noSuchKey());
            case "DELETE":
                folders.delete(bucket, key);
                return Response.empty(204);
            default:
                throw notImplemented(method + " on an object");
        }
    }

    /**
     * A request signed with a local function's credentials ({@link InvocationIdentity#issueCredentials()})
     * is authorized against its role, as IAM would: SDK clients' calls are checked before they are
     * sent ({@code PermissionEnforcer}), but the quarantine's PutObject goes out without one.
     */
    private static void authorize(HttpExchange exchange, RequiredPermission permission) {
        Optional<String> denial = accessKeyId(exchange)
                .flatMap(InvocationIdentity::ofAccessKey).flatMap(caller -> caller.denial(permission));
        if (denial.isPresent()) {
            LOG.warn("S3 PutObject denied: {}", denial.get());
            throw new S3Error(403, "AccessDenied", denial.get());
        }
    }

    /** The access key id a Signature Version 4 request was signed with. */
    private static Optional<String> accessKeyId(HttpExchange exchange) {
        Matcher credential = CREDENTIAL.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        return credential.find() ? Optional.of(credential.group(1)) : Optional.empty();
    }

    /**
     * The access key of a write {@link FailDuring} counts here: one no SDK client sent (an SDK
     * client's call carries {@code amz-sdk-invocation-id} and is counted by its interceptor).
     */
    private static Optional<String> uncountedWriter(HttpExchange exchange) {
        return exchange.getRequestHeaders().containsKey("amz-sdk-invocation-id") ? Optional.empty()
                : accessKeyId(exchange);
    }

    private Response bucketOperation(String method, String bucket, Map<String, String> query, HttpExchange exchange)
            throws IOException {
        switch (method) {
            case "PUT":
                if (!query.isEmpty()) {
                    throw notImplemented("PUT bucket with " + query.keySet());
                }
                drain(exchange);
                folders.create(bucket);
                Response created = Response.empty(200);
                exchange.getResponseHeaders().set("Location", "/" + bucket);
                return created;
            case "HEAD":
                requireBucket(bucket);
                exchange.getResponseHeaders().set("x-amz-bucket-region", region);
                return Response.empty(200);
            case "GET":
                requireBucket(bucket);
                if (query.containsKey("location")) {
                    return Response.xml(200, S3Xml.location(region));
                }
                if (query.keySet().stream().anyMatch(name -> !LIST_PARAMETERS.contains(name))) {
                    throw notImplemented("GET bucket with " + query.keySet());
                }
                return list(bucket, query);
            default:
                throw notImplemented(method + " on a bucket");
        }
    }

    private Response list(String bucket, Map<String, String> query) {
        boolean v2 = "2".equals(query.get("list-type"));
        String continuation = v2 ? query.get("continuation-token") : null;
        String startAfter = v2 ? query.get("start-after") : query.get("marker");
        int maxKeys;
        try {
            maxKeys = Math.min(DEFAULT_MAX_KEYS, Integer.parseInt(query.getOrDefault("max-keys", "1000")));
        } catch (NumberFormatException e) {
            throw new S3Error(400, "InvalidArgument", "max-keys is not a number: " + query.get("max-keys"));
        }
        S3Xml.ListRequest request = new S3Xml.ListRequest(query.getOrDefault("prefix", ""), query.getOrDefault("delimiter", ""),
                maxKeys, query.get("encoding-type"), continuation, startAfter);
        String after = continuation != null ? decodeToken(continuation) : startAfter == null ? "" : startAfter;
        ObjectListing.Page page = ObjectListing.page(folders.keys(bucket), request.prefix(), request.delimiter(), after, maxKeys);
        List<StoredObject> objects = page.keys().stream()
                .map(key -> folders.describe(bucket, key).orElse(null))
                .filter(object -> object != null) // deleted while listing
                .toList();
        String next = !page.truncated() ? null : v2 ? encodeToken(page.resumeAfter()) : page.resumeAfter();
        return Response.xml(200, S3Xml.listing(v2, bucket, request, page, objects, next));
    }

    private Response putObject(HttpExchange exchange, String bucket, String key) throws IOException {
        authorize(exchange, new RequiredPermission("s3:PutObject", "arn:aws:s3:::" + bucket + "/" + key));
        Optional<String> writer = uncountedWriter(exchange);
        Optional<String> refusal = writer.flatMap(FailDuring::refusal);
        if (refusal.isPresent()) {
            drain(exchange);
            throw new S3Error(400, "InjectedFault", refusal.get());
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (AwsChunkedBody.isChunked(exchange.getRequestHeaders().getFirst("Content-Encoding"),
                exchange.getRequestHeaders().getFirst("x-amz-content-sha256"))) {
            try {
                body = AwsChunkedBody.decode(body);
            } catch (IllegalArgumentException e) {
                throw new S3Error(400, "IncompleteBody", e.getMessage());
            }
        }
        StoredObject stored = folders.put(bucket, key, body);
        writer.ifPresent(accessKey -> FailDuring.wrote(accessKey, "S3 PutObject " + bucket + "/" + key));
        exchange.getResponseHeaders().set("ETag", stored.etag());
        return Response.empty(200);
    }

    private Response objectResponse(String bucket, String key, byte[] content, boolean withBody) {
        StoredObject object = folders.describe(bucket, key).orElseThrow(() -> noSuchKey());
        Map<String, String> headers = new HashMap<>();
        headers.put("ETag", BucketFolders.etag(content));
        headers.put("Last-Modified", HTTP_DATE.format(object.lastModified()));
        headers.put("Content-Type", "binary/octet-stream");
        headers.put("Accept-Ranges", "bytes");
        return new Response(200, withBody ? content : null, content.length, headers);
    }

    private void requireBucket(String bucket) {
        if (!folders.exists(bucket)) {
            throw new S3Error(404, "NoSuchBucket", "The specified bucket does not exist");
        }
    }

    /** 127.0.0.1 itself, not whatever "localhost" resolves to: S3's endpoint rules need an IP for path-style. */
    private static InetAddress localhost() {
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4-byte address is always valid", e);
        }
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw notImplemented(method + " /");
        }
    }

    private static S3Error noSuchKey() {
        return new S3Error(404, "NoSuchKey", "The specified key does not exist.");
    }

    private static S3Error notImplemented(String what) {
        return new S3Error(501, "NotImplemented", "the local S3 does not implement " + what);
    }

    private static void drain(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
        }
    }

    private static String encodeToken(String after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new S3Error(400, "InvalidArgument", "The continuation token provided is incorrect");
        }
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head || response.body() == null) {
            if (response.length() > 0) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(response.length()));
            }
            // -1: no body. A HEAD response keeps the Content-Length set above.
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    /** @param body null for none; {@code length} is what HEAD reports */
    private record Response(int status, byte[] body, long length, Map<String, String> headers) {

        static Response xml(int status, String xml) {
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            return new Response(status, body, body.length, Map.of("Content-Type", XML));
        }

        static Response empty(int status) {
            return new Response(status, null, 0, Map.of());
        }
    }

    /** An S3 error response: status, code, message. */
    private static final class S3Error extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final int status;
        private final String code;

        S3Error(int status, String code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }
    }
}
