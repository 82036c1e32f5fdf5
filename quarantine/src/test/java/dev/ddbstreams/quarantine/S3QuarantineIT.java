package dev.ddbstreams.quarantine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.limits.DynamoDbLimits;
import dev.ddbstreams.limits.LimitViolation;
import dev.ddbstreams.localcloud.s3.S3Endpoint;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecordException;
import dev.ddbstreams.records.ChangeRecords;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.s3.S3Client;

/** The quarantine on the local cloud's S3, through a real {@code S3Client} with the Lambda jars' HTTP client. */
class S3QuarantineIT {

    private static final String STREAM_ARN =
            "arn:aws:dynamodb:us-east-1:123456789012:table/votes/stream/2026-12-05T00:00:00.000";
    private static final Instant QUARANTINED_AT = Instant.parse("2026-12-05T10:00:00Z");
    private static final ClassLoader LOADER = S3QuarantineIT.class.getClassLoader();
    private static final PojoSerializer<DynamodbEvent> DYNAMODB_EVENTS =
            LambdaEventSerializers.serializerFor(DynamodbEvent.class, LOADER);
    private static final PojoSerializer<KinesisEvent> KINESIS_EVENTS =
            LambdaEventSerializers.serializerFor(KinesisEvent.class, LOADER);

    @TempDir
    Path work;

    private S3Endpoint endpoint;
    private S3Client s3;
    private S3Quarantine quarantine;

    @BeforeEach
    void start() {
        endpoint = S3Endpoint.start(work.resolve("s3"), "us-east-1");
        s3 = S3Client.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        s3.createBucket(b -> b.bucket("quarantine"));
        quarantine = new S3Quarantine(new S3ClientBucket(s3, "quarantine"), InstantSource.fixed(QUARANTINED_AT));
    }

    @AfterEach
    void stop() {
        s3.close();
        endpoint.close();
    }

    @Test
    void quarantine_dynamoDbRecordOver400KB_isKeptWholeAndComesBackAsTheEventAHandlerGets() {
        Map<String, AttributeValue> newImage = Map.of("id", AttributeValue.fromS("234"), "region", AttributeValue.fromS("SOUTH"),
                "improvement", AttributeValue.fromS("x".repeat(500_000)), "count", AttributeValue.fromN("1.50"));
        ChangeRecord record = changeRecord("111222333444555666777", newImage);
        LimitViolation violation = DynamoDbLimits.forTable("region", "improvement").checkItem(newImage).orElseThrow();

        String key = quarantine.quarantine(record, Failure.permanent(violation), "VoteCount");

        assertThat(key).isEqualTo("VoteCount/2026/12/05/votes.2026-12-05T00-00-00.000/111222333444555666777_event-111222333444555666777.json");
        assertThat(work.resolve("s3/quarantine").resolve(key)).isRegularFile();
        QuarantinedRecord read = quarantine.read(key);
        assertThat(read.function()).isEqualTo("VoteCount");
        assertThat(read.quarantinedAt()).isEqualTo(QUARANTINED_AT);
        assertThat(read.classification()).isEqualTo(Failure.Kind.PERMANENT);
        assertThat(read.reason()).isEqualTo("improvement is 500,000 bytes; a sort key is at most 1,024 bytes");
        assertThat(read.violation()).contains("improvement: SORT_KEY_SIZE");
        assertThat(read.source()).isEqualTo(QuarantinedRecord.Source.DYNAMODB);
        DynamodbEvent event = DYNAMODB_EVENTS.fromJson(new ByteArrayInputStream(read.eventJson().getBytes(StandardCharsets.UTF_8)));
        assertThat(ChangeRecords.fromEvent(event)).containsExactly(record);
    }

    @Test
    void quarantine_kinesisRecordThatIsNotUtf8_keepsItsBytesExactly() {
        byte[] data = {(byte) 0xC3, 0x28, (byte) 0xFF, 0x00, '{', (byte) 0xA0};
        KinesisEvent.KinesisEventRecord record = kinesisRecord(data);

        String key = quarantine.quarantine(record, Failure.permanent("the data is not UTF-8"), "GameScores");

        assertThat(key).isEqualTo("GameScores/2026/12/05/shardId-000000000006/49590338271490256608559692538361571095921575989136588898.json");
        QuarantinedRecord read = quarantine.read(key);
        assertThat(read.source()).isEqualTo(QuarantinedRecord.Source.KINESIS);
        assertThat(read.violation()).isEmpty();
        KinesisEvent event = KINESIS_EVENTS.fromJson(new ByteArrayInputStream(read.eventJson().getBytes(StandardCharsets.UTF_8)));
        KinesisEvent.Record kinesis = event.getRecords().get(0).getKinesis();
        assertThat(QuarantineJson.bytes(kinesis.getData())).isEqualTo(data);
        assertThat(kinesis.getPartitionKey()).isEqualTo("ann");
        assertThat(kinesis.getSequenceNumber()).isEqualTo(record.getKinesis().getSequenceNumber());
        assertThat(kinesis.getApproximateArrivalTimestamp()).isEqualTo(record.getKinesis().getApproximateArrivalTimestamp());
        assertThat(event.getRecords().get(0).getEventID()).isEqualTo(record.getEventID());
    }

    @Test
    void quarantine_recordThatDoesNotParse_isKeptAsLambdaSentIt() throws Exception {
        byte[] fixture;
        try (var in = S3QuarantineIT.class.getResourceAsStream("/events/vote-unparseable.json")) {
            fixture = in.readAllBytes();
        }
        DynamodbEvent.DynamodbStreamRecord record = DYNAMODB_EVENTS.fromJson(new ByteArrayInputStream(fixture)).getRecords().get(0);
        assertThatThrownBy(() -> ChangeRecords.fromLambda(record)).isInstanceOf(ChangeRecordException.class);

        String key = quarantine.quarantine(record, Failure.permanent("not a change record"), "VoteCount");

        assertThat(key).isEqualTo("VoteCount/2025/12/05/votes.2026-12-05T00-00-00.000/4421584500000000017450439235_c4ca4238a0b923820dcc509a6f75849b.json");
        QuarantinedRecord read = quarantine.read(key);
        assertThat(read.source()).isEqualTo(QuarantinedRecord.Source.DYNAMODB);
        assertThat(read.reason()).isEqualTo("not a change record");
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(read.record())).isEqualTo(json.readTree(fixture).get("Records").get(0));
        DynamodbEvent redriven = DYNAMODB_EVENTS.fromJson(new ByteArrayInputStream(read.eventJson().getBytes(StandardCharsets.UTF_8)));
        assertThat(redriven.getRecords()).containsExactly(record);
    }

    @Test
    void quarantine_recordWithoutSequenceNumberOrEventId_isNamedByItsContent() throws Exception {
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setEventSourceARN(STREAM_ARN);

        String first = quarantine.quarantine(record, Failure.permanent("no dynamodb section"), "VoteCount");
        String again = quarantine.quarantine(record, Failure.permanent("no dynamodb section"), "VoteCount");
        record.setEventName("REMOVE");
        String other = quarantine.quarantine(record, Failure.permanent("no dynamodb section"), "VoteCount");

        assertThat(first).matches("VoteCount/2026/12/05/votes\\.2026-12-05T00-00-00\\.000/sha256-[0-9a-f]{64}\\.json");
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
        assertThat(new ObjectMapper().readTree(quarantine.read(first).record()).path("eventName").asText()).isEqualTo("INSERT");
        assertThat(quarantine.read(first).source()).isEqualTo(QuarantinedRecord.Source.DYNAMODB);
    }

    @Test
    void quarantineIncrement_isDatedByItsWindowAndReadBackAsNoRecord() throws Exception {
        Map<String, Object> increment = new LinkedHashMap<>();
        increment.put("eventSource", "ddbstreams:window-increment");
        increment.put("add", Map.of("Score", "1E+38"));

        ChangeRecord last = changeRecord("901", Map.of("id", AttributeValue.fromS("9")));

        String key = quarantine.quarantineIncrement(STREAM_ARN, "2026-12-04T23:59:59Z", "window-900-shardId-1-abc",
                increment, List.of(last), Failure.permanent("Score has 39 significant digits; a number has at most 38"),
                "ScoreSum");

        assertThat(key).isEqualTo("ScoreSum/2026/12/04/votes.2026-12-05T00-00-00.000/window-900-shardId-1-abc.json");
        QuarantinedRecord read = quarantine.read(key);
        assertThat(read.source()).isEqualTo(QuarantinedRecord.Source.WINDOW_INCREMENT);
        JsonNode readBack = new ObjectMapper().readTree(read.record());
        assertThat(readBack.path("add").toString()).isEqualTo("{\"Score\":\"1E+38\"}");
        assertThat(readBack.path("records")).hasSize(1);
        DynamodbEvent records = DYNAMODB_EVENTS.fromJson(new ByteArrayInputStream(("{\"Records\":"
                + readBack.path("records") + "}").getBytes(StandardCharsets.UTF_8)));
        assertThat(ChangeRecords.fromEvent(records)).containsExactly(last);
        assertThatThrownBy(read::eventJson).isInstanceOf(IllegalStateException.class).hasMessageContaining("not a record");
    }

    @Test
    void quarantine_whenTheBatchIsRetried_rewritesTheSameObject() throws Exception {
        ChangeRecord record = changeRecord("900", Map.of("id", AttributeValue.fromS("1")));
        S3Quarantine later = new S3Quarantine(new S3ClientBucket(s3, "quarantine"),
                InstantSource.fixed(QUARANTINED_AT.plusSeconds(60)));

        String first = quarantine.quarantine(record, Failure.permanent("bad"), "VoteCount");
        String second = later.quarantine(record, Failure.permanent("bad"), "VoteCount");

        assertThat(second).isEqualTo(first);
        assertThat(quarantine.keys("VoteCount")).containsExactly(first);
        assertThat(quarantine.read(first).quarantinedAt()).isEqualTo(QUARANTINED_AT.plusSeconds(60));
        try (var files = Files.walk(work.resolve("s3/quarantine"))) {
            assertThat(files.filter(Files::isRegularFile).count()).isEqualTo(1);
        }
    }

    @Test
    void keys_listsOneFunctionsRecordsOnly_bySequenceNumberAsANumber() {
        String a = quarantine.quarantine(changeRecord("10", Map.of("id", AttributeValue.fromS("1"))), Failure.permanent("a"), "VoteCount");
        String b = quarantine.quarantine(changeRecord("9", Map.of("id", AttributeValue.fromS("2"))), Failure.permanent("b"), "VoteCount");
        quarantine.quarantine(changeRecord("3", Map.of("id", AttributeValue.fromS("3"))), Failure.permanent("c"), "VoteCountSeed");

        assertThat(quarantine.keys("VoteCount")).containsExactly(b, a);
    }

    @Test
    void quarantine_twoRecordsWithOneSequenceNumber_fromTwoShards_areKeptApart() {
        Map<String, AttributeValue> image = Map.of("id", AttributeValue.fromS("1"));
        ChangeRecord shardA = changeRecord("500", image);
        ChangeRecord shardB = ChangeRecords.fromGetRecords(Record.builder().eventID("other-shard-event").eventName(OperationType.INSERT)
                .eventVersion("1.1").eventSource("aws:dynamodb").awsRegion("us-east-1")
                .dynamodb(StreamRecord.builder().approximateCreationDateTime(Instant.parse("2026-12-05T09:59:58Z"))
                        .keys(image).newImage(image).sequenceNumber("500").sizeBytes(100L)
                        .streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build(), STREAM_ARN);

        String a = quarantine.quarantine(shardA, Failure.permanent("a"), "VoteCount");
        String b = quarantine.quarantine(shardB, Failure.permanent("b"), "VoteCount");

        assertThat(b).isNotEqualTo(a);
        assertThat(quarantine.keys("VoteCount")).containsExactlyInAnyOrder(a, b);
        assertThat(quarantine.read(a).reason()).isEqualTo("a");
    }

    private static ChangeRecord changeRecord(String sequenceNumber, Map<String, AttributeValue> newImage) {
        Record record = Record.builder().eventID("event-" + sequenceNumber).eventName(OperationType.INSERT)
                .eventVersion("1.1").eventSource("aws:dynamodb").awsRegion("us-east-1")
                .dynamodb(StreamRecord.builder().approximateCreationDateTime(Instant.parse("2026-12-05T09:59:58Z"))
                        .keys(Map.of("id", newImage.get("id"))).newImage(newImage).sequenceNumber(sequenceNumber)
                        .sizeBytes(100L).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build())
                .build();
        return ChangeRecords.fromGetRecords(record, STREAM_ARN);
    }

    private static KinesisEvent.KinesisEventRecord kinesisRecord(byte[] data) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setKinesisSchemaVersion("1.0");
        kinesis.setPartitionKey("ann");
        kinesis.setSequenceNumber("49590338271490256608559692538361571095921575989136588898");
        kinesis.setData(ByteBuffer.wrap(data));
        kinesis.setApproximateArrivalTimestamp(Date.from(Instant.parse("2026-12-05T09:59:58.123Z")));
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        record.setEventSource("aws:kinesis");
        record.setEventVersion("1.0");
        record.setEventID("shardId-000000000006:49590338271490256608559692538361571095921575989136588898");
        record.setEventName("aws:kinesis:record");
        record.setInvokeIdentityArn("arn:aws:iam::123456789012:role/lambda-role");
        record.setAwsRegion("us-east-1");
        record.setEventSourceARN("arn:aws:kinesis:us-east-1:123456789012:stream/game-scores");
        return record;
    }
}
