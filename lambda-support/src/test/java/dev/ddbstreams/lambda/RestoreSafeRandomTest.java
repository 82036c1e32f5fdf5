package dev.ddbstreams.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RestoreSafeRandomTest {

    /** Two environments resumed from one snapshot hold the same generator state: the seed here. */
    private final RestoreSafeRandom first = new RestoreSafeRandom(42);
    private final RestoreSafeRandom second = new RestoreSafeRandom(42);

    @Test
    void withoutARestore_twoCopiesOfOneSnapshotDrawTheSameNumbers() {
        assertThat(draws(first)).containsExactly(draws(second));
    }

    @Test
    void afterRestore_eachCopyDrawsItsOwnNumbers() {
        first.afterRestore(null);
        second.afterRestore(null);

        assertThat(draws(first)).isNotEqualTo(draws(second));
    }

    @Test
    void create_seedsEachGeneratorDifferently() {
        assertThat(draws(RestoreSafeRandom.create())).isNotEqualTo(draws(RestoreSafeRandom.create()));
    }

    private static long[] draws(RestoreSafeRandom random) {
        return LongStream.range(0, 8).map(i -> random.nextLong(1_000_000)).toArray();
    }
}
