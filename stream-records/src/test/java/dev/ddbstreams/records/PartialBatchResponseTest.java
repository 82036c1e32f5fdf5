package dev.ddbstreams.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialBatchResponseTest {

    private final ChangeRecord insert = ChangeRecords.fromLambda(Fixtures.lambdaRecord("insert.json"));
    private final ChangeRecord modify = ChangeRecords.fromLambda(Fixtures.lambdaRecord("modify.json"));
    private final ChangeRecord keysOnly = ChangeRecords.fromLambda(Fixtures.lambdaRecord("keys-only.json"));

    private static List<String> identifiers(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void success_whenEverythingSucceeded_isAnEmptyListNotNull() {
        assertThat(PartialBatchResponse.success().getBatchItemFailures()).isNotNull().isEmpty();
    }

    @Test
    void failedFrom_whenOrderKeepingHandlerStops_reportsOnlyThatRecord() {
        assertThat(identifiers(PartialBatchResponse.failedFrom(modify))).containsExactly("4421584500000000017450439092");
    }

    @Test
    void failedFrom_whenRecordCouldNotBeParsed_reportsTheExceptionsSequenceNumber() {
        var source = Fixtures.lambdaRecord("bad-number.json");
        ChangeRecordException failure = assertThrows(
                ChangeRecordException.class, () -> ChangeRecords.fromLambda(source));

        StreamsEventResponse response = PartialBatchResponse.failedFrom(failure.sequenceNumber().orElseThrow());

        assertThat(identifiers(response)).containsExactly("4421584500000000017450439099");
    }

    @Test
    void failedFrom_whenBlankSequenceNumber_refusesBecauseLambdaWouldFailTheWholeBatch() {
        assertThatThrownBy(() -> PartialBatchResponse.failedFrom("  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PartialBatchResponse.failedFrom((String) null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failed_whenSeveralRecords_reportsEachOnceLowestFirstByNumber() {
        // "111" is the lowest as a number but sorts last as a string.
        StreamsEventResponse response = PartialBatchResponse.failed(List.of(modify, insert, keysOnly, modify));

        assertThat(identifiers(response)).containsExactly("111", "4421584500000000017450439091", "4421584500000000017450439092");
    }

    @Test
    void failed_whenNoRecords_isSuccess() {
        assertThat(PartialBatchResponse.failed(List.of())).isEqualTo(PartialBatchResponse.success());
    }
}
