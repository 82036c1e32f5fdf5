package dev.ddbstreams.localcloud.kinesis;

import dev.ddbstreams.localcloud.awsjson.AwsJsonEndpoint;
import java.net.InetAddress;
import java.net.URI;
import java.time.InstantSource;
import software.amazon.awssdk.services.kinesis.model.StreamMode;

/**
 * The local Kinesis data streams as the local cloud runs them: a {@link LocalKinesisClient} and
 * the {@link KinesisEndpoint} that handlers' own SDK clients and the AWS CLI reach it through.
 */
public final class LocalKinesis implements AutoCloseable {

    /**
     * The SDK v2 setting that makes its Kinesis client speak AWS JSON 1.1 instead of CBOR, which
     * the endpoint does not read (environment variable {@code CBOR_ENABLED}).
     */
    public static final String CBOR_PROPERTY = "aws.cborEnabled";

    private final LocalKinesisClient client;
    private final AwsJsonEndpoint endpoint;

    private LocalKinesis(LocalKinesisClient client, AwsJsonEndpoint endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    public static LocalKinesis start(String region, InstantSource clock) {
        return start(region, clock, InetAddress.getLoopbackAddress());
    }

    /** Its endpoint on a free port of the given address; any address but loopback opens it to the network. */
    public static LocalKinesis start(String region, InstantSource clock, InetAddress bindAddress) {
        LocalKinesisClient client = LocalKinesisClient.builder().region(region).clock(clock).build();
        return new LocalKinesis(client, KinesisEndpoint.start(client, bindAddress));
    }

    /** The in-process client behind the endpoint. */
    public LocalKinesisClient client() {
        return client;
    }

    /** Where SDK clients and the AWS CLI reach it: {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint.uri();
    }

    /** CreateStream with ShardCount, as CloudFormation does for a PROVISIONED {@code AWS::Kinesis::Stream}. */
    public void createStream(String streamName, int shardCount) {
        client.createStream(request -> request.streamName(streamName).shardCount(shardCount));
    }

    /** CreateStream in ON_DEMAND mode: 4 shards to start with. */
    public void createOnDemandStream(String streamName) {
        client.createStream(request -> request.streamName(streamName)
                .streamModeDetails(mode -> mode.streamMode(StreamMode.ON_DEMAND)));
    }

    /** Stops answering over HTTP; the streams stay readable in process through {@link #client()}. */
    @Override
    public void close() {
        endpoint.close();
    }
}
