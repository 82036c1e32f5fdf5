package dev.ddbstreams.localcloud.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import dev.ddbstreams.records.EventName;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * A change written to DynamoDB Local and read back from its stream parses to the same
 * ChangeRecord as the Lambda event JSON for that change, written out by hand in
 * {@code events/put-update-delete.template.json} (only ids, sequence numbers, times, sizes and
 * the ARN are filled in from the stream).
 */
@ExtendWith(DynamoDbLocalExtension.class)
class StreamRoundTripIT {

    @Test
    void getRecordsAndLambdaEvent_forTheSameChanges_giveEqualChangeRecords(DynamoDbClient dynamoDb,
            StreamReader reader, @TempDir Path dir) throws IOException {
        LocalTables.createWithStream(dynamoDb, "things", "id", StreamViewType.NEW_AND_OLD_IMAGES);
        dynamoDb.putItem(b -> b.tableName("things").item(thing("100")));
        dynamoDb.putItem(b -> b.tableName("things").item(thing("101")));
        dynamoDb.deleteItem(b -> b.tableName("things").key(Map.of("id", AttributeValue.fromS("thing-1"))));

        String streamArn = reader.streamArnOf("things");
        List<Record> streamRecords = reader.readStream(streamArn);
        List<ChangeRecord> fromStream = streamRecords.stream()
                .map(record -> ChangeRecords.fromGetRecords(record, streamArn)).toList();

        Path eventFile = dir.resolve("event.json");
        Files.writeString(eventFile, lambdaEventFor(streamRecords, streamArn), StandardCharsets.UTF_8);
        List<ChangeRecord> fromLambda = ChangeRecords.fromEvent(EventLoader.loadDynamoDbEvent(eventFile.toString()));

        assertThat(fromStream).extracting(ChangeRecord::eventName)
                .containsExactly(EventName.INSERT, EventName.MODIFY, EventName.REMOVE);
        assertThat(fromStream).containsExactlyElementsOf(fromLambda);
        // DynamoDB normalises numbers: "1.50" was written, "1.5" is what any reader gets back.
        assertThat(fromStream.get(0).requireNewImage().number("price")).isEqualByComparingTo(new BigDecimal("1.50"));
        assertThat(fromStream.get(1).requireNewImage().number("count")).isEqualTo(new BigDecimal("101"));
        assertThat(fromStream.get(2).newImage()).isEmpty();
        assertThat(fromStream.get(2).tableName()).isEqualTo("things");
    }

    private static Map<String, AttributeValue> thing(String count) {
        return Map.ofEntries(
                Map.entry("id", AttributeValue.fromS("thing-1")),
                Map.entry("count", AttributeValue.fromN(count)),
                Map.entry("price", AttributeValue.fromN("1.50")),
                Map.entry("big", AttributeValue.fromN("12345678901234567890123456789012345678")),
                Map.entry("flag", AttributeValue.fromBool(true)),
                Map.entry("nothing", AttributeValue.fromNul(true)),
                Map.entry("blob", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 0xff}))),
                Map.entry("tags", AttributeValue.fromSs(List.of("a", "b"))),
                Map.entry("scores", AttributeValue.fromNs(List.of("1.5", "7"))),
                Map.entry("blobs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {0, 1}),
                        SdkBytes.fromByteArray(new byte[] {(byte) 0xff})))),
                Map.entry("emptyList", AttributeValue.fromL(List.of())),
                Map.entry("emptyMap", AttributeValue.fromM(Map.of())),
                Map.entry("nested", AttributeValue.fromM(Map.of("l", AttributeValue.fromL(List.of(
                        AttributeValue.fromN("1"), AttributeValue.fromS("x"),
                        AttributeValue.fromM(Map.of("deep", AttributeValue.fromBool(false))),
                        AttributeValue.fromL(List.of())))))));
    }

    private static String lambdaEventFor(List<Record> records, String streamArn) throws IOException {
        String json;
        try (InputStream template = StreamRoundTripIT.class.getResourceAsStream("/events/put-update-delete.template.json")) {
            json = new String(template.readAllBytes(), StandardCharsets.UTF_8);
        }
        json = json.replace("${arn}", streamArn);
        for (int i = 0; i < records.size(); i++) {
            Record record = records.get(i);
            json = json.replace("${eventID." + i + "}", record.eventID())
                    .replace("${seq." + i + "}", record.dynamodb().sequenceNumber())
                    .replace("${size." + i + "}", record.dynamodb().sizeBytes().toString())
                    .replace("${created." + i + "}",
                            Long.toString(record.dynamodb().approximateCreationDateTime().getEpochSecond()));
        }
        return json;
    }
}
