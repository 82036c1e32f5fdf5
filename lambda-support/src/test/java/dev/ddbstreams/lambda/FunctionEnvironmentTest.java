package dev.ddbstreams.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FunctionEnvironmentTest {

    @Test
    void get_outsideABinding_readsTheProcessEnvironment() {
        assertThat(FunctionEnvironment.get("PATH")).contains(System.getenv("PATH"));
    }

    @Test
    void callWith_bindsVariablesForThisThreadAndThreadsItStarts() throws Exception {
        AtomicReference<String> seenByChild = new AtomicReference<>();

        String seen = FunctionEnvironment.callWith(Map.of("TABLE_NAME", "total_votes"), () -> {
            Thread child = new Thread(() -> seenByChild.set(FunctionEnvironment.require("TABLE_NAME")));
            child.start();
            child.join();
            return FunctionEnvironment.require("TABLE_NAME");
        });

        assertThat(seen).isEqualTo("total_votes");
        assertThat(seenByChild).hasValue("total_votes");
        assertThat(FunctionEnvironment.get("TABLE_NAME")).isEqualTo(java.util.Optional.ofNullable(System.getenv("TABLE_NAME")));
    }

    @Test
    void require_whenBoundEnvironmentLacksTheVariable_namesIt() {
        assertThatThrownBy(() -> FunctionEnvironment.callWith(Map.of(), () -> FunctionEnvironment.require("TABLE_NAME")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("environment variable TABLE_NAME is not set: the function's template must define it");
    }

    @Test
    void callWith_nested_restoresTheOuterBinding() throws Exception {
        String outer = FunctionEnvironment.callWith(Map.of("A", "outer"), () -> {
            FunctionEnvironment.callWith(Map.of("A", "inner"), () -> FunctionEnvironment.require("A"));
            return FunctionEnvironment.require("A");
        });

        assertThat(outer).isEqualTo("outer");
    }

    @Test
    void flag_readsTrueOrFalse_defaultsWhenUnset_andNamesABadValue() throws Exception {
        assertThat(FunctionEnvironment.callWith(Map.of("PACK", " false "), () -> FunctionEnvironment.flag("PACK", true)))
                .isFalse();
        assertThat(FunctionEnvironment.callWith(Map.of(), () -> FunctionEnvironment.flag("PACK", true))).isTrue();
        assertThatThrownBy(() -> FunctionEnvironment.callWith(Map.of("PACK", "yes"), () -> FunctionEnvironment.flag("PACK", true)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("PACK must be true or false, was 'yes'");
    }
}
