package dev.ddbstreams.dynamodb;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Sends one batch of at most 25 write requests to one table with BatchWriteItem until DynamoDB has
 * processed all of them: UnprocessedItems are sent again, alone, after a {@link RetryBackoff}
 * pause; after the backoff's last attempt it throws {@link UnprocessedItemsException} holding
 * what is left. Exceptions of the call itself (a validation error, or throttling that outlasted
 * the SDK's own retries) propagate unchanged.
 *
 * <p>Shared by the CSV loader (data module) and the replica writer (replication module).
 */
public final class BatchWriteSender {

    /** BatchWriteItem's limit of requests per call. */
    public static final int MAX_BATCH_SIZE = 25;

    /** What one batch cost: calls made and requests sent again because they came back unprocessed. */
    public record Sent(int calls, int retriedRequests) {
    }

    private final BatchWriteCall call;
    private final RetryBackoff backoff;

    public BatchWriteSender(BatchWriteCall call, RetryBackoff backoff) {
        this.call = call;
        this.backoff = backoff;
    }

    /**
     * @param requests 1 to 25 requests, no two for the same key (DynamoDB rejects the whole call)
     * @throws UnprocessedItemsException if some requests were still unprocessed after the last attempt
     */
    public Sent send(String tableName, List<WriteRequest> requests) {
        if (requests.isEmpty() || requests.size() > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("a batch holds 1 to " + MAX_BATCH_SIZE + " requests, got "
                    + requests.size());
        }
        List<WriteRequest> toSend = requests;
        int retried = 0;
        for (int attempt = 1; ; attempt++) {
            BatchWriteItemResponse response = call.send(
                    BatchWriteItemRequest.builder().requestItems(Map.of(tableName, toSend)).build());
            List<WriteRequest> unprocessed = response.hasUnprocessedItems()
                    ? response.unprocessedItems().getOrDefault(tableName, List.of())
                    : List.of();
            if (unprocessed.isEmpty()) {
                return new Sent(attempt, retried);
            }
            if (attempt == backoff.maxAttempts()) {
                throw new UnprocessedItemsException(tableName, unprocessed, requests.size(), attempt);
            }
            retried += unprocessed.size();
            backoff.pauseBefore(attempt);
            toSend = unprocessed;
        }
    }
}
