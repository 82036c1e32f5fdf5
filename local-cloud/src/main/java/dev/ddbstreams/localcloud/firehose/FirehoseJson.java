package dev.ddbstreams.localcloud.firehose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ddbstreams.localcloud.awsjson.AwsJson;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.BufferingHints;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamRequest;
import software.amazon.awssdk.services.firehose.model.DescribeDeliveryStreamResponse;
import software.amazon.awssdk.services.firehose.model.DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsRequest;
import software.amazon.awssdk.services.firehose.model.ListDeliveryStreamsResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.PutRecordRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordResponse;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Firehose's AWS JSON 1.1 wire format for the emulated operations: request bodies into the
 * SDK's model requests, model responses into the bodies Firehose answers with. Member names are
 * the API reference's ({@code DeliveryStreamName}, {@code Records[].Data} as base64...);
 * timestamps are epoch seconds, as JSON 1.1 sends them.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html">PutRecordBatch</a>
 */
final class FirehoseJson {

    private FirehoseJson() {
    }

    static PutRecordBatchRequest putRecordBatchRequest(JsonNode body) {
        List<Record> records = new ArrayList<>();
        for (JsonNode record : body.path("Records")) {
            records.add(record(record, "Records"));
        }
        return PutRecordBatchRequest.builder().deliveryStreamName(text(body, "DeliveryStreamName"))
                .records(records).build();
    }

    static PutRecordRequest putRecordRequest(JsonNode body) {
        JsonNode record = body.get("Record");
        return PutRecordRequest.builder().deliveryStreamName(text(body, "DeliveryStreamName"))
                .record(record == null || record.isNull() ? null : record(record, "Record")).build();
    }

    static DescribeDeliveryStreamRequest describeDeliveryStreamRequest(JsonNode body) {
        return DescribeDeliveryStreamRequest.builder().deliveryStreamName(text(body, "DeliveryStreamName"))
                .limit(integer(body, "Limit")).exclusiveStartDestinationId(text(body, "ExclusiveStartDestinationId"))
                .build();
    }

    static ListDeliveryStreamsRequest listDeliveryStreamsRequest(JsonNode body) {
        return ListDeliveryStreamsRequest.builder().limit(integer(body, "Limit"))
                .deliveryStreamType(text(body, "DeliveryStreamType"))
                .exclusiveStartDeliveryStreamName(text(body, "ExclusiveStartDeliveryStreamName")).build();
    }

    static ObjectNode putRecordBatchResponse(PutRecordBatchResponse response) {
        ObjectNode body = AwsJson.object();
        body.put("FailedPutCount", response.failedPutCount());
        body.put("Encrypted", response.encrypted());
        ArrayNode entries = body.putArray("RequestResponses");
        for (PutRecordBatchResponseEntry entry : response.requestResponses()) {
            ObjectNode node = entries.addObject();
            putIfPresent(node, "RecordId", entry.recordId());
            putIfPresent(node, "ErrorCode", entry.errorCode());
            putIfPresent(node, "ErrorMessage", entry.errorMessage());
        }
        return body;
    }

    static ObjectNode putRecordResponse(PutRecordResponse response) {
        ObjectNode body = AwsJson.object();
        body.put("RecordId", response.recordId());
        body.put("Encrypted", response.encrypted());
        return body;
    }

    static ObjectNode describeDeliveryStreamResponse(DescribeDeliveryStreamResponse response) {
        DeliveryStreamDescription description = response.deliveryStreamDescription();
        ObjectNode body = AwsJson.object();
        ObjectNode node = body.putObject("DeliveryStreamDescription");
        node.put("DeliveryStreamName", description.deliveryStreamName());
        node.put("DeliveryStreamARN", description.deliveryStreamARN());
        node.put("DeliveryStreamStatus", description.deliveryStreamStatusAsString());
        node.put("DeliveryStreamType", description.deliveryStreamTypeAsString());
        node.put("VersionId", description.versionId());
        if (description.createTimestamp() != null) {
            node.put("CreateTimestamp", epochSeconds(description.createTimestamp()));
        }
        ArrayNode destinations = node.putArray("Destinations");
        for (DestinationDescription destination : description.destinations()) {
            ObjectNode destinationNode = destinations.addObject();
            destinationNode.put("DestinationId", destination.destinationId());
            ExtendedS3DestinationDescription s3 = destination.extendedS3DestinationDescription();
            if (s3 != null) {
                destinationNode.set("ExtendedS3DestinationDescription", extendedS3(s3));
            }
        }
        node.put("HasMoreDestinations", description.hasMoreDestinations());
        return body;
    }

    static ObjectNode listDeliveryStreamsResponse(ListDeliveryStreamsResponse response) {
        ObjectNode body = AwsJson.object();
        ArrayNode names = body.putArray("DeliveryStreamNames");
        response.deliveryStreamNames().forEach(names::add);
        body.put("HasMoreDeliveryStreams", response.hasMoreDeliveryStreams());
        return body;
    }

    private static ObjectNode extendedS3(ExtendedS3DestinationDescription s3) {
        ObjectNode node = AwsJson.object();
        node.put("BucketARN", s3.bucketARN());
        putIfPresent(node, "Prefix", s3.prefix());
        putIfPresent(node, "ErrorOutputPrefix", s3.errorOutputPrefix());
        BufferingHints hints = s3.bufferingHints();
        if (hints != null) {
            ObjectNode hintsNode = node.putObject("BufferingHints");
            hintsNode.put("SizeInMBs", hints.sizeInMBs());
            hintsNode.put("IntervalInSeconds", hints.intervalInSeconds());
        }
        node.put("CompressionFormat", s3.compressionFormatAsString());
        return node;
    }

    private static Record record(JsonNode record, String member) {
        if (!record.isObject()) {
            throw new AwsJson.MalformedRequestException(member + " must hold objects with a Data member", null);
        }
        String data = text(record, "Data");
        if (data == null) {
            return Record.builder().build();
        }
        try {
            return Record.builder().data(SdkBytes.fromByteArray(Base64.getDecoder().decode(data))).build();
        } catch (IllegalArgumentException e) {
            throw new AwsJson.MalformedRequestException(member + "[].Data is not base64: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new AwsJson.MalformedRequestException(member + " must be a string", null);
        }
        return value.textValue();
    }

    private static Integer integer(JsonNode node, String member) {
        JsonNode value = node.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new AwsJson.MalformedRequestException(member + " must be an integer", null);
        }
        return value.intValue();
    }

    private static void putIfPresent(ObjectNode node, String member, String value) {
        if (value != null) {
            node.put(member, value);
        }
    }

    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.toEpochMilli()).movePointLeft(3);
    }
}
