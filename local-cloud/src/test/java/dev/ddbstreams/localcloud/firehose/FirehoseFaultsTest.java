package dev.ddbstreams.localcloud.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FirehoseFaultsTest {

    @Test
    void parse_whenAllKeys_readsEach() {
        FirehoseFaults faults = FirehoseFaults.parse("records=0.1, throttle=0.05,first=3,code=InternalFailure,seed=42");

        assertThat(faults).isEqualTo(new FirehoseFaults(0.1, 0.05, 3, FirehoseFaults.RecordErrorCode.INTERNAL_FAILURE, 42));
        assertThat(faults.any()).isTrue();
    }

    @Test
    void parse_whenBlankOrNone_returnsNoFaults() {
        assertThat(FirehoseFaults.parse("")).isEqualTo(FirehoseFaults.NONE);
        assertThat(FirehoseFaults.parse("none")).isEqualTo(FirehoseFaults.NONE);
        assertThat(FirehoseFaults.NONE.any()).isFalse();
    }

    @Test
    void parse_whenUnknownKey_namesIt() {
        assertThatThrownBy(() -> FirehoseFaults.parse("recods=0.1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown fault setting 'recods'");
    }

    @Test
    void parse_whenFractionAboveOne_rejects() {
        assertThatThrownBy(() -> FirehoseFaults.parse("throttle=1.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("throttle must be a fraction between 0 and 1");
    }

    @Test
    void fromEnvironment_whenVariableSet_parsesIt() {
        FirehoseFaults faults = FirehoseFaults.fromEnvironment(Map.of(FirehoseFaults.ENVIRONMENT_VARIABLE, "records=0.5,seed=1"));

        assertThat(faults.recordFailureRate()).isEqualTo(0.5);
        assertThat(faults.seed()).isEqualTo(1);
    }

    @Test
    void fromEnvironment_whenValueBad_namesTheVariable() {
        assertThatThrownBy(() -> FirehoseFaults.fromEnvironment(Map.of(FirehoseFaults.ENVIRONMENT_VARIABLE, "records=lots")))
                .hasMessageStartingWith("LOCAL_FIREHOSE_FAULTS: ");
    }
}
