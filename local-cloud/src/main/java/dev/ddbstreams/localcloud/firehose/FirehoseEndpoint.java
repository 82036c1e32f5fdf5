package dev.ddbstreams.localcloud.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.ddbstreams.localcloud.http.LoopbackHttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Firehose's HTTP API on loopback, in front of a {@link FirehoseClient} (normally the
 * {@link LocalFirehoseClient}), so that any SDK or the AWS CLI reaches it as it reaches AWS:
 * AWS JSON 1.1, {@code POST /} with {@code X-Amz-Target: Firehose_20150804.<Operation>}.
 *
 * <p>PutRecord, PutRecordBatch, DescribeDeliveryStream and ListDeliveryStreams are answered by
 * the client, so its limits, faults and buffering apply; its exceptions become Firehose's error
 * responses ({@code {"__type": ..., "message": ...}} with the exception's status), which the SDK
 * maps back to the same exception classes. Any other operation is answered 400
 * {@code UnknownOperationException} naming it. Request signatures are not checked: any
 * credentials work, as with DynamoDB Local.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_Operations.html">Firehose actions</a>
 */
public final class FirehoseEndpoint implements AutoCloseable {

    /** The target prefix of Firehose's API version 2015-08-04. */
    public static final String TARGET_PREFIX = "Firehose_20150804.";
    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    static final List<String> OPERATIONS = List.of("PutRecord", "PutRecordBatch", "DescribeDeliveryStream",
            "ListDeliveryStreams");

    private static final Logger LOG = LoggerFactory.getLogger(FirehoseEndpoint.class);
    private static final int HANDLER_THREADS = 4;

    private final FirehoseClient firehose;
    private final LoopbackHttpServer server;

    private FirehoseEndpoint(FirehoseClient firehose) {
        this.firehose = firehose;
        // Last: from here on requests can arrive.
        this.server = LoopbackHttpServer.start(InetAddress.getLoopbackAddress(), "local-firehose-endpoint",
                HANDLER_THREADS, this::handle);
    }

    /** Starts on a free loopback port; the server's threads are daemons, so they never keep a JVM alive. */
    public static FirehoseEndpoint start(FirehoseClient firehose) {
        return new FirehoseEndpoint(firehose);
    }

    /** The endpoint URL, e.g. {@code http://127.0.0.1:41234}: for {@code endpointOverride} or {@code --endpoint-url}. */
    public URI uri() {
        return server.uri();
    }

    /** Stops answering; the client behind it is left open (its owner closes it). */
    @Override
    public void close() {
        server.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Answer answer = answer(exchange);
            byte[] body = FirehoseJson.write(answer.body());
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
        if (!"POST".equals(exchange.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)) {
            return Answer.error(400, "UnknownOperationException", "the local Firehose takes POST / with X-Amz-Target: "
                    + TARGET_PREFIX + "<Operation> (AWS JSON 1.1); got " + exchange.getRequestMethod() + " with target "
                    + target);
        }
        String operation = target.substring(TARGET_PREFIX.length());
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        // The server must answer every request, so every failure becomes an error response here.
        try {
            return Answer.ok(call(operation, FirehoseJson.parse(body)));
        } catch (AwsServiceException e) {
            String requestId = e.requestId() != null ? e.requestId() : UUID.randomUUID().toString();
            return new Answer(e.statusCode(), FirehoseJson.error(e.awsErrorDetails().errorCode(),
                    e.awsErrorDetails().errorMessage()), requestId);
        } catch (FirehoseJson.MalformedRequestException e) {
            return Answer.error(400, "SerializationException", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("local Firehose failed on {}", operation, e);
            return Answer.error(500, ServiceErrors.INTERNAL_FAILURE_CODE, ServiceErrors.INTERNAL_FAILURE_MESSAGE
                    + " (local: " + e + ")");
        }
    }

    private JsonNode call(String operation, JsonNode request) {
        switch (operation) {
            case "PutRecordBatch":
                return FirehoseJson.putRecordBatchResponse(
                        firehose.putRecordBatch(FirehoseJson.putRecordBatchRequest(request)));
            case "PutRecord":
                return FirehoseJson.putRecordResponse(firehose.putRecord(FirehoseJson.putRecordRequest(request)));
            case "DescribeDeliveryStream":
                return FirehoseJson.describeDeliveryStreamResponse(
                        firehose.describeDeliveryStream(FirehoseJson.describeDeliveryStreamRequest(request)));
            case "ListDeliveryStreams":
                return FirehoseJson.listDeliveryStreamsResponse(
                        firehose.listDeliveryStreams(FirehoseJson.listDeliveryStreamsRequest(request)));
            default:
                throw ServiceErrors.unknownOperation(operation, OPERATIONS);
        }
    }

    /** One HTTP response: status, JSON body, request id. */
    private record Answer(int status, JsonNode body, String requestId) {

        static Answer ok(JsonNode body) {
            return new Answer(200, body, UUID.randomUUID().toString());
        }

        static Answer error(int status, String errorCode, String message) {
            return new Answer(status, FirehoseJson.error(errorCode, message), UUID.randomUUID().toString());
        }
    }
}
