package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins what the Lambda serialisation library (through aws-lambda-java-tests) makes of the JSON
 * Lambda sends, so the parser is built on facts rather than on guesses.
 */
class LambdaEventLoaderTest {

    private static Map<String, AttributeValue> allTypesImage() {
        return Fixtures.lambdaRecord("all-types.json").getDynamodb().getNewImage();
    }

    @Test
    void approximateCreationDateTime_whenEpochSeconds_isReadAsSecondsIntoDate() {
        var stream = Fixtures.lambdaRecord("insert.json").getDynamodb();

        assertThat(stream.getApproximateCreationDateTime().toInstant()).isEqualTo("2016-11-18T20:09:00Z");
        assertThat(stream.getApproximateCreationDateTime().getTime()).isEqualTo(1_479_499_740_000L);
    }

    @Test
    void streamViewType_whenLoaded_isAPlainString() {
        assertThat(Fixtures.lambdaRecord("insert.json").getDynamodb().getStreamViewType()).isEqualTo("NEW_AND_OLD_IMAGES");
    }

    @Test
    void binary_whenBase64_isDecodedIntoByteBuffers() {
        ByteBuffer blob = allTypesImage().get("blob").getB();
        byte[] bytes = new byte[blob.remaining()];
        blob.duplicate().get(bytes);

        assertThat(bytes).containsExactly(0, 1, 2, 255);
        assertThat(allTypesImage().get("blobs").getBS())
                .hasSize(2)
                .allSatisfy(element -> assertThat(element).isInstanceOf(ByteBuffer.class))
                .containsExactly(ByteBuffer.wrap(new byte[] {0, 1}), ByteBuffer.wrap(new byte[] {(byte) 255}));
    }

    @Test
    void nullAndEmptyCollections_whenLoaded_areKept() {
        Map<String, AttributeValue> image = allTypesImage();

        assertThat(image.get("nothing").getNULL()).isTrue();
        assertThat(image.get("emptyList").getL()).isNotNull().isEmpty();
        assertThat(image.get("emptyMap").getM()).isNotNull().isEmpty();
        assertThat(image.get("emptyString").getS()).isEmpty();
        assertThat(image.get("off").getBOOL()).isFalse();
    }

    @Test
    void numbers_whenLoaded_stayVerbatimStrings() {
        Map<String, AttributeValue> image = allTypesImage();

        assertThat(image.get("price").getN()).isEqualTo("1.50");
        assertThat(image.get("big").getN()).isEqualTo(Fixtures.BIG);
        assertThat(image.get("scores").getNS()).containsExactly("1.5", Fixtures.BIG);
    }

    @Test
    void unknownAttributeType_whenLoaded_isSilentlyDroppedLeavingAnEmptyValue() {
        AttributeValue region = Fixtures.lambdaRecord("unknown-type.json").getDynamodb().getNewImage().get("region");

        // {"X":"SOUTH"} loads without error as a value with no type at all: the parser must catch it.
        assertThat(region).isNotNull();
        assertThat(region.getS()).isNull();
        assertThat(region.getM()).isNull();
        assertThat(region.getNULL()).isNull();
    }

    @Test
    void userIdentity_whenTtlDelete_isLoaded() {
        var identity = Fixtures.lambdaRecord("ttl-remove.json").getUserIdentity();

        assertThat(identity.getType()).isEqualTo("Service");
        assertThat(identity.getPrincipalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(Fixtures.lambdaRecord("insert.json").getUserIdentity()).isNull();
    }

    @Test
    void timeWindowEvent_whenLoaded_hasWindowStateShardAndRecords() {
        DynamodbTimeWindowEvent event = EventLoader.loadEvent("events/time-window.json", DynamodbTimeWindowEvent.class);

        assertThat(event.getWindow().getStart()).isEqualTo("2016-11-18T20:05:00Z");
        assertThat(event.getWindow().getEnd()).isEqualTo("2016-11-18T20:10:00Z");
        assertThat(event.getState()).containsEntry("SOUTH#MORE_TREES", "41");
        assertThat(event.getShardId()).isEqualTo("shardId-00000001479499740000-1a2b3c4d");
        assertThat(event.getEventSourceArn()).isEqualTo(Fixtures.STREAM_ARN);
        assertThat(event.getIsFinalInvokeForWindow()).isFalse();
        assertThat(event.getIsWindowTerminatedEarly()).isFalse();
        assertThat(event.getRecords()).hasSize(2);
        assertThat(event.getRecords().get(0).getEventSourceARN()).isEqualTo(Fixtures.STREAM_ARN);
    }

    @Test
    void kinesisData_whenLoaded_isTheDecodedBase64Payload() {
        var kinesis = Fixtures.kinesisRecord("kinesis-insert-ms.json").getKinesis();
        ByteBuffer data = kinesis.getData().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);

        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .startsWith("{\"awsRegion\":\"us-west-2\"")
                .contains("\"ApproximateCreationDateTime\":1479499740123");
        assertThat(kinesis.getSequenceNumber()).isEqualTo("49590338271490256608559692538361571095921575989136588898");
    }
}
