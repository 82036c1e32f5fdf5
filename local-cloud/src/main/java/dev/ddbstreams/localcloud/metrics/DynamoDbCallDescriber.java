package dev.ddbstreams.localcloud.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB calls per table: the tables a request names, the items it wrote or read and the
 * capacity the response reports.
 *
 * <p>Items: PutItem, UpdateItem, DeleteItem 1; BatchWriteItem the write requests minus the
 * unprocessed ones; TransactWriteItems and TransactGetItems the actions per table; GetItem 1 if
 * found; BatchGetItem the items returned; Query and Scan the response's {@code Count} (items
 * returned, after any filter). A failed call wrote or read nothing: 0.
 */
final class DynamoDbCallDescriber implements CallDescriber {

    @Override
    public List<ResourceUsage> describe(String operation, SdkRequest request, Optional<SdkResponse> response) {
        Map<String, Long> items = itemsPerTable(request, response.orElse(null));
        Map<String, ConsumedCapacityReader.Units> capacity = response
                .map(r -> ConsumedCapacityReader.read(request, r, operation))
                .orElse(Map.of());
        // PartiQL names its table only in the statement; the capacity names it again.
        capacity.keySet().forEach(table -> items.putIfAbsent(table, 0L));

        boolean asked = ConsumedCapacityRequester.asksForCapacity(request);
        List<ResourceUsage> usages = new ArrayList<>();
        items.forEach((table, count) -> {
            ConsumedCapacityReader.Units units = capacity.get(table);
            usages.add(new ResourceUsage(table, count, 0, asked, units != null,
                    units == null ? 0 : units.read(), units == null ? 0 : units.write()));
        });
        if (usages.isEmpty() && asked) {
            usages.add(new ResourceUsage("", 0, 0, true, false, 0, 0));
        }
        return usages;
    }

    /** Table name to items, in the request's order; a failed call (null response) counts 0 items. */
    private static Map<String, Long> itemsPerTable(SdkRequest request, SdkResponse response) {
        Map<String, Long> items = new LinkedHashMap<>();
        boolean done = response != null;
        if (request instanceof PutItemRequest || request instanceof UpdateItemRequest
                || request instanceof DeleteItemRequest) {
            ModelFields.string(request, "TableName").ifPresent(table -> items.put(table, done ? 1L : 0L));
        } else if (request instanceof BatchWriteItemRequest batch) {
            Map<String, List<WriteRequest>> unprocessed =
                    done ? ((BatchWriteItemResponse) response).unprocessedItems() : Map.of();
            batch.requestItems().forEach((table, writes) -> items.put(table,
                    done ? writes.size() - unprocessed.getOrDefault(table, List.of()).size() : 0L));
        } else if (request instanceof BatchGetItemRequest batch) {
            Map<String, List<Map<String, AttributeValue>>> found =
                    done ? ((BatchGetItemResponse) response).responses() : Map.of();
            batch.requestItems().keySet().forEach(table ->
                    items.put(table, (long) found.getOrDefault(table, List.of()).size()));
        } else if (request instanceof TransactWriteItemsRequest transaction) {
            for (TransactWriteItem action : transaction.transactItems()) {
                items.merge(tableOf(action), done ? 1L : 0L, Long::sum);
            }
        } else if (request instanceof TransactGetItemsRequest transaction) {
            for (TransactGetItem get : transaction.transactItems()) {
                items.merge(get.get().tableName(), done ? 1L : 0L, Long::sum);
            }
        } else {
            ModelFields.string(request, "TableName").ifPresent(table -> items.put(table, readCount(response)));
        }
        return items;
    }

    private static long readCount(SdkResponse response) {
        if (response instanceof GetItemResponse get) {
            return get.hasItem() ? 1 : 0;
        }
        if (response instanceof QueryResponse query) {
            return query.count() == null ? 0 : query.count();
        }
        if (response instanceof ScanResponse scan) {
            return scan.count() == null ? 0 : scan.count();
        }
        return 0;
    }

    private static String tableOf(TransactWriteItem action) {
        if (action.put() != null) {
            return action.put().tableName();
        }
        if (action.update() != null) {
            return action.update().tableName();
        }
        if (action.delete() != null) {
            return action.delete().tableName();
        }
        return action.conditionCheck().tableName();
    }
}
