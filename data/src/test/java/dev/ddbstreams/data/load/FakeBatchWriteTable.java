package dev.ddbstreams.data.load;

import dev.ddbstreams.dynamodb.BatchWriteCall;
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
 * never does: leave items unprocessed (it has no throttling). Like DynamoDB, it rejects a request
 * with more than 25 items or with duplicate keys. Everything else is tested on DynamoDB Local.
 */
final class FakeBatchWriteTable implements BatchWriteCall {

    private final String tableName;
    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private final List<Integer> requestSizes = new ArrayList<>();
    private int callsLeavingItemsUnprocessed;
    private int itemsLeftUnprocessed;

    FakeBatchWriteTable(String tableName) {
        this.tableName = tableName;
    }

    /** The next {@code calls} requests each leave their last {@code count} items unprocessed. */
    FakeBatchWriteTable leaveUnprocessed(int calls, int count) {
        this.callsLeavingItemsUnprocessed = calls;
        this.itemsLeftUnprocessed = count;
        return this;
    }

    @Override
    public BatchWriteItemResponse send(BatchWriteItemRequest request) {
        List<WriteRequest> writes = request.requestItems().get(tableName);
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

    Map<String, Map<String, AttributeValue>> items() {
        return items;
    }

    List<Integer> requestSizes() {
        return requestSizes;
    }
}
