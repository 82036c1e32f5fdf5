package dev.ddbstreams.localcloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Three triggers give up on the same poison batch (MaximumRetryAttempts 0, a handler that always
 * fails) and each sends its record to another kind of on-failure destination: an SQS queue read back
 * with the SDK (and with the AWS CLI where {@code aws} is installed), an SNS topic's file, an S3
 * bucket's folder. The trigger may cut the three records into more than one batch (it reads
 * what the stream shows at each poll), so each destination gets one record per batch, three
 * stream records in all.
 */
class LocalCloudDestinationsIT {

    private static final Path TEMPLATE = Path.of("src/test/resources/templates/on-failure-destinations.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> IDS = List.of("poison-1", "poison-2", "poison-3");

    @TempDir
    static Path work;
    static LocalCloud cloud;

    @BeforeAll
    static void givesUpOnAPoisonBatch() throws InterruptedException {
        cloud = LocalCloud.builder().workFolder(work).pollInterval(Duration.ofMillis(50)).start();
        cloud.deploy(TEMPLATE, "on-failure-test", Map.of());
        DynamoDbClient dynamoDb = cloud.dynamoDb().dynamoDbClient();
        for (String id : IDS) {
            dynamoDb.putItem(b -> b.tableName("failing-source").item(Map.of("id", AttributeValue.fromS(id),
                    "note", AttributeValue.fromS("content of " + id))));
        }
        assertThat(cloud.awaitIdle(Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void stop() {
        cloud.close();
    }

    @Test
    void sqsDestination_receivesTheDocumentedRecord_readBackWithTheSdk() throws IOException {
        try (SqsClient sqs = sqsClient()) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName("failing-source-failures")).queueUrl();
            // Visibility 0 leaves the message for the AWS CLI test to read too.
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(1)).messages();

            List<JsonNode> records = new ArrayList<>();
            for (Message message : messages) {
                records.add(JSON.readTree(message.body()));
            }
            assertThat(records).isNotEmpty().allSatisfy(record -> {
                assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetryAttemptsExhausted");
                assertThat(record.at("/requestContext/approximateInvokeCount").asInt()).isEqualTo(1);
                assertThat(record.at("/requestContext/functionArn").asText())
                        .endsWith(":function:on-failure-test-ToQueue");
                assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
                assertThat(record.at("/version").asText()).isEqualTo("1.0");
                assertThat(record.at("/timestamp").asText())
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
                assertThat(record.at("/DDBStreamBatchInfo/streamArn").asText())
                        .contains("table/failing-source/stream/");
                assertThat(record.at("/DDBStreamBatchInfo/approximateArrivalOfFirstRecord").asText())
                        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
                assertThat(record.has("payload")).as("SQS gets the record without the records").isFalse();
            });
            assertThat(batchSizes(records)).isEqualTo(IDS.size());
        }
    }

    @Test
    void sqsDestination_isReadableWithTheAwsCli() throws IOException, InterruptedException {
        // The SDK test above covers the queue; the CLI is a further reader where it is installed.
        assumeTrue(onPath("aws"), "the AWS CLI is not on the PATH");
        String queueUrl;
        try (SqsClient sqs = sqsClient()) {
            queueUrl = sqs.getQueueUrl(b -> b.queueName("failing-source-failures")).queueUrl();
        }
        ProcessBuilder cli = new ProcessBuilder("aws", "sqs", "receive-message", "--queue-url", queueUrl,
                "--visibility-timeout", "0", "--max-number-of-messages", "10", "--endpoint-url", cloud.sqs().orElseThrow().endpoint().toString(),
                "--output", "json").redirectErrorStream(true);
        cli.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_REGION", "us-east-1"));
        Process process = cli.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        List<JsonNode> records = new ArrayList<>();
        for (JsonNode message : JSON.readTree(output).get("Messages")) {
            records.add(JSON.readTree(message.get("Body").asText()));
        }
        assertThat(batchSizes(records)).isEqualTo(IDS.size());
    }

    @Test
    void snsDestination_getsTheRecordAsAnSnsNotification() throws IOException {
        List<String> lines = Files.readAllLines(work.resolve("sns").resolve("FailureTopic.jsonl"));

        List<JsonNode> records = new ArrayList<>();
        for (String line : lines) {
            JsonNode notification = JSON.readTree(line);
            assertThat(notification.get("Type").asText()).isEqualTo("Notification");
            assertThat(notification.get("TopicArn").asText())
                    .isEqualTo("arn:aws:sns:us-east-1:123456789012:on-failure-test-FailureTopic");
            records.add(JSON.readTree(notification.get("Message").asText()));
        }
        assertThat(records).isNotEmpty().allSatisfy(record -> assertThat(record.at("/requestContext/functionArn")
                .asText()).endsWith(":function:on-failure-test-ToTopic"));
        assertThat(batchSizes(records)).isEqualTo(IDS.size());
    }

    @Test
    void s3Destination_getsTheRecordWithTheRecordsContent() throws IOException {
        Path bucket = work.resolve("s3").resolve("FailureBucket");
        List<Path> objects;
        try (Stream<Path> files = Files.walk(bucket.resolve("aws/lambda"))) {
            objects = files.filter(Files::isRegularFile).toList();
        }

        List<String> notes = new ArrayList<>();
        for (Path object : objects) {
            JsonNode record = JSON.readTree(object.toFile());
            assertThat(record.at("/requestContext/functionArn").asText()).endsWith(":function:on-failure-test-ToBucket");
            assertThat(bucket.relativize(object).getName(3).toString())
                    .isEqualTo(record.at("/DDBStreamBatchInfo/shardId").asText());
            assertThat(record.at("/payload/Records")).hasSize(record.at("/DDBStreamBatchInfo/batchSize").asInt());
            record.at("/payload/Records").findValues("NewImage").forEach(image -> notes.add(image.at("/note/S").asText()));
        }
        assertThat(notes).containsExactlyInAnyOrder("content of poison-1", "content of poison-2", "content of poison-3");
    }

    private static int batchSizes(List<JsonNode> records) {
        return records.stream().mapToInt(record -> record.at("/DDBStreamBatchInfo/batchSize").asInt()).sum();
    }

    private static SqsClient sqsClient() {
        return SqsClient.builder()
                .endpointOverride(cloud.sqs().orElseThrow().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(java.io.File.pathSeparator)).anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
    }
}
