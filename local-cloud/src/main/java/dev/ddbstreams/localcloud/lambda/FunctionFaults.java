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
 * @param failDuring the invocation fails right after the handler's k-th write call (k from 1 to
 *     {@link #WRITES_BEFORE_FAILING}, drawn too; an SDK write or a PutObject it signed to the local
 *     S3), or when it returns if it wrote less: a timeout
 *     or an out-of-memory mid-batch, the writes before it kept ({@link FailDuring})
 * @param duplicate the trigger delivers the batch a second time after it succeeded
 * @param slow the handler runs, then the invocation takes longer than the function's timeout
 * @param seed seeds the draws
 */
public record FunctionFaults(double failBefore, double failAfter, double failDuring, double duplicate, double slow,
        long seed) {

    public static final FunctionFaults NONE = new FunctionFaults(0, 0, 0, 0, 0, 0);

    /** {@code fail-during} strikes after one of the handler's first this many write calls. */
    public static final int WRITES_BEFORE_FAILING = 3;

    public FunctionFaults {
        requireProbability("fail", failBefore);
        requireProbability("fail-after", failAfter);
        requireProbability("fail-during", failDuring);
        requireProbability("duplicate", duplicate);
        requireProbability("slow", slow);
    }

    /**
     * Parses {@code fail=0.1,fail-after=0.05,fail-during=0.1,duplicate=0.1,slow=0.01,seed=42}; every part is optional.
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
                        + "fail=0.1,fail-after=0.05,fail-during=0.1,duplicate=0.1,slow=0.01,seed=42");
            }
            parts.put(keyValue[0].trim().toLowerCase(Locale.ROOT), keyValue[1].trim());
        }
        FunctionFaults faults = new FunctionFaults(probability(parts, "fail"), probability(parts, "fail-after"),
                probability(parts, "fail-during"), probability(parts, "duplicate"), probability(parts, "slow"), seed(parts));
        parts.keySet().removeAll(java.util.List.of("fail", "fail-after", "fail-during", "duplicate", "slow", "seed"));
        if (!parts.isEmpty()) {
            throw new IllegalArgumentException("unknown fault " + parts.keySet()
                    + "; known: fail, fail-after, fail-during, duplicate, slow, seed");
        }
        return faults;
    }

    public boolean any() {
        return failBefore > 0 || failAfter > 0 || failDuring > 0 || duplicate > 0 || slow > 0;
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
