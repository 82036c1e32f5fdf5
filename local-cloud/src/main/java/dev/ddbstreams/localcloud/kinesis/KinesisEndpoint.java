package dev.ddbstreams.localcloud.kinesis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ddbstreams.localcloud.awsjson.AwsJsonEndpoint;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * naming it. Request signatures are not checked. The HTTP side is {@link AwsJsonEndpoint}.
 *
 * <p>JSON only: the Java SDK v2 speaks CBOR to Kinesis unless the system property
 * {@code aws.cborEnabled} (environment variable {@code CBOR_ENABLED}) is {@code false}, which
 * {@code LocalCloud} sets; a CBOR request is answered 400 saying so.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_Operations.html">Kinesis actions</a>
 * @see <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/migration-env-and-system-props.html">SDK v2 system properties (aws.cborEnabled)</a>
 */
public final class KinesisEndpoint {

    /** The target prefix of Kinesis's API version 2013-12-02. */
    public static final String TARGET_PREFIX = "Kinesis_20131202.";
    static final List<String> OPERATIONS = List.of("CreateStream", "PutRecord", "PutRecords", "ListShards",
            "GetShardIterator", "GetRecords", "DescribeStream", "DescribeStreamSummary");

    private KinesisEndpoint() {
    }

    /** Starts on a free loopback port, on daemon threads that never keep a JVM alive. */
    public static AwsJsonEndpoint start(KinesisClient kinesis) {
        return start(kinesis, InetAddress.getLoopbackAddress());
    }

    /** Starts on a free port of the given address; any address but loopback opens it to the network. */
    public static AwsJsonEndpoint start(KinesisClient kinesis, InetAddress bindAddress) {
        Map<String, Function<JsonNode, SdkPojo>> operations = Map.of(
                "CreateStream", operation(CreateStreamRequest::builder, kinesis::createStream),
                "PutRecord", operation(PutRecordRequest::builder, kinesis::putRecord),
                "PutRecords", operation(PutRecordsRequest::builder, kinesis::putRecords),
                "ListShards", operation(ListShardsRequest::builder, kinesis::listShards),
                "GetShardIterator", operation(GetShardIteratorRequest::builder, kinesis::getShardIterator),
                "GetRecords", operation(GetRecordsRequest::builder, kinesis::getRecords),
                "DescribeStream", operation(DescribeStreamRequest::builder, kinesis::describeStream),
                "DescribeStreamSummary", operation(DescribeStreamSummaryRequest::builder, kinesis::describeStreamSummary));
        return AwsJsonEndpoint.start("Kinesis", TARGET_PREFIX, (name, request) -> {
            Function<JsonNode, SdkPojo> call = operations.get(name);
            if (call == null) {
                throw KinesisErrors.unknownOperation(name);
            }
            return KinesisJson.write(call.apply(request));
        }, bindAddress);
    }

    private static <Q, R extends SdkPojo> Function<JsonNode, SdkPojo> operation(
            Supplier<? extends SdkBuilder<?, Q>> builder, Function<Q, R> call) {
        return body -> call.apply(KinesisJson.read(body, builder.get()));
    }
}
