package dev.ddbstreams.gamescores;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RecordIdsTest {

    private static final String ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/GameScoreEvents";
    private static final String SEQUENCE = "49590338271490256608559692538361571095921575989136588898";

    @Test
    void of_whenSameKinesisRecord_givesTheSameId() {
        assertThat(RecordIds.of(ARN, "shardId-000000000000:" + SEQUENCE, SEQUENCE))
                .isEqualTo(RecordIds.of(ARN, "shardId-000000000000:" + SEQUENCE, SEQUENCE));
    }

    @Test
    void of_whenShardSequenceOrStreamDiffers_givesAnotherId() {
        BigInteger id = RecordIds.of(ARN, "shardId-000000000000:" + SEQUENCE, SEQUENCE);

        assertThat(RecordIds.of(ARN, "shardId-000000000001:" + SEQUENCE, SEQUENCE)).isNotEqualTo(id);
        assertThat(RecordIds.of(ARN, "shardId-000000000000:" + SEQUENCE + "1", SEQUENCE + "1")).isNotEqualTo(id);
        assertThat(RecordIds.of(ARN + "2", "shardId-000000000000:" + SEQUENCE, SEQUENCE)).isNotEqualTo(id);
    }

    @Test
    void of_always_fitsADynamoDbNumber() {
        BigInteger largestPossible = BigInteger.TWO.pow(RecordIds.BITS).subtract(BigInteger.ONE);

        assertThat(largestPossible.toString()).hasSize(38);
        for (int i = 0; i < 1_000; i++) {
            String sequence = SEQUENCE + i;
            BigInteger id = RecordIds.of(ARN, "shardId-000000000000:" + sequence, sequence);
            assertThat(id).isBetween(BigInteger.ZERO, largestPossible);
        }
    }

    @Test
    void shardId_whenEventIdHasNoColon_isTheWholeEventId() {
        assertThat(RecordIds.shardId("shardId-000000000003:" + SEQUENCE)).isEqualTo("shardId-000000000003");
        assertThat(RecordIds.shardId("odd")).isEqualTo("odd");
    }
}
