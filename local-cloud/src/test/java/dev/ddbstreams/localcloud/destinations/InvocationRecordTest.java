package dev.ddbstreams.localcloud.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvocationRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The values of the Lambda developer guide's example record for a DynamoDB stream. */
    private static InvocationRecord documentedExample(InvocationRecord.Source source) {
        return new InvocationRecord(
                new InvocationRecord.RequestContext("316aa6d0-8154-xmpl-9af7-85d5f4a6bc81",
                        "arn:aws:lambda:us-east-2:123456789012:function:myfunction",
                        InvocationRecord.Condition.RetryAttemptsExhausted, 1),
                Optional.of("Unhandled"),
                // Nanoseconds the record must not show: Lambda writes milliseconds.
                Instant.parse("2019-11-14T00:13:49.717338Z"),
                new InvocationRecord.BatchInfo(source, "shardId-00000001573689847184-864758bb",
                        "800000000003126276362", "800000000003126276362",
                        Instant.parse("2019-11-14T00:13:19Z"), Instant.parse("2019-11-14T00:13:19Z"), 1,
                        "arn:aws:dynamodb:us-east-2:123456789012:table/mytable/stream/2019-11-14T00:04:06.388"));
    }

    @Test
    void toJson_whenDynamoDbBatch_isTheDocumentedExampleFieldForField() throws IOException {
        JsonNode documented = JSON.readTree(Path.of("src/test/resources/on-failure/dynamodb-invocation-record.json")
                .toFile());

        ObjectNode record = documentedExample(InvocationRecord.Source.DYNAMODB_STREAMS).toJson();

        assertThat(record).isEqualTo(documented);
        assertThat(List.of(record.fieldNames().next(), record.get("timestamp").asText()))
                .containsExactly("requestContext", "2019-11-14T00:13:49.717Z");
    }

    @Test
    void toJson_whenKinesisBatch_namesItsBatchInfoKinesisBatchInfo() {
        ObjectNode record = documentedExample(InvocationRecord.Source.KINESIS).toJson();

        assertThat(record.has("DDBStreamBatchInfo")).isFalse();
        assertThat(record.at("/KinesisBatchInfo/shardId").asText()).isEqualTo("shardId-00000001573689847184-864758bb");
    }

    @Test
    void toJson_whenNeverInvoked_hasNoFunctionError() {
        InvocationRecord example = documentedExample(InvocationRecord.Source.DYNAMODB_STREAMS);
        InvocationRecord expired = new InvocationRecord(new InvocationRecord.RequestContext(
                example.requestContext().requestId(), example.requestContext().functionArn(),
                InvocationRecord.Condition.RecordAgeExceeded, 0), Optional.empty(), example.timestamp(),
                example.batchInfo());

        ObjectNode record = expired.toJson();

        assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
        assertThat(record.get("responseContext").has("functionError")).isFalse();
    }

    @Test
    void toJsonWithPayload_addsTheEventUnderPayload() {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").addObject().put("eventName", "INSERT");

        ObjectNode record = documentedExample(InvocationRecord.Source.DYNAMODB_STREAMS).toJson(event);

        assertThat(record.at("/payload/Records/0/eventName").asText()).isEqualTo("INSERT");
        assertThat(record.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(1);
    }
}
