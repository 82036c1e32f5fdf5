package dev.ddbstreams.dynamodb;

import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;

/**
 * Sends one BatchWriteItem request: normally {@code dynamoDbClient::batchWriteItem}.
 *
 * <p>A seam for tests: DynamoDB Local never returns UnprocessedItems (it does not throttle), so
 * retry loops are tested through a stand-in that does.
 */
@FunctionalInterface
public interface BatchWriteCall {

    BatchWriteItemResponse send(BatchWriteItemRequest request);
}
