package dev.ddbstreams.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ddbstreams.localcloud.trigger.TriggerStatus;
import org.junit.jupiter.api.Test;

class RunCommandTest {

    @Test
    void triggerLine_showsBisectionsBesideRetries_andCountsTimeoutsAsFunctionErrors() {
        TriggerStatus.Counts counts = new TriggerStatus.Counts(120, 0, 118, 14, 8, 2, 0, 1, 9, 0, 1, 2, 0);

        assertThat(RunCommand.triggerLine("workshop-votes-VoteCounterFunction", counts)).isEqualTo(
                "  workshop-votes-VoteCounterFunction    118 records processed,    14 invocations,  10 function errors,"
                        + "   1 retries,   9 bisections, 2 discarded");
    }
}
