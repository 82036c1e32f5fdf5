package dev.ddbstreams.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * The benchmark's baseline, kept to show why {@link ArchiveHandler} batches: one PutRecord per
 * change, and any error fails the invocation so Lambda retries the whole batch. Correct (at least
 * once, same lines), but it makes one call per change instead of one per 500 records or 4 MiB,
 * each billed as at least 5 KB, and a change over 1,000 KiB fails every retry until the trigger
 * gives up on the batch.
 *
 * <p>Environment: DELIVERY_STREAM_NAME.
 */
public final class NaiveArchiveHandler implements RequestHandler<DynamodbEvent, String> {

    private final FirehoseClient firehose;
    private final String deliveryStream;
    /** Held so the SnapStart registration lives as long as the handler. */
    private final SnapStartPriming priming;

    public NaiveArchiveHandler() {
        this(LambdaClients.build(FirehoseClient.class, FirehoseClient::builder),
                FunctionEnvironment.require("DELIVERY_STREAM_NAME"));
    }

    NaiveArchiveHandler(FirehoseClient firehose, String deliveryStream) {
        this.firehose = firehose;
        this.deliveryStream = deliveryStream;
        this.priming = FirehosePriming.register(firehose, deliveryStream);
    }

    @Override
    public String handleRequest(DynamodbEvent event, Context context) {
        for (ChangeRecord change : ChangeRecords.fromEvent(event)) {
            firehose.putRecord(b -> b.deliveryStreamName(deliveryStream)
                    .record(r -> r.data(SdkBytes.fromByteArrayUnsafe(ArchiveLine.of(change)))));
        }
        return "Archived " + event.getRecords().size() + " changes.";
    }
}
