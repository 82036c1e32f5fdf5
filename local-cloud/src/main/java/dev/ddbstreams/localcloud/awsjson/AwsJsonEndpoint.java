package dev.ddbstreams.localcloud.awsjson;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.ddbstreams.localcloud.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An AWS JSON 1.1 service on a free loopback port, for the local services' SDK clients and the
 * AWS CLI: {@code POST /} with {@code X-Amz-Target: <prefix><Operation>}, answered by an
 * {@link Operations}. An {@link AwsServiceException} it throws becomes the service's error
 * response (its status, {@code __type} = its error code), which SDKs map back to the same
 * exception class; a malformed body is 400 {@code SerializationException}; a request without the
 * target, or in CBOR, is 400 {@code UnknownOperationException}; anything else is 500
 * {@code InternalFailure}. Request signatures are not checked: any credentials work. Threads are
 * daemons, so the endpoint never keeps a JVM alive.
 */
public final class AwsJsonEndpoint implements AutoCloseable {

    /** What answers one operation of the service. */
    @FunctionalInterface
    public interface Operations {
        /**
         * @param operation the part of {@code X-Amz-Target} after the prefix, e.g. {@code PutRecord}
         * @param request the request body, a JSON object
         */
        JsonNode call(String operation, JsonNode request);
    }

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final Logger LOG = LoggerFactory.getLogger(AwsJsonEndpoint.class);
    private static final int HANDLER_THREADS = 4;

    private final String serviceName;
    private final String targetPrefix;
    private final Operations operations;
    private final LoopbackHttpServer server;

    private AwsJsonEndpoint(String serviceName, String targetPrefix, Operations operations, InetAddress bindAddress) {
        this.serviceName = serviceName;
        this.targetPrefix = targetPrefix;
        this.operations = operations;
        // Last: from here on requests can arrive.
        this.server = LoopbackHttpServer.start(bindAddress,
                "local-" + serviceName.toLowerCase(java.util.Locale.ROOT) + "-endpoint", HANDLER_THREADS, this::handle);
    }

    /**
     * @param serviceName for messages and thread names, e.g. {@code Firehose}
     * @param targetPrefix e.g. {@code Firehose_20150804.}
     */
    public static AwsJsonEndpoint start(String serviceName, String targetPrefix, Operations operations) {
        return start(serviceName, targetPrefix, operations, InetAddress.getLoopbackAddress());
    }

    /** Starts on a free port of the given address; any address but loopback opens it to the network. */
    public static AwsJsonEndpoint start(String serviceName, String targetPrefix, Operations operations,
            InetAddress bindAddress) {
        return new AwsJsonEndpoint(serviceName, targetPrefix, operations, bindAddress);
    }

    /** The endpoint URL, e.g. {@code http://127.0.0.1:41234}: for {@code endpointOverride} or {@code --endpoint-url}. */
    public URI uri() {
        return server.uri();
    }

    /** The address and port it listens on. */
    public InetSocketAddress boundAddress() {
        return server.boundAddress();
    }

    /** Stops answering. */
    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = answer(exchange);
            byte[] body = AwsJson.write(answer.body());
            exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
            exchange.getResponseHeaders().set("x-amzn-RequestId", answer.requestId());
            exchange.sendResponseHeaders(answer.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private Answer answer(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (contentType.contains("cbor")) {
            return Answer.error(400, "UnknownOperationException", "the local " + serviceName + " reads AWS JSON 1.1, "
                    + "not " + contentType + ": set the system property aws.cborEnabled (or the environment variable "
                    + "CBOR_ENABLED) to false");
        }
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(targetPrefix)) {
            return Answer.error(400, "UnknownOperationException", "the local " + serviceName + " takes POST / with "
                    + "X-Amz-Target: " + targetPrefix + "<Operation> (AWS JSON 1.1); got " + exchange.getRequestMethod()
                    + " with target " + target);
        }
        String operation = target.substring(targetPrefix.length());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        // The server must answer every request, so every failure becomes an error response here.
        try {
            return Answer.ok(operations.call(operation, AwsJson.parse(body)));
        } catch (AwsServiceException e) {
            String requestId = e.requestId() != null ? e.requestId() : UUID.randomUUID().toString();
            return new Answer(e.statusCode(), AwsJson.error(e.awsErrorDetails().errorCode(),
                    e.awsErrorDetails().errorMessage()), requestId);
        } catch (AwsJson.MalformedRequestException e) {
            return Answer.error(400, "SerializationException", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("local {} failed on {}", serviceName, operation, e);
            return Answer.error(500, "InternalFailure", "Internal service failure. (local: " + e + ")");
        }
    }

    /** One HTTP response: status, JSON body, request id. */
    private record Answer(int status, JsonNode body, String requestId) {

        static Answer ok(JsonNode body) {
            return new Answer(200, body, UUID.randomUUID().toString());
        }

        static Answer error(int status, String errorCode, String message) {
            return new Answer(status, AwsJson.error(errorCode, message), UUID.randomUUID().toString());
        }
    }
}
