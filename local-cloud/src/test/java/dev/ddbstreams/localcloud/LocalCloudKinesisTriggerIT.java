package dev.ddbstreams.localcloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent.KinesisEventRecord;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * {@code Type: Kinesis} triggers from a template, fed by records put with a {@link KinesisClient}
 * built as a handler builds one. The events reach the handlers through the Lambda runtime's own
 * serialisation into {@link KinesisEvent}, in the shape of the example event of "Using Lambda with
 * Kinesis Data Streams" (https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html).
 */
class LocalCloudKinesisTriggerIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/kinesis-trigger.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SCORES = List.of("score-1", "score-2", "score-3", "score-4", "score-5");
    private static final List<String> POISON = List.of("bad-1", "bad-2", "bad-3");

    @TempDir
    static Path work;
    static LocalCloud cloud;
    static final List<PutRecordResponse> PUTS = new ArrayList<>();

    @BeforeAll
    static void putsRecords() throws InterruptedException {
        cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start();
        cloud.deploy(TEMPLATE, "kinesis-trigger-test", Map.of());
        try (KinesisClient kinesis = KinesisClient.builder().region(Region.US_EAST_1).build()) {
            for (String score : SCORES) {
                PUTS.add(kinesis.putRecord(b -> b.streamName("trigger-scores").partitionKey("player-" + score)
                        .data(SdkBytes.fromUtf8String(score))));
            }
            kinesis.putRecords(b -> b.streamName("trigger-poison").records(POISON.stream()
                    .map(data -> PutRecordsRequestEntry.builder()
                            .partitionKey(data).data(SdkBytes.fromUtf8String(data)).build()).toList()));
        }
        assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void deploy_runsTheKinesisTriggers() {
        assertThat(cloud.deployments().get(0).triggersNotRun()).isEmpty();
        assertThat(cloud.triggers()).extracting(trigger -> trigger.streamArn()).containsExactlyInAnyOrder(
                "arn:aws:kinesis:us-east-1:123456789012:stream/trigger-scores",
                "arn:aws:kinesis:us-east-1:123456789012:stream/trigger-poison");
    }

    @Test
    void trigger_deliversPutRecords_inTheLambdaEventShape() {
        KinesisEventRecord first = records(KinesisRecordingHandler.EVENTS.get(0)).get(0);
        PutRecordResponse put = PUTS.get(0);

        assertThat(first.getEventSource()).isEqualTo("aws:kinesis");
        assertThat(first.getEventName()).isEqualTo("aws:kinesis:record");
        assertThat(first.getEventVersion()).isEqualTo("1.0");
        assertThat(first.getEventID()).isEqualTo(put.shardId() + ":" + put.sequenceNumber());
        assertThat(first.getAwsRegion()).isEqualTo("us-east-1");
        assertThat(first.getEventSourceARN()).isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/trigger-scores");
        assertThat(first.getInvokeIdentityArn()).startsWith("arn:aws:iam::123456789012:role/");
        assertThat(first.getKinesis().getKinesisSchemaVersion()).isEqualTo("1.0");
        assertThat(first.getKinesis().getPartitionKey()).isEqualTo("player-score-1");
        assertThat(first.getKinesis().getSequenceNumber()).isEqualTo(put.sequenceNumber());
        assertThat(data(first)).isEqualTo("score-1");
        // Epoch seconds with a fraction on the wire: the runtime's serialisation keeps the milliseconds.
        assertThat(first.getKinesis().getApproximateArrivalTimestamp().getTime())
                .isEqualTo(storedArrival(put).toEpochMilli());
    }

    @Test
    void partialBatchResponse_retriesFromTheReportedRecord_andDeliversEveryRecord() {
        List<List<String>> batches = KinesisRecordingHandler.EVENTS.stream()
                .map(event -> records(event).stream().map(LocalCloudKinesisTriggerIT::data).toList()).toList();
        List<String> delivered = batches.stream().flatMap(List::stream).toList();

        assertThat(delivered).containsSubsequence(SCORES);
        assertThat(delivered.stream().filter("score-3"::equals)).hasSize(2);
        assertThat(delivered.stream().filter("score-1"::equals)).as("records before the reported one, in %s", batches)
                .hasSize(1);
        // The retry starts at the reported record: the batch after the one that reported it.
        int reportedIn = indexOfFirstBatchWith(batches, "score-3");
        assertThat(batches.get(reportedIn + 1).get(0)).isEqualTo("score-3");
    }

    @Test
    void onFailure_sendsTheRecordWithKinesisBatchInfo() throws IOException {
        try (SqsClient sqs = SqsClient.builder().endpointOverride(cloud.sqs().orElseThrow().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName("trigger-poison-failures")).queueUrl();
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages();

            List<JsonNode> records = new ArrayList<>();
            for (Message message : messages) {
                records.add(JSON.readTree(message.body()));
            }
            assertThat(records).isNotEmpty().allSatisfy(record -> {
                assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
                assertThat(record.at("/requestContext/functionArn").asText())
                        .endsWith(":function:kinesis-trigger-test-GivesUp");
                assertThat(record.has("DDBStreamBatchInfo")).isFalse();
                assertThat(record.at("/KinesisBatchInfo/shardId").asText()).isEqualTo("shardId-000000000000");
                assertThat(record.at("/KinesisBatchInfo/streamArn").asText())
                        .isEqualTo("arn:aws:kinesis:us-east-1:123456789012:stream/trigger-poison");
                assertThat(record.at("/KinesisBatchInfo/startSequenceNumber").asText()).isNotEmpty();
            });
            assertThat(records.stream().mapToInt(record -> record.at("/KinesisBatchInfo/batchSize").asInt()).sum())
                    .isEqualTo(POISON.size());
        }
    }

    private static Instant storedArrival(PutRecordResponse put) {
        KinesisClient client = cloud.kinesis().orElseThrow().client();
        String iterator = client.getShardIterator(b -> b.streamName("trigger-scores").shardId(put.shardId())
                .shardIteratorType("AT_SEQUENCE_NUMBER").startingSequenceNumber(put.sequenceNumber())).shardIterator();
        return client.getRecords(b -> b.shardIterator(iterator).limit(1)).records().get(0).approximateArrivalTimestamp();
    }

    private static int indexOfFirstBatchWith(List<List<String>> batches, String data) {
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).contains(data)) {
                return i;
            }
        }
        throw new AssertionError(data + " was never delivered");
    }

    private static List<KinesisEventRecord> records(KinesisEvent event) {
        return event.getRecords();
    }

    private static String data(KinesisEventRecord record) {
        return StandardCharsets.UTF_8.decode(record.getKinesis().getData().duplicate()).toString();
    }
}
