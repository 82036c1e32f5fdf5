package dev.ddbstreams.localcloud.metrics;

import static dev.ddbstreams.localcloud.metrics.FakeModel.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.protocol.MarshallingType;

/** Firehose and Kinesis shapes, built with the members their SDKs' generated classes have. */
class RecordStreamCallDescriberTest {

    private final RecordStreamCallDescriber describer = new RecordStreamCallDescriber();

    @Test
    void describe_whenFirehosePutRecordBatchPartlyFails_countsAcceptedRecordsAndAllBytesSent() {
        SdkRequest request = FakeModel.request(
                member("DeliveryStreamName", MarshallingType.STRING, "archive"),
                member("Records", MarshallingType.LIST, List.<SdkPojo>of(record("{\"a\":1}\n"), record("{\"b\":22}\n"),
                        record("{\"c\":333}\n"))));

        List<ResourceUsage> usages = describer.describe("PutRecordBatch", request, Optional.of(FakeModel.response(
                member("FailedPutCount", MarshallingType.INTEGER, 1))));

        assertThat(usages).containsExactly(new ResourceUsage("archive", 2, 8 + 9 + 10, false, false, 0, 0));
    }

    @Test
    void describe_whenFirehosePutRecord_countsOneRecord() {
        SdkRequest request = FakeModel.request(
                member("DeliveryStreamName", MarshallingType.STRING, "archive"),
                member("Record", MarshallingType.SDK_POJO, record("1234")));

        assertThat(describer.describe("PutRecord", request, Optional.of(FakeModel.response())))
                .containsExactly(new ResourceUsage("archive", 1, 4, false, false, 0, 0));
    }

    @Test
    void describe_whenKinesisPutRecordNamesStreamByArn_takesTheNameFromTheArn() {
        SdkRequest request = FakeModel.request(
                member("StreamARN", MarshallingType.STRING, "arn:aws:kinesis:us-east-1:123456789012:stream/scores"),
                member("Data", MarshallingType.SDK_BYTES, SdkBytes.fromUtf8String("12345")));

        assertThat(describer.describe("PutRecord", request, Optional.of(FakeModel.response())))
                .containsExactly(new ResourceUsage("scores", 1, 5, false, false, 0, 0));
    }

    @Test
    void describe_whenPutFailed_countsNoRecordsButTheBytesSent() {
        SdkRequest request = FakeModel.request(
                member("StreamName", MarshallingType.STRING, "scores"),
                member("Records", MarshallingType.LIST, List.<SdkPojo>of(record("12"), record("34"))));

        assertThat(describer.describe("PutRecords", request, Optional.empty()))
                .containsExactly(new ResourceUsage("scores", 0, 4, false, false, 0, 0));
    }

    @Test
    void describe_whenKinesisGetRecords_countsRecordsAndBytesRead() {
        SdkRequest request = FakeModel.request(member("StreamARN", MarshallingType.STRING,
                "arn:aws:kinesis:us-east-1:123456789012:stream/scores"));

        List<ResourceUsage> usages = describer.describe("GetRecords", request, Optional.of(FakeModel.response(
                member("Records", MarshallingType.LIST, List.<SdkPojo>of(record("abc"))))));

        assertThat(usages).containsExactly(new ResourceUsage("scores", 1, 3, false, false, 0, 0));
    }

    private static SdkPojo record(String data) {
        return FakeModel.pojo(member("Data", MarshallingType.SDK_BYTES, SdkBytes.fromString(data, StandardCharsets.UTF_8)));
    }
}
