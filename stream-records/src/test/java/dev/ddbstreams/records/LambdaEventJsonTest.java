package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** The JSON the local trigger will send must come back, through Lambda's own deserialiser, as the same record. */
class LambdaEventJsonTest {

    private static final PojoSerializer<DynamodbEvent> LAMBDA =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, LambdaEventJsonTest.class.getClassLoader());

    private static ChangeRecord throughLambda(Record record) {
        String json = Json.toJson(LambdaEventJson.toEventJson(List.of(record), Fixtures.STREAM_ARN));
        return ChangeRecords.fromEvent(LAMBDA.fromJson(json)).get(0);
    }

    @Test
    void toEventJson_whenDeserialisedByLambda_givesAnEqualRecordForEveryType() {
        Record allTypes = Fixtures.sdkRecord("e4da3b7fbbce2345d7772b0674a318d5", OperationType.INSERT,
                "4421584500000000017450439095", Map.of("id", AttributeValue.fromS("all-types")), null,
                Fixtures.allTypes(), 312, StreamViewType.NEW_IMAGE, null);

        assertThat(throughLambda(allTypes)).isEqualTo(ChangeRecords.fromGetRecords(allTypes, Fixtures.STREAM_ARN));
    }

    @Test
    void toEventJson_whenTtlRemove_keepsUserIdentity() {
        Record ttlRemove = Fixtures.sdkRecord("a87ff679a2f3e71d9181a67b7542122c", OperationType.REMOVE,
                "4421584500000000017450439094", Fixtures.KEYS, Fixtures.VOTE_NORTH, null, 38,
                StreamViewType.NEW_AND_OLD_IMAGES, Fixtures.TTL_IDENTITY);

        ChangeRecord record = throughLambda(ttlRemove);

        assertThat(record.ttlDelete()).isTrue();
        assertThat(record).isEqualTo(ChangeRecords.fromLambda(Fixtures.lambdaRecord("ttl-remove.json")));
    }

    @Test
    void toRecordJson_whenWholeSeconds_writesAnIntegerLikeLambda() {
        Map<String, Object> json = LambdaEventJson.toRecordJson(Fixtures.sdkInsert(), Fixtures.STREAM_ARN);

        assertThat(Json.toJson(Json.path(json, "dynamodb").get("ApproximateCreationDateTime"))).isEqualTo("1479499740");
        assertThat(json.get("eventSource")).isEqualTo("aws:dynamodb");
        assertThat(json.get("eventSourceARN")).isEqualTo(Fixtures.STREAM_ARN);
        assertThat(Json.path(json, "dynamodb")).doesNotContainKey("OldImage");
        assertThat(json).doesNotContainKey("userIdentity");
    }

    @Test
    void toRecordJson_whenMilliseconds_writesDecimalSecondsThatLambdaReadsBack() {
        Record precise = Fixtures.sdkInsert().toBuilder()
                .dynamodb(Fixtures.sdkInsert().dynamodb().toBuilder()
                        .approximateCreationDateTime(Instant.parse("2016-11-18T20:09:00.120Z")).build())
                .build();

        Map<String, Object> json = LambdaEventJson.toRecordJson(precise, Fixtures.STREAM_ARN);

        assertThat(Json.toJson(Json.path(json, "dynamodb").get("ApproximateCreationDateTime"))).isEqualTo("1479499740.12");
        assertThat(throughLambda(precise).approximateCreationTime()).isEqualTo("2016-11-18T20:09:00.120Z");
    }

    @Test
    void toEventJson_whenSameChangeAsFixture_isReadLikeTheFixture() {
        assertThat(throughLambda(Fixtures.sdkInsert()))
                .isEqualTo(ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json")));
    }
}
