package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a redrive reads a successful invocation's response: only a response that says so counts as applied. */
class QuarantineRedriveTest {

    @Test
    void notApplied_whenTheResponseIsNotJson_saysSo_ratherThanCountingItApplied() {
        assertThat(QuarantineRedrive.notApplied("Internal error <html>")).hasValueSatisfying(reason ->
                assertThat(reason).isEqualTo("the function's response is not JSON: Internal error <html>"));
    }

    @Test
    void notApplied_whenTheResponseNamesABatchItemFailure_saysSo() {
        assertThat(QuarantineRedrive.notApplied("{\"batchItemFailures\":[{\"itemIdentifier\":\"100\"}]}"))
                .contains("the function reported it as a batch item failure");
    }

    @Test
    void notApplied_whenTheResponseIsASuccess_isEmpty() {
        assertThat(QuarantineRedrive.notApplied("{\"batchItemFailures\":[]}")).isEmpty();
        assertThat(QuarantineRedrive.notApplied("")).isEmpty();
    }
}
