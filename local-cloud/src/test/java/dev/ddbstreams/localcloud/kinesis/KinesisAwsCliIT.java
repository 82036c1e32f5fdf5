package dev.ddbstreams.localcloud.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint through the real AWS CLI (v1 or v2), as a learner uses it: put-record, then
 * get-shard-iterator and get-records give the same bytes back. Runs where {@code aws} is on the
 * PATH ({@code .ci/run} installs it).
 */
@EnabledIf("awsCliOnPath")
class KinesisAwsCliIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private final LocalKinesis kinesis = LocalKinesis.start("us-east-1", java.time.InstantSource.system());

    @AfterEach
    void close() {
        kinesis.close();
    }

    static boolean awsCliOnPath() {
        return List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "aws")));
    }

    @Test
    void putRecord_thenGetRecords_roundTripsTheData() throws Exception {
        kinesis.createStream("cli-scores", 2);

        JsonNode put = aws(binaryFormat("kinesis", "put-record", "--stream-name", "cli-scores",
                "--partition-key", "player-3", "--data", "{\"score\":42}"));
        JsonNode iterator = aws(List.of("kinesis", "get-shard-iterator", "--stream-name", "cli-scores",
                "--shard-id", put.path("ShardId").asText(), "--shard-iterator-type", "TRIM_HORIZON"));
        JsonNode records = aws(List.of("kinesis", "get-records", "--shard-iterator",
                iterator.path("ShardIterator").asText()));

        assertThat(put.path("ShardId").asText()).isEqualTo("shardId-000000000001");
        JsonNode record = records.path("Records").get(0);
        assertThat(record.path("SequenceNumber").asText()).isEqualTo(put.path("SequenceNumber").asText());
        assertThat(record.path("PartitionKey").asText()).isEqualTo("player-3");
        assertThat(new String(Base64.getDecoder().decode(record.path("Data").asText()), StandardCharsets.UTF_8))
                .isEqualTo("{\"score\":42}");
        assertThat(aws(List.of("kinesis", "describe-stream-summary", "--stream-name", "cli-scores"))
                .path("StreamDescriptionSummary").path("OpenShardCount").asInt()).isEqualTo(2);
    }

    /** v2 reads --data as base64 unless told otherwise; v1 has no such option and sends the text as it is. */
    private List<String> binaryFormat(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(arguments));
        if (run(List.of("--version")).startsWith("aws-cli/2")) {
            command.addAll(List.of("--cli-binary-format", "raw-in-base64-out"));
        }
        return command;
    }

    private JsonNode aws(List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("--endpoint-url", kinesis.endpoint().toString(),
                "--output", "json"));
        command.addAll(arguments);
        return JSON.readTree(run(command));
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("aws"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Any credentials do; no profile or config of the machine may interfere.
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "local", "AWS_SECRET_ACCESS_KEY", "local",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_REGION", "us-east-1", "AWS_PAGER", "",
                "AWS_CONFIG_FILE", home.resolve("config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString()));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("aws %s finished", arguments).isTrue();
        assertThat(process.exitValue()).as("aws %s exit status; output: %s", arguments, output).isZero();
        return output;
    }
}
