package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

class ChangeRecordsFromGetRecordsTest {

    @Test
    void fromGetRecords_whenSameInsertAsLambda_isEqual() {
        ChangeRecord fromSdk = ChangeRecords.fromGetRecords(Fixtures.sdkInsert(), Fixtures.STREAM_ARN);
        ChangeRecord fromLambda = ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json"));

        assertThat(fromSdk).isEqualTo(fromLambda).hasSameHashCodeAs(fromLambda);
    }

    @Test
    void fromGetRecords_whenSameModifyAsLambda_isEqual() {
        Record modify = Fixtures.sdkRecord("c81e728d9d4c2f636f067f89cc14862c", OperationType.MODIFY,
                "4421584500000000017450439092", Fixtures.KEYS, Fixtures.VOTE_SOUTH, Fixtures.VOTE_NORTH, 59,
                StreamViewType.NEW_AND_OLD_IMAGES, null);

        assertThat(ChangeRecords.fromGetRecords(modify, Fixtures.STREAM_ARN))
                .isEqualTo(ChangeRecords.fromLambda(Fixtures.lambdaRecord("modify.json")));
    }

    @Test
    void fromGetRecords_whenSameTtlRemoveAsLambda_isEqualAndTtlDelete() {
        Record ttlRemove = Fixtures.sdkRecord("a87ff679a2f3e71d9181a67b7542122c", OperationType.REMOVE,
                "4421584500000000017450439094", Fixtures.KEYS, Fixtures.VOTE_NORTH, null, 38,
                StreamViewType.NEW_AND_OLD_IMAGES, Fixtures.TTL_IDENTITY);

        ChangeRecord record = ChangeRecords.fromGetRecords(ttlRemove, Fixtures.STREAM_ARN);

        assertThat(record.ttlDelete()).isTrue();
        assertThat(record).isEqualTo(ChangeRecords.fromLambda(Fixtures.lambdaRecord("ttl-remove.json")));
    }

    @Test
    void fromGetRecords_whenEveryAttributeType_isEqualToLambda() {
        Record allTypes = Fixtures.sdkRecord("e4da3b7fbbce2345d7772b0674a318d5", OperationType.INSERT,
                "4421584500000000017450439095", Map.of("id", AttributeValue.fromS("all-types")), null,
                Fixtures.allTypes(), 312, StreamViewType.NEW_IMAGE, null);

        assertThat(ChangeRecords.fromGetRecords(allTypes, Fixtures.STREAM_ARN))
                .isEqualTo(ChangeRecords.fromLambda(Fixtures.lambdaRecord("all-types.json")));
    }

    @Test
    void fromGetRecords_whenOtherEventId_isNotEqual() {
        Record other = Fixtures.sdkInsert().toBuilder().eventID("another").build();

        assertThat(ChangeRecords.fromGetRecords(other, Fixtures.STREAM_ARN))
                .isNotEqualTo(ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json")));
    }

    @Test
    void fromGetRecords_whenTimeHasNanoseconds_keepsMillisecondsLikeALambdaDate() {
        Record precise = withStream(Fixtures.sdkInsert(),
                stream -> stream.approximateCreationDateTime(Instant.parse("2016-11-18T20:09:00.123456789Z")));

        assertThat(ChangeRecords.fromGetRecords(precise, Fixtures.STREAM_ARN).approximateCreationTime())
                .isEqualTo("2016-11-18T20:09:00.123Z");
    }

    @Test
    void fromGetRecords_whenKeysOnly_hasNoImagesRatherThanEmptyOnes() {
        Record keysOnly = Fixtures.sdkRecord("1679091c5a880faf6fb5e6087eb1b2dc", OperationType.INSERT, "111",
                Fixtures.KEYS, null, null, 9, StreamViewType.KEYS_ONLY, null);

        ChangeRecord record = ChangeRecords.fromGetRecords(keysOnly, Fixtures.STREAM_ARN);

        assertThat(record.newImage()).isEmpty();
        assertThat(record.oldImage()).isEmpty();
        assertThat(record).isEqualTo(ChangeRecords.fromLambda(Fixtures.lambdaRecord("keys-only.json")));
    }

    @Test
    void fromGetRecords_whenDynamoDbLocalArn_readsTableAndRegion() {
        ChangeRecord record = ChangeRecords.fromGetRecords(Fixtures.sdkInsert(),
                "arn:aws:dynamodb:ddblocal:000000000000:table/votes/stream/2024-01-01T00:00:00.000");

        assertThat(record.tableName()).isEqualTo("votes");
        assertThat(record.region()).isEqualTo("ddblocal");
    }

    @Test
    void fromGetRecords_whenArnIsNull_saysTheArnIsMissing() {
        assertThatThrownBy(() -> ChangeRecords.fromGetRecords(Fixtures.sdkInsert(), null))
                .isInstanceOf(ChangeRecordException.class)
                .hasMessageStartingWith("record c4ca4238a0b923820dcc509a6f75849b (INSERT, seq 4421584500000000017450439091): "
                        + "no eventSourceARN");
    }

    @Test
    void fromGetRecords_whenValueHasNoType_namesRecordAndNestedAttribute() {
        Map<String, AttributeValue> image = Map.of("id", AttributeValue.fromS("234"),
                "nested", AttributeValue.fromL(List.of(AttributeValue.fromS("ok"), AttributeValue.builder().build())));
        Record record = withStream(Fixtures.sdkInsert(), stream -> stream.newImage(image));

        assertThatThrownBy(() -> ChangeRecords.fromGetRecords(record, Fixtures.STREAM_ARN))
                .hasMessageStartingWith("record c4ca4238a0b923820dcc509a6f75849b (INSERT, seq 4421584500000000017450439091): "
                        + "attribute 'nested[1]' in NewImage has no type set");
    }

    @Test
    void fromGetRecords_whenSequenceNumberIsNotDecimal_namesRecord() {
        Record record = withStream(Fixtures.sdkInsert(), stream -> stream.sequenceNumber("12ab"));

        assertThatThrownBy(() -> ChangeRecords.fromGetRecords(record, Fixtures.STREAM_ARN))
                .hasMessage("record c4ca4238a0b923820dcc509a6f75849b (INSERT, seq 12ab): SequenceNumber '12ab' is not a decimal number");
    }

    @Test
    void bySequenceNumber_whenDifferentLengths_comparesAsNumbers() {
        ChangeRecord nine = ChangeRecords.fromGetRecords(
                withStream(Fixtures.sdkInsert(), stream -> stream.sequenceNumber("900000000000000000000000000")), Fixtures.STREAM_ARN);
        ChangeRecord ten = ChangeRecords.fromGetRecords(
                withStream(Fixtures.sdkInsert(), stream -> stream.sequenceNumber("1000000000000000000000000000")), Fixtures.STREAM_ARN);
        List<ChangeRecord> records = new ArrayList<>(List.of(ten, nine));

        records.sort(ChangeRecord.BY_SEQUENCE_NUMBER);

        assertThat(records).containsExactly(nine, ten);
        assertThat("900000000000000000000000000".compareTo("1000000000000000000000000000")).isPositive();
    }

    private static Record withStream(Record record, Consumer<StreamRecord.Builder> change) {
        StreamRecord.Builder stream = record.dynamodb().toBuilder();
        change.accept(stream);
        return record.toBuilder().dynamodb(stream.build()).build();
    }
}
