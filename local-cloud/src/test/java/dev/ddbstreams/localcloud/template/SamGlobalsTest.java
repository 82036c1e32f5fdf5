package dev.ddbstreams.localcloud.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SamGlobalsTest {

    @Test
    void merge_whenBothSetMapsListsAndValues_mergesMapsConcatenatesListsAndLetsTheResourceWin() {
        Map<String, Object> globals = Map.of("Timeout", 30, "Layers", List.of("global-layer"),
                "Environment", Map.of("Variables", Map.of("A", "global", "B", "global")));
        Map<String, Object> function = Map.of("Timeout", 5, "Layers", List.of("own-layer"),
                "Environment", Map.of("Variables", Map.of("B", "own")));

        Map<String, Object> merged = SamGlobals.merge(globals, function);

        assertThat(merged).containsEntry("Timeout", 5)
                .containsEntry("Layers", List.of("global-layer", "own-layer"))
                .containsEntry("Environment", Map.of("Variables", Map.of("A", "global", "B", "own")));
    }

    @Test
    void merge_whenResourceValueIsAnIntrinsic_replacesTheGlobalMapWhole() {
        Map<String, Object> globals = Map.of("Environment", Map.of("Variables", Map.of("A", "global")));
        Map<String, Object> function = Map.of("Environment", Map.of("Fn::If", List.of("IsProd", Map.of(), Map.of())));

        assertThat(SamGlobals.merge(globals, function)).isEqualTo(function);
    }
}
