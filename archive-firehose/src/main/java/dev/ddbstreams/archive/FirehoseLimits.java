package dev.ddbstreams.archive;

import java.util.ArrayList;
import java.util.List;

/**
 * Firehose's fixed PutRecordBatch quotas (Amazon Data Firehose quotas; they cannot be raised),
 * and the cutting of a list of records into calls that respect them.
 *
 * <p>Sizes count the records' data bytes before base64, as Firehose does ("Records size exceeds
 * 4 MB limit"): not the JSON envelope of the request, not the base64 growth on the wire.
 */
public final class FirehoseLimits {

    /** Records in one PutRecordBatch call. */
    public static final int MAX_RECORDS_PER_CALL = 500;
    /** Data bytes in one PutRecordBatch call: 4 MiB. */
    public static final int MAX_BYTES_PER_CALL = 4 * 1024 * 1024;
    /** Data bytes in one record: 1,000 KiB. */
    public static final int MAX_RECORD_BYTES = 1_024_000;

    private FirehoseLimits() {
    }

    /**
     * Cuts records, in order, into consecutive calls of at most 500 records and 4 MiB each; a call
     * is closed only when the next record would break a limit, so calls are as full as they can be.
     *
     * @throws IllegalArgumentException naming the index of a record over 1,000 KiB (it fits no call)
     */
    public static List<List<byte[]>> calls(List<byte[]> records) {
        List<List<byte[]>> calls = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        long currentBytes = 0;
        for (int i = 0; i < records.size(); i++) {
            byte[] record = records.get(i);
            if (record.length > MAX_RECORD_BYTES) {
                throw new IllegalArgumentException("record " + i + " has " + record.length
                        + " bytes, over Firehose's limit of " + MAX_RECORD_BYTES);
            }
            if (current.size() == MAX_RECORDS_PER_CALL || currentBytes + record.length > MAX_BYTES_PER_CALL) {
                calls.add(current);
                current = new ArrayList<>();
                currentBytes = 0;
            }
            current.add(record);
            currentBytes += record.length;
        }
        if (!current.isEmpty()) {
            calls.add(current);
        }
        return calls;
    }
}
