package dev.ddbstreams.localcloud.trigger;

import java.util.List;
import java.util.stream.IntStream;

/** The ids {@link TriggerRig#putAll} writes. */
final class TriggerRigIds {

    private TriggerRigIds() {
    }

    static List<String> of(int count) {
        return IntStream.range(0, count).mapToObj(i -> String.format("item-%03d", i)).toList();
    }
}
