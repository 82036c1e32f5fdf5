package dev.ddbstreams.archive;

import dev.ddbstreams.dynamodb.RetryBackoff;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;

/**
 * Sends one PutRecordBatch call's records until Firehose has accepted all of them, within a bound.
 *
 * <p>A call can succeed with {@code FailedPutCount > 0}: its {@code RequestResponses} are aligned
 * with the request by index, and only the entries with an {@code ErrorCode} are sent again, after
 * a {@link RetryBackoff} pause (the SDK never retries those). A call rejected whole with
 * {@code ServiceUnavailableException} (throttling, after the SDK's own retries) or another 5xx is
 * sent again the same way. The backoff's attempts bound both; what is still not accepted then is
 * returned, so the caller can have Lambda retry it. Any other exception (a limit broken, an
 * unknown delivery stream) is a bug or a misconfiguration and propagates.
 *
 * <p>See https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html
 */
public final class PutRecordBatchSender {

    private static final Logger LOG = LoggerFactory.getLogger(PutRecordBatchSender.class);

    /** The call itself: {@code firehoseClient::putRecordBatch}, or a test double. */
    @FunctionalInterface
    public interface Call {
        PutRecordBatchResponse send(PutRecordBatchRequest request);
    }

    /**
     * @param calls calls made, including those rejected whole
     * @param resentRecords records sent again because they failed
     * @param notAccepted indexes (into the records given) still not accepted after the last attempt, ascending
     * @param lastError the last error seen, empty if none
     */
    public record Sent(int calls, int resentRecords, List<Integer> notAccepted, String lastError) {

        public boolean allAccepted() {
            return notAccepted.isEmpty();
        }
    }

    private final Call call;
    private final String deliveryStream;
    private final RetryBackoff backoff;

    public PutRecordBatchSender(Call call, String deliveryStream, RetryBackoff backoff) {
        this.call = call;
        this.deliveryStream = deliveryStream;
        this.backoff = backoff;
    }

    /** @param records 1..500 records of at most 4 MiB together (see {@link FirehoseLimits#calls}) */
    public Sent send(List<byte[]> records) {
        List<Integer> pending = IntStream.range(0, records.size()).boxed().toList();
        int calls = 0;
        int resent = 0;
        String lastError = "";
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1) {
                resent += pending.size();
            }
            calls++;
            try {
                PutRecordBatchResponse response = call.send(request(records, pending));
                pending = failed(response, pending);
                if (pending.isEmpty()) {
                    return new Sent(calls, resent, List.of(), lastError);
                }
                PutRecordBatchResponseEntry first = firstError(response);
                lastError = first.errorCode() + ": " + first.errorMessage();
                LOG.info("PutRecordBatch to {}: {} of {} records failed ({}), attempt {} of {}", deliveryStream,
                        pending.size(), response.requestResponses().size(), lastError, attempt, backoff.maxAttempts());
            } catch (ServiceUnavailableException e) {
                lastError = errorOf(e);
                LOG.info("PutRecordBatch to {} throttled ({}), attempt {} of {}", deliveryStream, lastError, attempt,
                        backoff.maxAttempts());
            } catch (FirehoseException e) {
                if (e.statusCode() < 500) {
                    throw e;
                }
                lastError = errorOf(e);
                LOG.info("PutRecordBatch to {} failed ({}), attempt {} of {}", deliveryStream, lastError, attempt,
                        backoff.maxAttempts());
            }
            if (attempt == backoff.maxAttempts()) {
                return new Sent(calls, resent, pending, lastError);
            }
            backoff.pauseBefore(attempt);
        }
    }

    private PutRecordBatchRequest request(List<byte[]> records, List<Integer> indexes) {
        List<Record> batch = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            batch.add(Record.builder().data(SdkBytes.fromByteArrayUnsafe(records.get(index))).build());
        }
        return PutRecordBatchRequest.builder().deliveryStreamName(deliveryStream).records(batch).build();
    }

    /** The entries of {@code sent} whose response entry has an error code, in order. */
    private static List<Integer> failed(PutRecordBatchResponse response, List<Integer> sent) {
        List<PutRecordBatchResponseEntry> entries = response.requestResponses();
        if (entries.size() != sent.size()) {
            throw new IllegalStateException("PutRecordBatch answered " + entries.size() + " entries for "
                    + sent.size() + " records; they must be index-aligned");
        }
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).errorCode() != null) {
                failed.add(sent.get(i));
            }
        }
        return failed;
    }

    private static PutRecordBatchResponseEntry firstError(PutRecordBatchResponse response) {
        return response.requestResponses().stream().filter(entry -> entry.errorCode() != null).findFirst()
                .orElseThrow();
    }

    private static String errorOf(FirehoseException e) {
        return (e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + ": ")
                + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage());
    }
}
