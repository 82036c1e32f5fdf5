package dev.ddbstreams.localcloud.kinesis;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

/**
 * Kinesis's fixed limits on what a put carries. A call that breaks one is rejected whole:
 * nothing from it is stored. Constraints of the API model (a missing or over-long member, more
 * than 500 entries) come back as ValidationException; the record and request size limits, which
 * count the data plus the partition key, as InvalidArgumentException.
 *
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html">PutRecords</a>
 * @see <a href="https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecordsRequestEntry.html">PutRecordsRequestEntry</a>
 */
final class RecordLimits {

    static final int MAX_PARTITION_KEY_LENGTH = 256;
    static final int MAX_RECORDS_PER_PUT = 500;
    /** 5 MiB for one PutRecords call, partition keys included. */
    static final long MAX_PUT_RECORDS_BYTES = 5L * 1024 * 1024;
    /** A stream's default MaxRecordSizeInKiB: 1 MiB; it can be raised to 10 MiB. */
    static final int DEFAULT_MAX_RECORD_SIZE_KIB = 1024;
    static final int LARGEST_MAX_RECORD_SIZE_KIB = 10 * 1024;

    private RecordLimits() {
    }

    /** Checks one record's members; {@code path} is where it sits in the request, e.g. {@code records.3.member}. */
    static void checkMembers(String partitionKey, SdkBytes data, String explicitHashKey, String path) {
        String prefix = path.isEmpty() ? "" : path + ".";
        if (partitionKey == null) {
            throw validation("Value null at '" + prefix + "partitionKey' failed to satisfy constraint: Member must not be null");
        }
        if (partitionKey.isEmpty() || partitionKey.length() > MAX_PARTITION_KEY_LENGTH) {
            throw validation("Value '" + partitionKey + "' at '" + prefix + "partitionKey' failed to satisfy constraint: "
                    + "Member must have length between 1 and " + MAX_PARTITION_KEY_LENGTH);
        }
        if (data == null) {
            throw validation("Value null at '" + prefix + "data' failed to satisfy constraint: Member must not be null");
        }
        if (explicitHashKey != null && (!explicitHashKey.matches("0|([1-9]\\d{0,38})")
                || new BigInteger(explicitHashKey).compareTo(HashKeyRange.MAX_HASH_KEY) > 0)) {
            throw KinesisErrors.invalidArgument("Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, "
                    + HashKeyRange.MAX_HASH_KEY + "]. Specified value was " + explicitHashKey);
        }
    }

    /** Data plus partition key (UTF-8) against the stream's MaxRecordSizeInKiB. */
    static void checkRecordSize(String partitionKey, SdkBytes data, int maxRecordSizeInKiB, String streamName) {
        long size = size(partitionKey, data);
        long max = maxRecordSizeInKiB * 1024L;
        if (size > max) {
            throw KinesisErrors.invalidArgument("Record size " + size + " bytes (data plus partition key) exceeds "
                    + "the maximum record size of " + max + " bytes of stream " + streamName);
        }
    }

    static void checkPutRecords(List<PutRecordsRequestEntry> records, int maxRecordSizeInKiB, String streamName) {
        if (records.isEmpty() || records.size() > MAX_RECORDS_PER_PUT) {
            throw validation("Value '" + records.size() + " records' at 'records' failed to satisfy constraint: "
                    + "Member must have length between 1 and " + MAX_RECORDS_PER_PUT);
        }
        long total = 0;
        for (int i = 0; i < records.size(); i++) {
            PutRecordsRequestEntry entry = records.get(i);
            checkMembers(entry.partitionKey(), entry.data(), entry.explicitHashKey(), "records." + (i + 1) + ".member");
            checkRecordSize(entry.partitionKey(), entry.data(), maxRecordSizeInKiB, streamName);
            total += size(entry.partitionKey(), entry.data());
        }
        if (total > MAX_PUT_RECORDS_BYTES) {
            throw KinesisErrors.invalidArgument("Records size " + total + " bytes (data plus partition keys) exceeds "
                    + "the 5 MiB limit of one PutRecords request");
        }
    }

    static long size(String partitionKey, SdkBytes data) {
        return partitionKey.getBytes(StandardCharsets.UTF_8).length + (long) data.asByteBuffer().remaining();
    }

    private static ValidationException validation(String error) {
        return KinesisErrors.validation("1 validation error detected: " + error);
    }
}
