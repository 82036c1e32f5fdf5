package dev.ddbstreams.localcloud.destinations;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The invocation record a stream trigger sends to its on-failure destination when it gives a
 * batch up, in the shape of the Lambda developer guide's example ("Retaining records of failed
 * invocations", https://docs.aws.amazon.com/lambda/latest/dg/services-dynamodb-errors.html):
 * {@code requestContext}, {@code responseContext}, {@code version}, {@code timestamp} (UTC,
 * milliseconds) and the batch's position under {@code DDBStreamBatchInfo} or
 * {@code KinesisBatchInfo} (arrival times in whole seconds). SQS and SNS get the record alone; an
 * S3 destination also gets the invocation's payload ({@link #toJson(ObjectNode)}).
 *
 * @param functionError the function's error type ("Unhandled"), empty when the batch was never
 *     invoked (its records expired first)
 */
public record InvocationRecord(RequestContext requestContext, Optional<String> functionError, Instant timestamp,
        BatchInfo batchInfo) {

    static final DateTimeFormatter MILLISECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** Why Lambda gave the batch up, as the record's {@code condition} names it. */
    public enum Condition { RetryAttemptsExhausted, RecordAgeExceeded }

    /** Which stream the batch came from: it names the batch-info field. */
    public enum Source {
        DYNAMODB_STREAMS("DDBStreamBatchInfo"),
        KINESIS("KinesisBatchInfo");

        private final String batchInfoField;

        Source(String batchInfoField) {
            this.batchInfoField = batchInfoField;
        }

        public String batchInfoField() {
            return batchInfoField;
        }
    }

    public record RequestContext(String requestId, String functionArn, Condition condition,
            int approximateInvokeCount) {
    }

    public record BatchInfo(Source source, String shardId, String startSequenceNumber, String endSequenceNumber,
            Instant approximateArrivalOfFirstRecord, Instant approximateArrivalOfLastRecord, int batchSize,
            String streamArn) {
    }

    /** The record as SQS and SNS destinations receive it. */
    public ObjectNode toJson() {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        ObjectNode request = record.putObject("requestContext");
        request.put("requestId", requestContext.requestId());
        request.put("functionArn", requestContext.functionArn());
        request.put("condition", requestContext.condition().name());
        request.put("approximateInvokeCount", requestContext.approximateInvokeCount());
        ObjectNode response = record.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        functionError.ifPresent(error -> response.put("functionError", error));
        record.put("version", "1.0");
        record.put("timestamp", MILLISECONDS.format(timestamp));
        ObjectNode info = record.putObject(batchInfo.source().batchInfoField());
        info.put("shardId", batchInfo.shardId());
        info.put("startSequenceNumber", batchInfo.startSequenceNumber());
        info.put("endSequenceNumber", batchInfo.endSequenceNumber());
        info.put("approximateArrivalOfFirstRecord", SECONDS.format(batchInfo.approximateArrivalOfFirstRecord()));
        info.put("approximateArrivalOfLastRecord", SECONDS.format(batchInfo.approximateArrivalOfLastRecord()));
        info.put("batchSize", batchInfo.batchSize());
        info.put("streamArn", batchInfo.streamArn());
        return record;
    }

    /** The record as an S3 destination receives it: with the invocation's event under {@code payload}. */
    public ObjectNode toJson(ObjectNode payload) {
        ObjectNode record = toJson();
        record.set("payload", payload);
        return record;
    }
}
