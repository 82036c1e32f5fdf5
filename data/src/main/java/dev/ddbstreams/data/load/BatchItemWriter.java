package dev.ddbstreams.data.load;

import dev.ddbstreams.dynamodb.BatchWriteSender;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Buffers items into BatchWriteItem requests of at most 25 (the API's limit) and sends each with
 * {@link BatchWriteSender}, which retries UnprocessedItems with backoff.
 *
 * <p>DynamoDB rejects a whole request whose items share a key ("Provided list of item keys
 * contains duplicates"). An item whose key is already buffered therefore sends the buffer first:
 * the later row then overwrites the earlier one, exactly as two PutItem calls in file order would.
 */
final class BatchItemWriter implements ItemWriter {

    static final int MAX_BATCH_SIZE = BatchWriteSender.MAX_BATCH_SIZE;

    private final BatchWriteSender sender;
    private final String tableName;
    private final List<String> keyAttributes;
    private final Map<List<AttributeValue>, WriteRequest> batch = new LinkedHashMap<>();
    private long itemsWritten;
    private long requestsSent;
    private long unprocessedItemRetries;

    BatchItemWriter(BatchWriteSender sender, String tableName, List<String> keyAttributes) {
        this.sender = sender;
        this.tableName = tableName;
        this.keyAttributes = List.copyOf(keyAttributes);
    }

    @Override
    public void write(Map<String, AttributeValue> item) {
        List<AttributeValue> key = keyOf(item);
        if (batch.containsKey(key)) {
            sendBatch();
        }
        batch.put(key, WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        if (batch.size() == MAX_BATCH_SIZE) {
            sendBatch();
        }
    }

    @Override
    public void finish() {
        sendBatch();
    }

    @Override
    public int pendingItems() {
        return batch.size();
    }

    @Override
    public long itemsWritten() {
        return itemsWritten;
    }

    @Override
    public long requestsSent() {
        return requestsSent;
    }

    @Override
    public long unprocessedItemRetries() {
        return unprocessedItemRetries;
    }

    private void sendBatch() {
        if (batch.isEmpty()) {
            return;
        }
        List<WriteRequest> toSend = new ArrayList<>(batch.values());
        batch.clear();
        BatchWriteSender.Sent sent = sender.send(tableName, toSend);
        requestsSent += sent.calls();
        unprocessedItemRetries += sent.retriedRequests();
        itemsWritten += toSend.size();
    }

    private List<AttributeValue> keyOf(Map<String, AttributeValue> item) {
        List<AttributeValue> key = new ArrayList<>(keyAttributes.size());
        for (String attribute : keyAttributes) {
            AttributeValue value = item.get(attribute);
            if (value == null) {
                throw new IllegalArgumentException("item has no key attribute '" + attribute + "' of table '"
                        + tableName + "'");
            }
            key.add(value);
        }
        return key;
    }
}
