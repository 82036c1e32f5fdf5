package dev.ddbstreams.localcloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Sends each change as a line {@code <eventName> <id>} to a delivery stream with
 * PutRecordBatch, building its client the way a deployed handler does: region from the
 * environment, endpoint and credentials from the SDK's standard configuration. A batch with
 * failed entries fails the invocation (the trigger retries it): good enough for a test handler.
 */
public final class ArchiveHandler implements RequestHandler<DynamodbEvent, Void> {

    private final FirehoseClient firehose = FirehoseClient.builder()
            .region(Region.of(FunctionEnvironment.require("AWS_REGION")))
            .build();
    private final String deliveryStream = FunctionEnvironment.require("DELIVERY_STREAM");

    @Override
    public Void handleRequest(DynamodbEvent event, Context context) {
        List<Record> lines = ChangeRecords.fromEvent(event).stream().map(ArchiveHandler::line).toList();
        PutRecordBatchResponse response = firehose.putRecordBatch(b -> b.deliveryStreamName(deliveryStream).records(lines));
        if (response.failedPutCount() > 0) {
            throw new IllegalStateException(response.failedPutCount() + " records failed");
        }
        return null;
    }

    private static Record line(ChangeRecord change) {
        String text = change.eventName() + " " + change.keys().attributes().get("id").s() + "\n";
        return Record.builder().data(SdkBytes.fromString(text, StandardCharsets.UTF_8)).build();
    }
}
