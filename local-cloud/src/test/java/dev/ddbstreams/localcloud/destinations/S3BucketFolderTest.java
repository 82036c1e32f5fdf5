package dev.ddbstreams.localcloud.destinations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class S3BucketFolderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static InvocationRecord record(String functionArn) {
        return new InvocationRecord(new InvocationRecord.RequestContext("request-1", functionArn,
                InvocationRecord.Condition.RetryAttemptsExhausted, 1), Optional.of("Unhandled"),
                Instant.parse("2026-12-05T06:07:08.123Z"),
                new InvocationRecord.BatchInfo(InvocationRecord.Source.DYNAMODB_STREAMS, "shardId-0001", "100", "300",
                        Instant.parse("2026-12-05T06:07:00Z"), Instant.parse("2026-12-05T06:07:01Z"), 3,
                        "arn:aws:dynamodb:us-east-1:123456789012:table/votes/stream/2026-12-05T00:00:00.000"));
    }

    @Test
    void objectKey_followsLambdasLayout_withOnePrefixPerTrigger() {
        String key = S3BucketFolder.objectKey(record("arn:aws:lambda:us-east-1:123456789012:function:a"));
        String again = S3BucketFolder.objectKey(record("arn:aws:lambda:us-east-1:123456789012:function:a"));
        String other = S3BucketFolder.objectKey(record("arn:aws:lambda:us-east-1:123456789012:function:b"));

        assertThat(key).matches("aws/lambda/[0-9a-f-]{36}/shardId-0001/2026/12/05/2026-12-05T06\\.07\\.08-[0-9a-f-]{36}");
        assertThat(again).isNotEqualTo(key).startsWith(key.substring(0, key.indexOf("/shardId")));
        assertThat(other).doesNotStartWith(key.substring(0, key.indexOf("/shardId")));
    }

    @Test
    void write_putsTheRecordWithItsPayloadUnderTheKey(@TempDir Path bucket) throws IOException {
        ObjectNode event = JSON.createObjectNode();
        event.putArray("Records").addObject().put("eventID", "e-1");

        Path object = S3BucketFolder.write(bucket, record("arn:aws:lambda:us-east-1:123456789012:function:a"), event);

        assertThat(bucket.relativize(object).toString()).startsWith("aws/lambda/");
        assertThat(JSON.readTree(Files.readString(object)).at("/payload/Records/0/eventID").asText()).isEqualTo("e-1");
    }
}
