package dev.ddbstreams.labs.archive.exercise;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.ddbstreams.archive.ArchiveLine;
import dev.ddbstreams.lambda.FunctionEnvironment;
import dev.ddbstreams.lambda.LambdaClients;
import dev.ddbstreams.records.ChangeRecord;
import dev.ddbstreams.records.ChangeRecords;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * YOUR invoice archiver: lab 03's exercise (labs/03-archive/README.md, "Exercise").
 * {@code ./workshop check 03-archive} runs it in place of the module's handler, on the same
 * trigger (archive-firehose/template.yaml's ArchiveFunction: ReportBatchItemFailures, a failed
 * batch halved and retried up to 100 times), and grades what reaches the archive bucket.
 *
 * <p>It starts as a naive archiver does: one line per change ({@link ArchiveLine}, the archive's
 * format, whose fields the lab's queries read), the whole batch in one PutRecordBatch call, and
 * the answer not read. Edit it until every scenario passes. Environment: DELIVERY_STREAM_NAME;
 * QUARANTINE_BUCKET (an S3 bucket for changes that can never be archived; the function may write
 * under {@code ArchiveFunction/} only).
 */
public final class InvoiceArchiver implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    // Built once per execution environment, not per invocation.
    private final FirehoseClient firehose = LambdaClients.build(FirehoseClient.class, FirehoseClient::builder);
    private final String deliveryStream = FunctionEnvironment.require("DELIVERY_STREAM_NAME");

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<Record> records = new ArrayList<>();
        for (DynamodbStreamRecord lambdaRecord : event.getRecords()) {
            ChangeRecord change = ChangeRecords.fromLambda(lambdaRecord);
            records.add(Record.builder().data(SdkBytes.fromByteArray(ArchiveLine.of(change))).build());
        }
        firehose.putRecordBatch(b -> b.deliveryStreamName(deliveryStream).records(records));
        // No record failed, as far as this handler knows: nothing for Lambda to retry.
        return StreamsEventResponse.builder().withBatchItemFailures(List.of()).build();
    }
}
