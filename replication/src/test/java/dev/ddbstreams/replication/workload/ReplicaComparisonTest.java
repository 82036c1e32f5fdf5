package dev.ddbstreams.replication.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ReplicaComparisonTest {

    @Test
    void canonical_whenSetsHoldTheSameElementsInAnotherOrder_isEqual() {
        Map<String, AttributeValue> source = Map.of("tags", AttributeValue.fromSs(List.of("t1", "t3")),
                "nested", AttributeValue.fromM(Map.of("n", AttributeValue.fromNs(List.of("1", "2")))));
        Map<String, AttributeValue> replica = Map.of("tags", AttributeValue.fromSs(List.of("t3", "t1")),
                "nested", AttributeValue.fromM(Map.of("n", AttributeValue.fromNs(List.of("2", "1")))));

        assertThat(ReplicaComparison.canonical(replica)).isEqualTo(ReplicaComparison.canonical(source));
    }

    @Test
    void canonical_whenNumbersDifferOnlyInTrailingZeros_isEqual() {
        assertThat(ReplicaComparison.canonical(Map.of("n", AttributeValue.fromN("412.000000000000000000730886840231154"))))
                .isEqualTo(ReplicaComparison.canonical(Map.of("n",
                        AttributeValue.fromN("412.00000000000000000073088684023115400"))));
    }

    @Test
    void canonical_whenNumbersOrTypesDiffer_isNotEqual() {
        assertThat(ReplicaComparison.canonical(Map.of("n", AttributeValue.fromN("6493.5"))))
                .isNotEqualTo(ReplicaComparison.canonical(Map.of("n", AttributeValue.fromN("6493"))))
                .isNotEqualTo(ReplicaComparison.canonical(Map.of("n", AttributeValue.fromS("6493.5"))));
    }

    @Test
    void canonical_whenListsHoldTheSameElementsInAnotherOrder_isNotEqual() {
        assertThat(ReplicaComparison.canonical(Map.of("l", AttributeValue.fromL(List.of(AttributeValue.fromS("a"),
                AttributeValue.fromS("b"))))))
                .isNotEqualTo(ReplicaComparison.canonical(Map.of("l", AttributeValue.fromL(List.of(
                        AttributeValue.fromS("b"), AttributeValue.fromS("a"))))));
    }
}
