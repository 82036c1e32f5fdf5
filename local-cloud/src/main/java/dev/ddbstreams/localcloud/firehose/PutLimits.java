package dev.ddbstreams.localcloud.firehose;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * Firehose's fixed quotas for PutRecord and PutRecordBatch. A call that breaks one is rejected
 * whole with InvalidArgumentException, nothing from it is buffered.
 *
 * <p>The 4 MiB check counts the sum of the records' data bytes (before base64), which is what
 * AWS's message "Records size exceeds 4 MB limit" names; the JSON envelope and base64 growth of
 * the real HTTP request are not counted.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html">PutRecordBatch</a>
 */
final class PutLimits {

    static final int MAX_RECORDS_PER_BATCH = 500;
    /** 1,000 KiB before base64. */
    static final int MAX_RECORD_BYTES = 1_024_000;
    /** 4 MiB for the records of one call. */
    static final long MAX_BATCH_BYTES = 4L * 1024 * 1024;

    private PutLimits() {
    }

    /** Checks a PutRecordBatch call; member indexes in messages are 1-based, as in AWS validation messages. */
    static void checkBatch(String deliveryStreamName, List<Record> records) {
        List<String> errors = new ArrayList<>();
        requireStreamName(deliveryStreamName, errors);
        if (records.isEmpty()) {
            errors.add("Value '[]' at 'records' failed to satisfy constraint: Member must have length greater than or equal to 1");
        } else if (records.size() > MAX_RECORDS_PER_BATCH) {
            errors.add("Value of " + records.size() + " records at 'records' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_RECORDS_PER_BATCH);
        }
        long total = 0;
        for (int i = 0; i < records.size(); i++) {
            SdkBytes data = records.get(i).data();
            checkData(data, "records." + (i + 1) + ".member.data", errors);
            total += size(data);
        }
        throwIfAny(errors);
        if (total > MAX_BATCH_BYTES) {
            throw ServiceErrors.invalidArgument("Records size exceeds 4 MB limit");
        }
    }

    /** Checks a PutRecord call. */
    static void checkSingle(String deliveryStreamName, Record record) {
        List<String> errors = new ArrayList<>();
        requireStreamName(deliveryStreamName, errors);
        if (record == null) {
            errors.add("Value null at 'record' failed to satisfy constraint: Member must not be null");
        } else {
            checkData(record.data(), "record.data", errors);
        }
        throwIfAny(errors);
    }

    static int size(SdkBytes data) {
        return data == null ? 0 : data.asByteBuffer().remaining();
    }

    private static void requireStreamName(String deliveryStreamName, List<String> errors) {
        if (deliveryStreamName == null) {
            errors.add("Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null");
        }
    }

    private static void checkData(SdkBytes data, String path, List<String> errors) {
        if (data == null) {
            errors.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
        } else if (size(data) > MAX_RECORD_BYTES) {
            errors.add("Value of " + size(data) + " bytes at '" + path + "' failed to satisfy constraint: "
                    + "Member must have length less than or equal to " + MAX_RECORD_BYTES);
        }
    }

    private static void throwIfAny(List<String> errors) {
        if (!errors.isEmpty()) {
            String count = errors.size() == 1 ? "1 validation error detected: " : errors.size() + " validation errors detected: ";
            throw ServiceErrors.invalidArgument(count + String.join("; ", errors));
        }
    }
}
