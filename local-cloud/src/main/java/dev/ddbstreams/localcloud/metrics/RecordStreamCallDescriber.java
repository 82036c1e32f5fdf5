package dev.ddbstreams.localcloud.metrics;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;

/**
 * Firehose and Kinesis calls per delivery stream or stream: records and payload bytes.
 *
 * <p>Read by member name ({@link ModelFields}) because this module does not depend on those
 * SDKs: Firehose PutRecord ({@code Record.Data}) and PutRecordBatch ({@code Records[].Data}),
 * Kinesis PutRecord ({@code Data}), PutRecords ({@code Records[].Data}) and GetRecords (the
 * response's {@code Records[].Data}). Items of a put are the records accepted: sent minus the
 * response's {@code FailedPutCount} (Firehose) or {@code FailedRecordCount} (Kinesis); bytes are
 * all bytes sent, resends included.
 */
final class RecordStreamCallDescriber implements CallDescriber {

    @Override
    public List<ResourceUsage> describe(String operation, SdkRequest request, Optional<SdkResponse> response) {
        String stream = ModelFields.string(request, "DeliveryStreamName")
                .or(() -> ModelFields.string(request, "StreamName"))
                .or(() -> ModelFields.string(request, "StreamARN").map(arn -> arn.substring(arn.lastIndexOf('/') + 1)))
                .orElse("");
        if (operation.startsWith("Put")) {
            List<?> records = sentRecords(request);
            long failed = response.map(r -> ModelFields.number(r, "FailedPutCount") + ModelFields.number(r, "FailedRecordCount"))
                    .orElse((long) records.size());
            return List.of(new ResourceUsage(stream, records.size() - failed, bytesOf(records), false, false, 0, 0));
        }
        if (operation.equals("GetRecords")) {
            List<?> records = response.map(r -> ModelFields.list(r, "Records")).orElse(List.of());
            return List.of(new ResourceUsage(stream, records.size(), bytesOf(records), false, false, 0, 0));
        }
        return List.of(ResourceUsage.of(stream));
    }

    /** Firehose PutRecordBatch and Kinesis PutRecords: Records; Firehose PutRecord: Record; Kinesis PutRecord: the request itself. */
    private static List<?> sentRecords(SdkRequest request) {
        List<?> records = ModelFields.list(request, "Records");
        if (!records.isEmpty()) {
            return records;
        }
        Optional<Object> single = ModelFields.value(request, "Record");
        if (single.isPresent()) {
            return List.of(single.get());
        }
        return ModelFields.value(request, "Data").isPresent() ? List.of(request) : List.of();
    }

    private static long bytesOf(List<?> records) {
        long bytes = 0;
        for (Object record : records) {
            bytes += ModelFields.value(record, "Data")
                    .filter(SdkBytes.class::isInstance)
                    .map(data -> (long) ((SdkBytes) data).asByteBuffer().remaining())
                    .orElse(0L);
        }
        return bytes;
    }
}
