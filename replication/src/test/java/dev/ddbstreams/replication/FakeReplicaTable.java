package dev.ddbstreams.replication;

import dev.ddbstreams.dynamodb.BatchWriteCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Stands in for BatchWriteItem on a table keyed by {@code PK}, only for what DynamoDB Local never
 * does: leave items unprocessed (no throttling) or fail a call on demand. Like DynamoDB it rejects
 * a request with more than 25 items or with one key twice. It can also refuse a key the way DynamoDB
 * refuses an item it can never write (a ValidationException naming no item). The handler runs on DynamoDB Local in
 * the {@code *IT} tests.
 */
final class FakeReplicaTable implements BatchWriteCall {

    private final String tableName;
    private final Map<String, Map<String, AttributeValue>> items = new LinkedHashMap<>();
    private final List<List<String>> requests = new ArrayList<>();
    private final Set<String> neverProcessed = new HashSet<>();
    private final Set<String> failingCalls = new HashSet<>();
    private final Set<String> refused = new HashSet<>();

    FakeReplicaTable(String tableName) {
        this.tableName = tableName;
    }

    /** Every call holding this key leaves it unprocessed. */
    void neverProcess(String pk) {
        neverProcessed.add(pk);
    }

    /** Every call holding this key fails as a whole, as a ValidationException would. */
    void failCallsWith(String pk) {
        failingCalls.add(pk);
    }

    /** Every call holding this key is refused with DynamoDB's ValidationException, as a bad item would be. */
    void refuse(String pk) {
        refused.add(pk);
    }

    void put(Map<String, AttributeValue> item) {
        items.put(item.get("PK").s(), item);
    }

    Map<String, Map<String, AttributeValue>> items() {
        return items;
    }

    /** The PK of each request of each call, in order. */
    List<List<String>> requests() {
        return requests;
    }

    @Override
    public BatchWriteItemResponse send(BatchWriteItemRequest request) {
        List<WriteRequest> writes = request.requestItems().get(tableName);
        List<String> keys = writes.stream().map(FakeReplicaTable::pk).toList();
        if (writes.size() > 25 || new HashSet<>(keys).size() != keys.size()) {
            throw DynamoDbException.builder().message("too many items or duplicate keys: " + keys).build();
        }
        requests.add(keys);
        if (keys.stream().anyMatch(failingCalls::contains)) {
            throw DynamoDbException.builder().message("One or more parameter values were invalid").statusCode(400).build();
        }
        if (keys.stream().anyMatch(refused::contains)) {
            throw DynamoDbException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("ValidationException").errorMessage("Type mismatch for Index Key").build()).build();
        }
        List<WriteRequest> unprocessed = new ArrayList<>();
        for (WriteRequest write : writes) {
            String pk = pk(write);
            if (neverProcessed.contains(pk)) {
                unprocessed.add(write);
            } else if (write.putRequest() != null) {
                items.put(pk, write.putRequest().item());
            } else {
                items.remove(pk);
            }
        }
        return BatchWriteItemResponse.builder()
                .unprocessedItems(unprocessed.isEmpty() ? Map.of() : Map.of(tableName, unprocessed))
                .build();
    }

    private static String pk(WriteRequest write) {
        return write.putRequest() != null ? write.putRequest().item().get("PK").s() : write.deleteRequest().key().get("PK").s();
    }
}
