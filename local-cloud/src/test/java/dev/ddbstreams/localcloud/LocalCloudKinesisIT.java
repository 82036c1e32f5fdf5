package dev.ddbstreams.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.kinesis.LocalKinesis;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * A template's {@code AWS::Kinesis::Stream}s on the local Kinesis, reached by a client built as a
 * handler builds one (region only: no endpoint, no credentials, no protocol setting of its own).
 */
class LocalCloudKinesisIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/kinesis-streams.yaml");

    @TempDir
    Path work;

    @Test
    void deploy_withKinesisStreams_createsThem_andPointsTheSdkAtThem() {
        String endpointBefore = System.getProperty(LocalCloud.KINESIS_ENDPOINT_PROPERTY);
        try (LocalCloud cloud = LocalCloud.builder().workFolder(work).start()) {
            cloud.deploy(TEMPLATE, "kinesis-test", Map.of());
            LocalKinesis kinesis = cloud.kinesis().orElseThrow();

            try (KinesisClient handlerClient = KinesisClient.builder().region(Region.US_EAST_1).build()) {
                PutRecordResponse put = handlerClient.putRecord(b -> b.streamName("scores").partitionKey("player-3")
                        .data(SdkBytes.fromUtf8String("{\"score\":7}")));
                String iterator = handlerClient.getShardIterator(b -> b.streamName("scores").shardId(put.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();

                assertThat(handlerClient.getRecords(b -> b.shardIterator(iterator)).records())
                        .extracting(r -> r.data().asUtf8String()).containsExactly("{\"score\":7}");
                assertThat(handlerClient.listShards(b -> b.streamName("kinesis-test-ClickStream")).shards()).hasSize(4);
            }
            assertThat(System.getProperty(LocalCloud.KINESIS_ENDPOINT_PROPERTY))
                    .isEqualTo(kinesis.endpoint().toString());
            assertThat(kinesis.client().streamNames()).containsExactly("kinesis-test-ClickStream", "scores");
        }
        assertThat(System.getProperty(LocalCloud.KINESIS_ENDPOINT_PROPERTY)).isEqualTo(endpointBefore);
    }
}
