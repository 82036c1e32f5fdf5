package dev.ddbstreams.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.dynamodb.RetryBackoff;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.lambda.SnapStartPriming;
import dev.ddbstreams.quarantine.S3Quarantine;
import java.util.List;
import software.amazon.awssdk.services.firehose.FirehoseClient;

/**
 * Archives every change of the table whose stream triggers it: one JSON line per change, sent to
 * a Firehose delivery stream with PutRecordBatch, which buffers them into S3 (template.yaml).
 *
 * <p>Failure mode: see {@link ChangeArchiver}. It needs {@code FunctionResponseTypes:
 * [ReportBatchItemFailures]}: the response names the earliest change Firehose did not accept and
 * Lambda retries from there. Delivery is at least once; each line carries its eventID. A record
 * that can never be archived goes whole to the quarantine bucket, under {@code ArchiveFunction/}.
 *
 * <p>Environment: DELIVERY_STREAM_NAME; QUARANTINE_BUCKET; ARCHIVE_ONLY_TTL_DELETES ({@code true}
 * archives only the items TTL expired, default {@code false}); PACK_LINES ({@code false} sends one
 * line per Firehose record, default {@code true}).
 */
public final class ArchiveHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    private final ChangeArchiver archiver;
    /** Held so the SnapStart registration lives as long as the handler; null when built for a test. */
    private final SnapStartPriming priming;

    /** The folder of the quarantine bucket this function's records go to, unless QUARANTINE_PREFIX names another. */
    public static final String QUARANTINE_FOLDER = "ArchiveFunction";

    public ArchiveHandler() {
        this(LambdaClients.build(FirehoseClient.class, FirehoseClient::builder),
                FunctionEnvironment.require("DELIVERY_STREAM_NAME"),
                S3Quarantine.ofFunction(),
                FunctionEnvironment.flag("ARCHIVE_ONLY_TTL_DELETES", false), FunctionEnvironment.flag("PACK_LINES", true));
    }

    ArchiveHandler(FirehoseClient firehose, String deliveryStream, S3Quarantine quarantine, boolean onlyTtlDeletes,
            boolean packLines) {
        this(new ChangeArchiver(new PutRecordBatchSender(firehose::putRecordBatch, deliveryStream, RetryBackoff.standard()),
                new OversizedChanges(deliveryStream),
                (record, failure) -> quarantine.quarantine(record, failure,
                        FunctionEnvironment.get("QUARANTINE_PREFIX").orElse(QUARANTINE_FOLDER)), onlyTtlDeletes, packLines),
                FirehosePriming.register(firehose, deliveryStream));
    }

    ArchiveHandler(ChangeArchiver archiver) {
        this(archiver, null);
    }

    private ArchiveHandler(ChangeArchiver archiver, SnapStartPriming priming) {
        this.archiver = archiver;
        this.priming = priming;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return archiver.archive(event.getRecords() == null ? List.of() : event.getRecords());
    }
}
