package dev.ddbstreams.localcloud.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DynamoDbStreamsCallDescriberTest {

    @Test
    void tableOf_whenStreamArn_isTheTableName() {
        assertThat(DynamoDbStreamsCallDescriber.tableOf(
                "arn:aws:dynamodb:us-east-1:123456789012:table/total_votes/stream/2026-01-01T00:00:00.000"))
                .contains("total_votes");
    }

    @Test
    void tableOf_whenShardIteratorBeginsWithStreamArn_isTheTableName() {
        assertThat(DynamoDbStreamsCallDescriber.tableOf(
                "arn:aws:dynamodb:ddblocal:000000000000:table/votes/stream/2026-11-21T11:27:34.216|001|c2hhcmRJZA=="))
                .contains("votes");
    }

    @Test
    void tableOf_whenOpaqueIterator_isEmpty() {
        assertThat(DynamoDbStreamsCallDescriber.tableOf("AAAAAAAAAAGx1c3Q=")).isEmpty();
    }
}
