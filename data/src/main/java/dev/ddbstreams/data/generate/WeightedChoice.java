package dev.ddbstreams.data.generate;

import java.util.List;
import java.util.Random;

/** Picks values at random in proportion to integer weights, so the data sets come out skewed. */
final class WeightedChoice<T> {

    private final List<T> values;
    private final int[] cumulative;

    WeightedChoice(List<T> values, List<Integer> weights) {
        if (values.size() != weights.size() || values.isEmpty()) {
            throw new IllegalArgumentException("need one weight per value, and at least one value");
        }
        this.values = List.copyOf(values);
        this.cumulative = new int[weights.size()];
        int total = 0;
        for (int i = 0; i < weights.size(); i++) {
            total += weights.get(i);
            cumulative[i] = total;
        }
    }

    T pick(Random random) {
        int ticket = random.nextInt(cumulative[cumulative.length - 1]);
        for (int i = 0; i < cumulative.length; i++) {
            if (ticket < cumulative[i]) {
                return values.get(i);
            }
        }
        throw new AssertionError("ticket beyond the last weight");
    }
}
