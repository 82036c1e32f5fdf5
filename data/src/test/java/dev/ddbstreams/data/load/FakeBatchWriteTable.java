package dev.ddbstreams.data.load;

import dev.ddbstreams.dynamodb.BatchWriteCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Stands in for BatchWriteItem on one table keyed by {@code id}, only to reach what DynamoDB Local
 * never does on demand: leave items unprocessed (it has no throttling), or hold one request back
 * while later ones overtake it. Like DynamoDB, it rejects a request
 * with more than 25 items or with duplicate keys. Everything else is tested on DynamoDB Local.
 */
final class FakeBatchWriteTable implements BatchWriteCall {

    private final String tableName;
    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private final List<Integer> requestSizes = new ArrayList<>();
    private int callsLeavingItemsUnprocessed;
    private int itemsLeftUnprocessed;
    private String slowKey;
    private Duration slowness = Duration.ZERO;

    FakeBatchWriteTable(String tableName) {
        this.tableName = tableName;
    }

    /** The next {@code calls} requests each leave their last {@code count} items unprocessed. */
    FakeBatchWriteTable leaveUnprocessed(int calls, int count) {
        this.callsLeavingItemsUnprocessed = calls;
        this.itemsLeftUnprocessed = count;
        return this;
    }

    /** The first request holding this key waits this long before it is applied, so later ones can overtake it. */
    FakeBatchWriteTable slowDownFirstCallHolding(String id, Duration duration) {
        this.slowKey = id;
        this.slowness = duration;
        return this;
    }

    /** Requests from several threads are applied one at a time, as one table would. */
    @Override
    public BatchWriteItemResponse send(BatchWriteItemRequest request) {
        List<WriteRequest> writes = request.requestItems().get(tableName);
        if (holdsSlowKey(writes)) {
            try {
                Thread.sleep(slowness.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return apply(writes);
    }

    private synchronized boolean holdsSlowKey(List<WriteRequest> writes) {
        boolean holds = slowKey != null
                && writes.stream().anyMatch(write -> write.putRequest().item().get("id").s().equals(slowKey));
        if (holds) {
            slowKey = null;
        }
        return holds;
    }

    private synchronized BatchWriteItemResponse apply(List<WriteRequest> writes) {
        requestSizes.add(writes.size());
        if (writes.size() > 25) {
            throw DynamoDbException.builder().message("Too many items requested for the BatchWriteItem call").build();
        }
        Set<AttributeValue> keys = new HashSet<>();
        for (WriteRequest write : writes) {
            if (!keys.add(write.putRequest().item().get("id"))) {
                throw DynamoDbException.builder().message("Provided list of item keys contains duplicates").build();
            }
        }
        int processed = writes.size();
        if (callsLeavingItemsUnprocessed > 0) {
            callsLeavingItemsUnprocessed--;
            processed = Math.max(0, writes.size() - itemsLeftUnprocessed);
        }
        for (WriteRequest write : writes.subList(0, processed)) {
            items.put(write.putRequest().item().get("id").s(), write.putRequest().item());
        }
        List<WriteRequest> unprocessed = writes.subList(processed, writes.size());
        return BatchWriteItemResponse.builder()
                .unprocessedItems(unprocessed.isEmpty() ? Map.of() : Map.of(tableName, List.copyOf(unprocessed)))
                .build();
    }

    synchronized Map<String, Map<String, AttributeValue>> items() {
        return new LinkedHashMap<>(items);
    }

    synchronized List<Integer> requestSizes() {
        return List.copyOf(requestSizes);
    }
}
