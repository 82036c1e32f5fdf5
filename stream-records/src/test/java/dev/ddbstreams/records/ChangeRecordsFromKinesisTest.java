package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeRecordsFromKinesisTest {

    private static final String KINESIS_SEQUENCE = "49590338271490256608559692538361571095921575989136588898";

    @Test
    void fromKinesis_whenMillisecondPrecision_readsTheChangeAndKinesisTransportFields() {
        ChangeRecord record = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-insert-ms.json"));

        assertThat(record.eventId()).isEqualTo("4b25bd0d-a9a1-81a1-5511-4127e4837252");
        assertThat(record.eventName()).isEqualTo(EventName.INSERT);
        assertThat(record.sequenceNumber()).isEqualTo(KINESIS_SEQUENCE);
        assertThat(record.approximateCreationTime()).isEqualTo("2016-11-18T20:09:00.123Z");
        assertThat(record.tableName()).isEqualTo("votes");
        assertThat(record.region()).isEqualTo("us-west-2");
        assertThat(record.eventSourceArn()).isEqualTo(Fixtures.KINESIS_ARN);
        assertThat(record.streamViewType()).isEmpty();
        assertThat(record.keys().attributes()).isEqualTo(Fixtures.KEYS);
        assertThat(record.newImage()).map(Image::attributes).contains(Fixtures.VOTE_SOUTH);
        assertThat(record.oldImage()).isEmpty();
        assertThat(record.sizeBytes()).isEqualTo(26);
    }

    @Test
    void fromKinesis_whenMicrosecondPrecision_keepsMicroseconds() {
        ChangeRecord record = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-insert-us.json"));

        assertThat(record.approximateCreationTime()).isEqualTo(Instant.parse("2016-11-18T20:09:00.123456Z"));
    }

    @Test
    void fromKinesis_whenPrecisionMissing_readsMilliseconds() {
        ChangeRecord record = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-insert-no-precision.json"));

        assertThat(record.approximateCreationTime()).isEqualTo("2016-11-18T20:09:00.123Z");
    }

    @Test
    void sameChangeAs_whenOneInsertThroughAllThreePaths_isTrue() {
        ChangeRecord lambda = ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json"));
        ChangeRecord getRecords = ChangeRecords.fromGetRecords(Fixtures.sdkInsert(), Fixtures.STREAM_ARN);
        ChangeRecord kinesisMs = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-insert-ms.json"));
        ChangeRecord kinesisUs = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-insert-us.json"));

        assertThat(lambda).isEqualTo(getRecords);
        assertThat(kinesisMs.sameChangeAs(lambda)).isTrue();
        assertThat(kinesisUs.sameChangeAs(getRecords)).isTrue();
        assertThat(kinesisMs.change()).isEqualTo(lambda.change()).isEqualTo(getRecords.change()).isEqualTo(kinesisUs.change());
        // The transport fields necessarily differ, so the records themselves are not equal.
        assertThat(kinesisMs).isNotEqualTo(lambda);
    }

    @Test
    void sameChangeAs_whenModifyThroughKinesisAndLambda_isTrue() {
        ChangeRecord kinesis = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-modify-us.json"));

        assertThat(kinesis.sameChangeAs(ChangeRecords.fromLambda(Fixtures.lambdaRecord("modify.json")))).isTrue();
    }

    @Test
    void sameChangeAs_whenDifferentChange_isFalse() {
        ChangeRecord kinesis = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-modify-us.json"));

        assertThat(kinesis.sameChangeAs(ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json")))).isFalse();
    }

    @Test
    void fromKinesis_whenTtlRemove_isTtlDeleteAndSameChangeAsLambda() {
        ChangeRecord kinesis = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-ttl-remove.json"));

        assertThat(kinesis.ttlDelete()).isTrue();
        assertThat(kinesis.sameChangeAs(ChangeRecords.fromLambda(Fixtures.lambdaRecord("ttl-remove.json")))).isTrue();
        assertThat(kinesis.sameChangeAs(ChangeRecords.fromLambda(Fixtures.lambdaRecord("remove.json")))).isFalse();
    }

    @Test
    void fromKinesis_whenEveryAttributeType_convertsExactly() {
        ChangeRecord record = ChangeRecords.fromKinesis(Fixtures.kinesisRecord("kinesis-all-types.json"));

        assertThat(record.requireNewImage().attributes()).isEqualTo(Fixtures.allTypes());
        assertThat(record.sameChangeAs(ChangeRecords.fromLambda(Fixtures.lambdaRecord("all-types.json")))).isTrue();
    }

    @Test
    void fromKinesis_whenUnknownAttributeType_namesRecordAndAttribute() {
        var source = Fixtures.kinesisRecord("kinesis-unknown-type.json");

        assertThatThrownBy(() -> ChangeRecords.fromKinesis(source))
                .isInstanceOf(ChangeRecordException.class)
                .hasMessage("record 6f4922f4-5568-161a-8cdf-4ad2299f6d23 (INSERT, seq 49590338271490256608559692538361571095921575989136588902): "
                        + "attribute 'region' in NewImage has unknown type 'X', expected one of S N B SS NS BS M L NULL BOOL");
    }

    @Test
    void fromKinesis_whenDataIsADirectBufferWithAnOffset_readsOnlyTheRemainingBytes() {
        KinesisEvent.KinesisEventRecord record = Fixtures.kinesisRecord("kinesis-insert-ms.json");
        ByteBuffer original = record.getKinesis().getData();
        ByteBuffer direct = ByteBuffer.allocateDirect(original.remaining() + 5);
        direct.put("junk!".getBytes(StandardCharsets.UTF_8)).put(original.duplicate()).flip().position(5);
        record.getKinesis().setData(direct);

        ChangeRecord parsed = ChangeRecords.fromKinesis(record);

        assertThat(direct.hasArray()).isFalse();
        assertThat(direct.position()).isEqualTo(5);
        assertThat(parsed.sameChangeAs(ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json")))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{\"hello\":\"world\"} | Kinesis data is not a DynamoDB change record: eventSource is null",
        "not json             | Kinesis data is not JSON",
    })
    void fromKinesis_whenDataIsNotAChangeRecord_namesTheKinesisRecord(String data, String problem) {
        KinesisEvent.KinesisEventRecord record = Fixtures.kinesisRecord("kinesis-insert-ms.json");
        record.getKinesis().setData(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> ChangeRecords.fromKinesis(record))
                .hasMessageStartingWith("record shardId-000000000000:" + KINESIS_SEQUENCE + " (seq " + KINESIS_SEQUENCE
                        + "): " + problem);
    }

    @Test
    void fromKinesisEvent_whenLoaded_readsEveryRecord() {
        KinesisEvent event = EventLoader.loadKinesisEvent("events/kinesis-insert-us.json");

        assertThat(ChangeRecords.fromKinesisEvent(event)).singleElement()
                .extracting(ChangeRecord::eventId).isEqualTo("4b25bd0d-a9a1-81a1-5511-4127e4837252");
    }
}
