package dev.ddbstreams.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private final List<Duration> sleeps = new ArrayList<>();
    private final RetryBackoff backoff =
            new RetryBackoff(Duration.ofMillis(50), Duration.ofMillis(1_000), 10, new Random(7), sleeps::add);

    @Test
    void ceiling_whenRetriesGrow_doublesUpToTheCap() {
        assertThat(List.of(1, 2, 3, 4, 5, 6, 40)).extracting(retry -> backoff.ceiling(retry).toMillis())
                .containsExactly(50L, 100L, 200L, 400L, 800L, 1_000L, 1_000L);
    }

    @Test
    void pauseBefore_whenCalledOften_sleepsAJitteredTimeWithinTheCeiling() {
        for (int i = 0; i < 200; i++) {
            backoff.pauseBefore(3);
        }

        assertThat(sleeps).allSatisfy(sleep -> assertThat(sleep).isBetween(Duration.ZERO, Duration.ofMillis(200)));
        assertThat(sleeps.stream().distinct().count()).isGreaterThan(50);
    }

    @Test
    void constructor_whenMaxAttemptsIsZero_rejectsIt() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofMillis(1), Duration.ofMillis(1), 0, new Random(), d -> { }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxAttempts must be at least 1, was 0");
    }
}
