package dev.ddbstreams.labs.exercise;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Totals per key (a vote count per region and improvement, a score per player) judged against a
 * recount of the source, the first difference said in the learner's terms:
 * {@code NORTH/MORE_TREES is 14, a recount says 12: a batch was counted twice}.
 */
public final class Totals {

    private Totals() {
    }

    /**
     * @param unit what is counted, plural: {@code votes}
     * @param tooHigh why a total comes out above the recount
     * @param tooLow why a total comes out below it
     */
    public static Verdict compare(Map<String, BigDecimal> actual, Map<String, BigDecimal> recount, String unit,
            String tooHigh, String tooLow) {
        TreeSet<String> keys = new TreeSet<>(actual.keySet());
        keys.addAll(recount.keySet());
        List<String> differing = keys.stream()
                .filter(key -> actual.getOrDefault(key, BigDecimal.ZERO).compareTo(recount.getOrDefault(key, BigDecimal.ZERO)) != 0)
                .toList();
        if (differing.isEmpty()) {
            return Verdict.pass(sum(recount) + " " + unit + " in " + recount.size() + " totals, as a recount says");
        }
        String key = differing.get(0);
        BigDecimal is = actual.getOrDefault(key, BigDecimal.ZERO);
        BigDecimal truth = recount.getOrDefault(key, BigDecimal.ZERO);
        String others = differing.size() == 1 ? "" : " (" + (differing.size() - 1) + " other totals differ too)";
        return Verdict.fail(key + " is " + is.toPlainString() + ", a recount says " + truth.toPlainString() + ": "
                + (is.compareTo(truth) > 0 ? tooHigh : tooLow) + others);
    }

    public static BigDecimal sum(Map<String, BigDecimal> totals) {
        return totals.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
