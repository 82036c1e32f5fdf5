package dev.ddbstreams.localcloud.lambda;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Faults a local function suffers, switched on by configuration so a lab can break a pattern
 * without editing code. Each is a probability per invocation, drawn from a seeded generator so a
 * run can be repeated.
 *
 * @param failBefore the invocation fails before the handler runs (nothing was written)
 * @param failAfter the handler runs to completion, then the invocation fails anyway: its writes
 *     committed but Lambda sees an error and retries the batch (a crash after commit)
 * @param duplicate the trigger delivers the batch a second time after it succeeded
 * @param slow the handler runs, then the invocation takes longer than the function's timeout
 * @param seed seeds the draws
 */
public record FunctionFaults(double failBefore, double failAfter, double duplicate, double slow, long seed) {

    public static final FunctionFaults NONE = new FunctionFaults(0, 0, 0, 0, 0);

    public FunctionFaults {
        requireProbability("fail", failBefore);
        requireProbability("fail-after", failAfter);
        requireProbability("duplicate", duplicate);
        requireProbability("slow", slow);
    }

    /**
     * Parses {@code fail=0.1,fail-after=0.05,duplicate=0.1,slow=0.01,seed=42}; every part is optional.
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static FunctionFaults parse(String spec) {
        Map<String, String> parts = new TreeMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] keyValue = part.split("=", 2);
            if (keyValue.length != 2) {
                throw new IllegalArgumentException("fault '" + part.trim() + "' is not name=value; expected e.g. "
                        + "fail=0.1,fail-after=0.05,duplicate=0.1,slow=0.01,seed=42");
            }
            parts.put(keyValue[0].trim().toLowerCase(Locale.ROOT), keyValue[1].trim());
        }
        FunctionFaults faults = new FunctionFaults(probability(parts, "fail"), probability(parts, "fail-after"),
                probability(parts, "duplicate"), probability(parts, "slow"), seed(parts));
        parts.keySet().removeAll(java.util.List.of("fail", "fail-after", "duplicate", "slow", "seed"));
        if (!parts.isEmpty()) {
            throw new IllegalArgumentException("unknown fault " + parts.keySet()
                    + "; known: fail, fail-after, duplicate, slow, seed");
        }
        return faults;
    }

    public boolean any() {
        return failBefore > 0 || failAfter > 0 || duplicate > 0 || slow > 0;
    }

    /** A generator for one function's draws. */
    SplittableRandom random() {
        return new SplittableRandom(seed);
    }

    private static double probability(Map<String, String> parts, String name) {
        String value = parts.get(name);
        if (value == null) {
            return 0;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault " + name + "=" + value + " is not a number between 0 and 1");
        }
    }

    private static long seed(Map<String, String> parts) {
        String value = parts.get("seed");
        try {
            return value == null ? 0 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault seed=" + value + " is not a whole number");
        }
    }

    private static void requireProbability(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("fault " + name + "=" + value + " is not a number between 0 and 1");
        }
    }
}
