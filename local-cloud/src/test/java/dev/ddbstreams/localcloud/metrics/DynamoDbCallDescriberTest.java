package dev.ddbstreams.localcloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

class DynamoDbCallDescriberTest {

    private final DynamoDbCallDescriber describer = new DynamoDbCallDescriber();

    @Test
    void describe_whenPutItemReportsUnsplitCapacity_countsThemAsWriteUnits() {
        PutItemRequest request = PutItemRequest.builder().tableName("votes")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        PutItemResponse response = PutItemResponse.builder()
                .consumedCapacity(c -> c.tableName("votes").capacityUnits(2.0)).build();

        assertThat(describer.describe("PutItem", request, Optional.of(response)))
                .containsExactly(new ResourceUsage("votes", 1, 0, true, true, 0, 2.0));
    }

    @Test
    void describe_whenQueryReportsUnsplitCapacity_countsThemAsReadUnitsAndItemsReturned() {
        QueryRequest request = QueryRequest.builder().tableName("votes")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        QueryResponse response = QueryResponse.builder().count(7)
                .consumedCapacity(c -> c.tableName("votes").capacityUnits(0.5)).build();

        assertThat(describer.describe("Query", request, Optional.of(response)))
                .containsExactly(new ResourceUsage("votes", 7, 0, true, true, 0.5, 0));
    }

    @Test
    void describe_whenBatchWriteLeavesItemsUnprocessed_countsOnlyTheWrittenOnesPerTable() {
        BatchWriteItemRequest request = BatchWriteItemRequest.builder()
                .requestItems(Map.of("votes", List.of(put("a"), put("b"), put("c"))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build();
        BatchWriteItemResponse response = BatchWriteItemResponse.builder()
                .unprocessedItems(Map.of("votes", List.of(put("c"))))
                .consumedCapacity(ConsumedCapacity.builder().tableName("votes").capacityUnits(2.0).build())
                .build();

        assertThat(describer.describe("BatchWriteItem", request, Optional.of(response)))
                .containsExactly(new ResourceUsage("votes", 2, 0, true, true, 0, 2.0));
    }

    @Test
    void describe_whenTransactionWritesTwoTables_countsActionsAndReportedUnitsPerTable() {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName("total_votes")).build(),
                        TransactWriteItem.builder().update(u -> u.tableName("total_votes")).build(),
                        TransactWriteItem.builder().put(p -> p.tableName("checkpoints")).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build();
        TransactWriteItemsResponse response = TransactWriteItemsResponse.builder().consumedCapacity(
                        ConsumedCapacity.builder().tableName("total_votes").capacityUnits(4.0).writeCapacityUnits(4.0).build(),
                        ConsumedCapacity.builder().tableName("checkpoints").capacityUnits(2.0).writeCapacityUnits(2.0).build())
                .build();

        assertThat(describer.describe("TransactWriteItems", request, Optional.of(response))).containsExactly(
                new ResourceUsage("total_votes", 2, 0, true, true, 0, 4.0),
                new ResourceUsage("checkpoints", 1, 0, true, true, 0, 2.0));
    }

    @Test
    void describe_whenCallFailed_namesTheTablesWithNoItemsAndNoCapacity() {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName("total_votes")).build(),
                        TransactWriteItem.builder().conditionCheck(c -> c.tableName("checkpoints")).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .build();

        assertThat(describer.describe("TransactWriteItems", request, Optional.empty())).containsExactly(
                new ResourceUsage("total_votes", 0, 0, true, false, 0, 0),
                new ResourceUsage("checkpoints", 0, 0, true, false, 0, 0));
    }

    @Test
    void describe_whenPartiqlSelectReportsCapacity_takesTheTableFromTheCapacityAndCountsReadUnits() {
        ExecuteStatementRequest request = ExecuteStatementRequest.builder().statement("select * from votes")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        ExecuteStatementResponse response = ExecuteStatementResponse.builder()
                .consumedCapacity(c -> c.tableName("votes").capacityUnits(0.5)).build();

        assertThat(describer.describe("ExecuteStatement", request, Optional.of(response)))
                .containsExactly(new ResourceUsage("votes", 0, 0, true, true, 0.5, 0));
    }

    @Test
    void describe_whenPartiqlReportsNoCapacity_isOneUnnamedRowWithCapacityNotReported() {
        ExecuteStatementRequest request = ExecuteStatementRequest.builder().statement("UPDATE votes SET n = 1")
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();

        assertThat(describer.describe("ExecuteStatement", request, Optional.of(ExecuteStatementResponse.builder().build())))
                .containsExactly(new ResourceUsage("", 0, 0, true, false, 0, 0));
    }

    private static WriteRequest put(String id) {
        return WriteRequest.builder().putRequest(p -> p.item(Map.of("id", AttributeValue.fromS(id)))).build();
    }
}
