package dev.ddbstreams.localcloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

class ConsumedCapacityRequesterTest {

    @Test
    void withConsumedCapacity_whenRequestDidNotAsk_asksForTotal() {
        PutItemRequest request = PutItemRequest.builder().tableName("votes").build();

        SdkRequest changed = ConsumedCapacityRequester.withConsumedCapacity(request);

        assertThat(changed).isEqualTo(request.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build());
    }

    @Test
    void withConsumedCapacity_whenRequestAskedForNone_asksForTotal() {
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
                .returnConsumedCapacity(ReturnConsumedCapacity.NONE).build();

        SdkRequest changed = ConsumedCapacityRequester.withConsumedCapacity(request);

        assertThat(((TransactWriteItemsRequest) changed).returnConsumedCapacity()).isEqualTo(ReturnConsumedCapacity.TOTAL);
    }

    @Test
    void withConsumedCapacity_whenRequestAskedForIndexes_leavesItAlone() {
        PutItemRequest request = PutItemRequest.builder().returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).build();

        assertThat(ConsumedCapacityRequester.withConsumedCapacity(request)).isSameAs(request);
    }

    @Test
    void withConsumedCapacity_whenOperationCannotReportCapacity_leavesItAlone() {
        CreateTableRequest request = CreateTableRequest.builder().tableName("votes").build();

        assertThat(ConsumedCapacityRequester.withConsumedCapacity(request)).isSameAs(request);
        assertThat(ConsumedCapacityRequester.asksForCapacity(request)).isFalse();
    }
}
