package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class ChangeRecordsFromLambdaTest {

    @Test
    void fromLambda_whenInsert_hasNewImageOnlyAndTheSourceFromTheArn() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json"));

        assertThat(record.eventId()).isEqualTo("c4ca4238a0b923820dcc509a6f75849b");
        assertThat(record.eventName()).isEqualTo(EventName.INSERT);
        assertThat(record.sequenceNumber()).isEqualTo("4421584500000000017450439091");
        assertThat(record.sequenceNumberValue()).isEqualTo(new BigInteger("4421584500000000017450439091"));
        assertThat(record.keys().attributes()).isEqualTo(Fixtures.KEYS);
        assertThat(record.newImage()).map(Image::attributes).contains(Fixtures.VOTE_SOUTH);
        assertThat(record.oldImage()).isEmpty();
        assertThat(record.approximateCreationTime()).isEqualTo(Fixtures.CREATED);
        assertThat(record.sizeBytes()).isEqualTo(26);
        assertThat(record.streamViewType()).contains(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(record.tableName()).isEqualTo("votes");
        assertThat(record.region()).isEqualTo("us-west-2");
        assertThat(record.eventSourceArn()).isEqualTo(Fixtures.STREAM_ARN);
        assertThat(record.ttlDelete()).isFalse();
    }

    @Test
    void fromLambda_whenModify_hasBothImages() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("modify.json"));

        assertThat(record.eventName()).isEqualTo(EventName.MODIFY);
        assertThat(record.requireOldImage().string("region")).isEqualTo("SOUTH");
        assertThat(record.requireNewImage().string("region")).isEqualTo("NORTH");
    }

    @Test
    void fromLambda_whenRemove_hasOldImageOnlyAndIsNoTtlDelete() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("remove.json"));

        assertThat(record.eventName()).isEqualTo(EventName.REMOVE);
        assertThat(record.oldImage()).map(Image::attributes).contains(Fixtures.VOTE_NORTH);
        assertThat(record.newImage()).isEmpty();
        assertThat(record.ttlDelete()).isFalse();
    }

    @Test
    void fromLambda_whenTtlRemove_isTtlDelete() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("ttl-remove.json"));

        assertThat(record.eventName()).isEqualTo(EventName.REMOVE);
        assertThat(record.ttlDelete()).isTrue();
    }

    @Test
    void fromLambda_whenEveryAttributeType_convertsAllTenTypesExactly() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("all-types.json"));

        assertThat(record.requireNewImage().attributes()).isEqualTo(Fixtures.allTypes());
        assertThat(record.requireNewImage().attributes().keySet()).containsExactlyElementsOf(Fixtures.allTypes().keySet());
        assertThat(record.streamViewType()).contains(StreamViewType.NEW_IMAGE);
    }

    @Test
    void fromLambda_whenEmptyListAndMap_keepsThemEmptyNotNull() {
        Image image = ChangeRecords.fromLambda(Fixtures.lambdaRecord("all-types.json")).requireNewImage();

        assertThat(image.list("emptyList")).isEmpty();
        assertThat(image.attributes().get("emptyList").hasL()).isTrue();
        assertThat(image.map("emptyMap").attributes()).isEmpty();
        assertThat(image.attributes().get("emptyMap").hasM()).isTrue();
        assertThat(image.isNull("nothing")).isTrue();
    }

    @Test
    void fromEvent_whenTimeWindowEvent_readsEveryRecord() {
        DynamodbTimeWindowEvent event = EventLoader.loadEvent("events/time-window.json", DynamodbTimeWindowEvent.class);

        List<ChangeRecord> records = ChangeRecords.fromEvent(event);

        assertThat(records).extracting(ChangeRecord::eventId)
                .containsExactly("c4ca4238a0b923820dcc509a6f75849b", "c51ce410c124a10e0db5e4b97fc2af39");
        assertThat(records.get(0)).isEqualTo(ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json")));
    }

    @ParameterizedTest
    @Event(value = "events/insert.json", type = DynamodbEvent.class)
    void fromEvent_whenLoadedByEventAnnotation_givesTheSameRecordAsFromLambda(DynamodbEvent event) {
        assertThat(ChangeRecords.fromEvent(event))
                .containsExactly(ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json")));
    }

    @Test
    void fromEvent_whenNoRecords_isEmpty() {
        assertThat(ChangeRecords.fromEvent(new DynamodbEvent())).isEmpty();
    }

    @Test
    void requireNewImage_whenKeysOnly_namesRecordAndViewType() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("keys-only.json"));

        assertThat(record.newImage()).isEmpty();
        assertThatThrownBy(record::requireNewImage)
                .isInstanceOf(ChangeRecordException.class)
                .hasMessage("record 1679091c5a880faf6fb5e6087eb1b2dc (INSERT, seq 111): no NewImage; stream view type is KEYS_ONLY");
    }

    @Test
    void requireOldImage_whenInsert_saysAnInsertHasNone() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json"));

        assertThatThrownBy(record::requireOldImage)
                .hasMessage("record c4ca4238a0b923820dcc509a6f75849b (INSERT, seq 4421584500000000017450439091): "
                        + "no OldImage; an INSERT has none");
    }

    @Test
    void requireNewImage_whenRemove_saysARemoveHasNone() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("remove.json"));

        assertThatThrownBy(record::requireNewImage).hasMessageEndingWith("no NewImage; a REMOVE has none");
    }

    static Stream<Arguments> malformedRecords() {
        return Stream.of(
                Arguments.of("missing-new-image.json",
                        "record 8f14e45fceea167a5a36dedd4bea2543 (MODIFY, seq 4421584500000000017450439096): "
                                + "no NewImage, but stream view type is NEW_AND_OLD_IMAGES and this is a MODIFY"),
                Arguments.of("unknown-type.json",
                        "record c9f0f895fb98ab9159f51fd0297e236d (INSERT, seq 4421584500000000017450439098): "
                                + "attribute 'region' in NewImage has no type set (or an unknown type)"),
                Arguments.of("bad-number.json",
                        "record 45c48cce2e2d7fbdea1afc51c7c6ad26 (INSERT, seq 4421584500000000017450439099): "
                                + "attribute 'count' in NewImage is N '12abc', which is not a number"),
                Arguments.of("bad-arn.json",
                        "record d3d9446802a44259755d38e6d163e820 (INSERT, seq 4421584500000000017450439100): "
                                + "eventSourceARN 'arn:aws:dynamodb:us-west-2:123456789012:table/votes' is not a DynamoDB stream ARN"),
                Arguments.of("unknown-event-name.json",
                        "record 6512bd43d9caa6e02c990b0a82652dca (seq 4421584500000000017450439101): "
                                + "unknown eventName 'UPSERT', expected INSERT, MODIFY or REMOVE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedRecords")
    void fromLambda_whenRecordIsMalformed_namesRecordAndProblem(String fixture, String expectedMessage) {
        var source = Fixtures.lambdaRecord(fixture);

        assertThatThrownBy(() -> ChangeRecords.fromLambda(source))
                .isInstanceOf(ChangeRecordException.class)
                .hasMessageStartingWith(expectedMessage);
    }

    @Test
    void string_whenAttributeHasAnotherType_namesRecordAttributeAndTypes() {
        Image image = ChangeRecords.fromLambda(Fixtures.lambdaRecord("wrong-type.json")).requireNewImage();

        assertThatThrownBy(() -> image.string("region"))
                .isInstanceOf(ChangeRecordException.class)
                .hasMessage("record 7f3e6c1b2a9d4e5f8a0b1c2d3e4f5a6b (INSERT, seq 4421584500000000017450439097): "
                        + "attribute 'region' in NewImage is N, expected S");
    }

    @Test
    void fromLambda_whenNoDynamodbSection_namesRecordAndExposesItsId() {
        var source = Fixtures.lambdaRecord("missing-dynamodb.json");

        assertThatThrownBy(() -> ChangeRecords.fromLambda(source))
                .isInstanceOfSatisfying(ChangeRecordException.class, e -> {
                    assertThat(e.eventId()).contains("c20ad4d76fe97759aa27a0c99bff6710");
                    assertThat(e.sequenceNumber()).isEmpty();
                })
                .hasMessage("record c20ad4d76fe97759aa27a0c99bff6710 (seq <none>): no dynamodb section");
    }

    @Test
    void changeRecordException_whenParsingFails_exposesTheSequenceNumberToReport() {
        var source = Fixtures.lambdaRecord("bad-number.json");

        assertThatThrownBy(() -> ChangeRecords.fromLambda(source))
                .isInstanceOfSatisfying(ChangeRecordException.class,
                        e -> assertThat(e.sequenceNumber()).contains("4421584500000000017450439099"));
    }

    @Test
    void toString_whenLogged_leavesItemDataOut() {
        ChangeRecord record = ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json"));

        assertThat(record.toString())
                .contains("c4ca4238a0b923820dcc509a6f75849b", "4421584500000000017450439091", "INSERT", "votes")
                .doesNotContain("SOUTH");
    }
}
