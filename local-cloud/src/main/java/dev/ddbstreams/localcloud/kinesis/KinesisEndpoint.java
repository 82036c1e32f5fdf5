package dev.ddbstreams.localcloud.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamRequest;
import software.amazon.awssdk.services.kinesis.model.DescribeStreamSummaryRequest;
import software.amazon.awssdk.services.kinesis.model.GetRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Kinesis Data Streams' HTTP API on loopback, in front of a {@link KinesisClient} (normally the
 * {@link LocalKinesisClient}), for the AWS CLI and SDKs: AWS JSON 1.1, {@code POST /} with
 * {@code X-Amz-Target: Kinesis_20131202.<Operation>}. The client's exceptions become Kinesis's
 * error responses ({@code {"__type": ..., "message": ...}}), which SDKs map back to the same
 * exception classes. Any other operation is answered 400 {@code UnknownOperationException}
 * naming it. Request signatures are not checked.
 *
 * <p>JSON only: the Java SDK v2 speaks CBOR to Kinesis unless the system property
 * {@code aws.cborEnabled} (environment variable {@code CBOR_ENABLED}) is {@code false}, which
 * {@code LocalCloud} sets; a CBOR request is answered 400 saying so.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Operations.html">Kinesis actions</a>
 * @see <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/migration-env-and-system-props.html">SDK v2 system properties (aws.cborEnabled)</a>
 */
public final class KinesisEndpoint implements AutoCloseable {

    /** The target prefix of Kinesis's API version 2013-12-02. */
    public static final String TARGET_PREFIX = "Kinesis_20131202.";
    static final List<String> OPERATIONS = List.of("CreateStream", "PutRecord", "PutRecords", "ListShards",
            "GetShardIterator", "GetRecords", "DescribeStream", "DescribeStreamSummary");
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Logger LOG = LoggerFactory.getLogger(KinesisEndpoint.class);

    private final Map<String, Function<JsonNode, SdkPojo>> operations;
    private final HttpServer server;
    private final ExecutorService executor;
    private final URI uri;

    private KinesisEndpoint(KinesisClient kinesis, HttpServer server, ExecutorService executor) {
        this.operations = Map.of(
                "CreateStream", operation(CreateStreamRequest::builder, kinesis::createStream),
                "PutRecord", operation(PutRecordRequest::builder, kinesis::putRecord),
                "PutRecords", operation(PutRecordsRequest::builder, kinesis::putRecords),
                "ListShards", operation(ListShardsRequest::builder, kinesis::listShards),
                "GetShardIterator", operation(GetShardIteratorRequest::builder, kinesis::getShardIterator),
                "GetRecords", operation(GetRecordsRequest::builder, kinesis::getRecords),
                "DescribeStream", operation(DescribeStreamRequest::builder, kinesis::describeStream),
                "DescribeStreamSummary", operation(DescribeStreamSummaryRequest::builder, kinesis::describeStreamSummary));
        this.server = server;
        this.executor = executor;
        this.uri = URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort());
    }

    /** Starts on a free IPv4 loopback port, on daemon threads that never keep a JVM alive. */
    public static KinesisEndpoint start(KinesisClient kinesis) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback port for the local Kinesis data stream", e);
        }
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, task -> {
            Thread thread = new Thread(task, "local-kinesis-endpoint-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        KinesisEndpoint endpoint = new KinesisEndpoint(kinesis, server, executor);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        // HttpServer's dispatcher thread takes its daemon flag from the thread that starts it.
        Thread starter = new Thread(server::start, "local-kinesis-endpoint-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endpoint.close();
            throw new IllegalStateException("interrupted while starting the local Kinesis endpoint", e);
        }
        return endpoint;
    }

    /** The endpoint URL, e.g. {@code http://127.0.0.1:41234}: for {@code endpointOverride} or {@code --endpoint-url}. */
    public URI uri() {
        return uri;
    }

    /** Stops answering; the client behind it is left as it is. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static <Q, R extends SdkPojo> Function<JsonNode, SdkPojo> operation(
            Supplier<? extends SdkBuilder<?, Q>> builder, Function<Q, R> call) {
        return body -> call.apply(KinesisJson.read(body, builder.get()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            int status = 200;
            JsonNode body;
            try {
                body = KinesisJson.write(answer(exchange));
            } catch (AwsServiceException e) {
                status = e.statusCode();
                body = KinesisJson.error(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage());
            } catch (KinesisJson.MalformedRequestException e) {
                status = 400;
                body = KinesisJson.error("SerializationException", e.getMessage());
            } catch (RuntimeException e) {
                // The server must answer every request, whatever went wrong behind it.
                LOG.error("local Kinesis failed on {}", exchange.getRequestHeaders().getFirst("X-Amz-Target"), e);
                status = 500;
                body = KinesisJson.error("InternalFailure", "local Kinesis failed: " + e);
            }
            byte[] bytes = KinesisJson.bytes(body);
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private SdkPojo answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (contentType.contains("cbor")) {
            throw KinesisErrors.unknownOperation("CBOR (" + contentType + ": set the system property aws.cborEnabled "
                    + "or the environment variable CBOR_ENABLED to false)");
        }
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            throw KinesisErrors.unknownOperation(exchange.getRequestMethod() + " with target " + target + " (send POST / "
                    + "with X-Amz-Target: " + TARGET_PREFIX + "<Operation>)");
        }
        String operation = target.substring(TARGET_PREFIX.length());
        Function<JsonNode, SdkPojo> call = operations.get(operation);
        if (call == null) {
            throw KinesisErrors.unknownOperation(operation);
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        return call.apply(KinesisJson.parse(body));
    }
}
