package dev.ddbstreams.labs.archive.planted;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.archive.ArchiveLine;
import dev.ddbstreams.archive.FirehoseLimits;
import dev.ddbstreams.archive.PutRecordBatchSender;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.failures.Failure;
import dev.ddbstreams.labs.planted.PlantedStreamHandler;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * A plain correct archiver (one line per change; a change too big for Firehose kept whole in the
 * quarantine and archived as a marker line; calls within Firehose's limits, failed entries resent,
 * and the invocation failed if some are still not accepted, so Lambda retries the batch and the
 * repeats are removed by eventID) with one part swapped for a wrong one: each subclass plants one
 * bug, so the grader must fail exactly the scenarios that bug breaks.
 */
abstract class PlantedBugArchiver extends PlantedStreamHandler<FirehoseClient> {

    PlantedBugArchiver() {
        super(FirehoseClient.class, FirehoseClient::builder, "DELIVERY_STREAM_NAME");
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<byte[]> lines = new ArrayList<>();
        for (DynamodbStreamRecord lambdaRecord : event.getRecords()) {
            ChangeRecord change = ChangeRecords.fromLambda(lambdaRecord);
            if (archives(change)) {
                byte[] line = ArchiveLine.of(change);
                lines.add(line.length <= FirehoseLimits.MAX_RECORD_BYTES ? line : oversized(lambdaRecord, change, line));
            }
        }
        for (List<byte[]> call : FirehoseLimits.calls(lines)) {
            send(call);
        }
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }

    /** Whether a change is archived at all. */
    protected boolean archives(ChangeRecord change) {
        return true;
    }

    /** The line that stands for a change too big for Firehose, once the change is kept whole. */
    protected byte[] oversized(DynamodbStreamRecord record, ChangeRecord change, byte[] line) {
        quarantine.quarantine(record, Failure.permanent(line.length + " bytes as a line"), PlantedStreamHandler.quarantineFolder());
        return ArchiveLine.oversized(change, line.length);
    }

    /** Sends one call's lines; throws if Firehose did not accept them all, so Lambda retries the batch. */
    protected void send(List<byte[]> call) {
        PutRecordBatchSender.Sent sent = new PutRecordBatchSender(client::putRecordBatch, target,
                RetryBackoff.standard()).send(call);
        if (!sent.allAccepted()) {
            throw new IllegalStateException(sent.notAccepted().size() + " records not accepted: " + sent.lastError());
        }
    }
}
