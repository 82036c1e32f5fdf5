package dev.ddbstreams.failures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuarantineKeysTest {

    @Test
    void redriveOrder_isBySequenceNumberAsANumber_withinEachDayAndStream() {
        List<String> expected = List.of(
                "Fn/2026/12/04/votes.label/100000000000000000000000000_e-z.json",
                "Fn/2026/12/05/shardId-1/7.json",
                "Fn/2026/12/05/votes.label/99_e-b.json",
                "Fn/2026/12/05/votes.label/100_e-a.json",
                "Fn/2026/12/05/votes.label/4421584500000000017450400202_e-c.json",
                "Fn/2026/12/05/votes.label/4421584500000000017450400202_e-d.json",
                "Fn/2026/12/05/votes.label/sha256-00ff.json",
                "Fn/2026/12/05/votes.label/window-900-shardId-1.json");
        List<String> shuffled = new ArrayList<>(expected);
        Collections.shuffle(shuffled, new Random(5));

        shuffled.sort(QuarantineKeys.REDRIVE_ORDER);

        assertThat(shuffled).containsExactlyElementsOf(expected);
    }
}
