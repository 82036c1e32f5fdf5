package dev.ddbstreams.records;

import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromB;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBool;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromBs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromL;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromM;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNs;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromNul;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS;
import static software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromSs;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The changes in {@code src/test/resources/events/}, written out independently as SDK values,
 * so each conversion is checked against a hand-made expectation, not against itself.
 */
final class Fixtures {

    static final String STREAM_ARN = "arn:aws:dynamodb:us-west-2:123456789012:table/votes/stream/2016-11-18T20:09:00.000";
    static final String KINESIS_ARN = "arn:aws:kinesis:us-west-2:123456789012:stream/votes-changes";
    /** ApproximateCreationDateTime 1479499740 in the fixtures. */
    static final Instant CREATED = Instant.parse("2016-11-18T20:09:00Z");

    static final Map<String, AttributeValue> KEYS = Map.of("id", fromS("234"));
    static final Map<String, AttributeValue> VOTE_SOUTH = ordered(
            "id", fromS("234"), "improvement", fromS("MORE_TREES"), "region", fromS("SOUTH"));
    static final Map<String, AttributeValue> VOTE_NORTH = ordered(
            "id", fromS("234"), "improvement", fromS("MORE_TREES"), "region", fromS("NORTH"));

    static final String BIG = "12345678901234567890123456789012345678";

    /** The NewImage of all-types.json. */
    static Map<String, AttributeValue> allTypes() {
        Map<String, AttributeValue> nested = ordered(
                "l", fromL(List.of(fromN("1"), fromS("x"), fromM(Map.of("deep", fromBool(false))), fromL(List.of()), fromNul(true))),
                "address", fromM(Map.of("city", fromS("Seattle"))));
        Map<String, AttributeValue> image = new LinkedHashMap<>();
        image.put("id", fromS("all-types"));
        image.put("count", fromN("100"));
        image.put("price", fromN("1.50"));
        image.put("big", fromN(BIG));
        image.put("tiny", fromN("-0.000000000000000000000000000000000001"));
        image.put("flag", fromBool(true));
        image.put("off", fromBool(false));
        image.put("nothing", fromNul(true));
        image.put("blob", fromB(SdkBytes.fromByteArray(new byte[] {0, 1, 2, (byte) 255})));
        image.put("tags", fromSs(List.of("a", "b")));
        image.put("scores", fromNs(List.of("1.5", BIG)));
        image.put("blobs", fromBs(List.of(SdkBytes.fromByteArray(new byte[] {0, 1}), SdkBytes.fromByteArray(new byte[] {(byte) 255}))));
        image.put("emptyList", fromL(List.of()));
        image.put("emptyMap", fromM(Map.of()));
        image.put("emptyString", fromS(""));
        image.put("nested", fromM(nested));
        return image;
    }

    static final Identity TTL_IDENTITY = Identity.builder().type("Service").principalId("dynamodb.amazonaws.com").build();

    private Fixtures() {
    }

    static DynamodbEvent.DynamodbStreamRecord lambdaRecord(String fixture) {
        return EventLoader.loadDynamoDbEvent("events/" + fixture).getRecords().get(0);
    }

    static KinesisEvent.KinesisEventRecord kinesisRecord(String fixture) {
        return EventLoader.loadKinesisEvent("events/" + fixture).getRecords().get(0);
    }

    /** An SDK record as GetRecords would return it for the same change as a fixture. */
    static Record sdkRecord(String eventId, OperationType eventName, String sequenceNumber,
                            Map<String, AttributeValue> keys, Map<String, AttributeValue> oldImage,
                            Map<String, AttributeValue> newImage, long sizeBytes, StreamViewType viewType,
                            Identity identity) {
        StreamRecord.Builder stream = StreamRecord.builder()
                .approximateCreationDateTime(CREATED)
                .keys(keys)
                .sequenceNumber(sequenceNumber)
                .sizeBytes(sizeBytes)
                .streamViewType(viewType);
        if (oldImage != null) {
            stream.oldImage(oldImage);
        }
        if (newImage != null) {
            stream.newImage(newImage);
        }
        return Record.builder()
                .eventID(eventId)
                .eventName(eventName)
                .eventVersion("1.1")
                .eventSource("aws:dynamodb")
                .awsRegion("us-west-2")
                .dynamodb(stream.build())
                .userIdentity(identity)
                .build();
    }

    static Record sdkInsert() {
        return sdkRecord("c4ca4238a0b923820dcc509a6f75849b", OperationType.INSERT, "4421584500000000017450439091",
                KEYS, null, VOTE_SOUTH, 26, StreamViewType.NEW_AND_OLD_IMAGES, null);
    }

    private static Map<String, AttributeValue> ordered(Object... namesAndValues) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], (AttributeValue) namesAndValues[i + 1]);
        }
        return map;
    }
}
