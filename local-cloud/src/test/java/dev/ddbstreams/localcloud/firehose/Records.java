package dev.ddbstreams.localcloud.firehose;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.Record;

/** Builds the requests the tests send. */
final class Records {

    private Records() {
    }

    static Record ofSize(int bytes) {
        byte[] data = new byte[bytes];
        Arrays.fill(data, (byte) 'x');
        return Record.builder().data(SdkBytes.fromByteArray(data)).build();
    }

    static Record line(String text) {
        return Record.builder().data(SdkBytes.fromString(text + "\n", StandardCharsets.UTF_8)).build();
    }

    static List<Record> lines(String tag, int count) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(line("{\"eventID\":\"" + tag + "-" + i + "\"}"));
        }
        return records;
    }

    static List<Record> copies(Record record, int count) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(record);
        }
        return records;
    }

    static PutRecordBatchRequest batch(String stream, List<Record> records) {
        return PutRecordBatchRequest.builder().deliveryStreamName(stream).records(records).build();
    }
}
