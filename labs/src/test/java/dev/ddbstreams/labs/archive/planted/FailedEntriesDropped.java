package dev.ddbstreams.labs.archive.planted;

import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.Record;

/** Planted bug: one PutRecordBatch call whose answer is not read, so the entries Firehose failed are lost. */
public final class FailedEntriesDropped extends PlantedBugArchiver {

    @Override
    protected void send(List<byte[]> call) {
        List<Record> records = call.stream().map(line -> Record.builder().data(SdkBytes.fromByteArray(line)).build())
                .toList();
        client.putRecordBatch(b -> b.deliveryStreamName(target).records(records));
    }
}
