package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamArnPlaceholderTest {

    @Test
    void tableName_whenPlaceholder_givesTheTable() {
        String arn = StreamArnPlaceholder.forTable("eu-west-1", "123456789012", "votes");

        assertThat(arn).isEqualTo("arn:aws:dynamodb:eu-west-1:123456789012:table/votes/stream/local-cloud-placeholder");
        assertThat(StreamArnPlaceholder.tableName(arn)).contains("votes");
    }

    @Test
    void tableName_whenRealStreamArn_isEmpty() {
        assertThat(StreamArnPlaceholder.tableName(
                "arn:aws:dynamodb:ddblocal:000000000000:table/votes/stream/2026-11-21T10:00:00.000")).isEmpty();
    }
}
