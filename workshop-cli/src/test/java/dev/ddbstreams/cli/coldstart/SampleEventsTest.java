package dev.ddbstreams.cli.coldstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.localcloud.template.FunctionDefinition;
import dev.ddbstreams.localcloud.template.StackSettings;
import dev.ddbstreams.localcloud.template.Template;
import dev.ddbstreams.localcloud.template.TemplateReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The bench's event for each function comes from the module's events/ samples, matched by trigger. */
class SampleEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Template template(String module) {
        return new TemplateReader(StackSettings.of("test", "us-east-1")).read(Path.of("..", module, "template.yaml"));
    }

    private static JsonNode eventFor(String module, String function) throws Exception {
        Template template = template(module);
        FunctionDefinition definition = template.function(function).orElseThrow();
        return JSON.readTree(SampleEvents.in(Path.of("..", module, "events")).forFunction(definition).orElseThrow());
    }

    @Test
    void forFunction_dynamoDbTrigger_takesASampleOfItsTable() throws Exception {
        JsonNode event = eventFor("replication", "ReplicaFunction");

        assertThat(event.path("Records").path(0).path("eventSourceARN").asText()).contains(":table/logfile/stream/");
        assertThat(event.has("window")).isFalse();
    }

    @Test
    void forFunction_tumblingWindowTrigger_makesTheSampleTheWindowsFinalInvoke() throws Exception {
        JsonNode event = eventFor("aggregation", "VoteCounterFunction");

        assertThat(event.path("Records").path(0).path("eventSourceARN").asText()).contains(":table/votes/stream/");
        assertThat(event.path("isFinalInvokeForWindow").asBoolean()).isTrue();
        assertThat(event.path("window").path("start").asText()).isNotEmpty();
        assertThat(event.path("state").isObject()).isTrue();
    }

    @Test
    void forFunction_kinesisTriggerAndFunctionUrl_takeTheirKindOfSample() throws Exception {
        assertThat(eventFor("game-scores", "KinesisScoreFunction").path("Records").path(0).path("eventSource").asText())
                .isEqualTo("aws:kinesis");
        assertThat(eventFor("aggregation", "DashboardFunction").path("rawPath").asText()).isEqualTo("/api/dashboard");
    }

    @Test
    void forFunction_noMatchingSample_isEmpty() {
        FunctionDefinition replica = template("replication").function("ReplicaFunction").orElseThrow();

        assertThat(SampleEvents.in(Path.of("..", "aggregation", "events")).forFunction(replica)).isEmpty();
    }

    @Test
    void sourceName_readsTheTableOrTheKinesisStream() {
        assertThat(SampleEvents.sourceName("arn:aws:dynamodb:us-east-1:123456789012:table/votes/stream/2026-11-21T10:00:00.000"))
                .isEqualTo("votes");
        assertThat(SampleEvents.sourceName("arn:aws:kinesis:us-east-1:123456789012:stream/GameScoreEvents"))
                .isEqualTo("GameScoreEvents");
    }
}
