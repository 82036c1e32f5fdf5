package dev.ddbstreams.localcloud.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbstreams.localcloud.awsjson.AwsJsonEndpoint;
import java.net.InetAddress;
import java.util.List;
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
 * credentials work, as with DynamoDB Local. The HTTP side is {@link AwsJsonEndpoint}.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_Operations.html">Firehose actions</a>
 */
public final class FirehoseEndpoint {

    /** The target prefix of Firehose's API version 2015-08-04. */
    public static final String TARGET_PREFIX = "Firehose_20150804.";
    static final List<String> OPERATIONS = List.of("PutRecord", "PutRecordBatch", "DescribeDeliveryStream",
            "ListDeliveryStreams");

    private FirehoseEndpoint() {
    }

    /** Starts on a free loopback port; the server's threads are daemons, so they never keep a JVM alive. */
    public static AwsJsonEndpoint start(FirehoseClient firehose) {
        return start(firehose, InetAddress.getLoopbackAddress());
    }

    /** Starts on a free port of the given address; any address but loopback opens it to the network. */
    public static AwsJsonEndpoint start(FirehoseClient firehose, InetAddress bindAddress) {
        return AwsJsonEndpoint.start("Firehose", TARGET_PREFIX,
                (operation, request) -> call(firehose, operation, request), bindAddress);
    }

    private static JsonNode call(FirehoseClient firehose, String operation, JsonNode request) {
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
}
