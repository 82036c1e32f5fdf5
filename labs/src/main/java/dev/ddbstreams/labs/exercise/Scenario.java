package dev.ddbstreams.labs.exercise;

/**
 * What {@code ./workshop check} puts a learner's handler through, one scenario at a time, each on
 * a fresh local cloud: Lambda's delivery as it is on a good day, then each way it repeats work,
 * then all of them at once, then a record that can never succeed. The faults are the local
 * Lambda's (see {@code FunctionFaults}); the check adds a fixed seed, so a result reproduces.
 */
public enum Scenario {

    QUIET("quiet", "", "every batch delivered once, no failure", ""),
    RETRIES("retries", "fail-during=1",
            "every batch's first invocation fails partway, right after one of the handler's first writes (a "
                    + "timeout, out of memory), and Lambda retries the batch", "a write made before a failed invocation was made again "
                    + "when Lambda retried the batch"),
    DUPLICATES("duplicates", "duplicate=0.5", "half the batches are delivered a second time after they succeeded",
            "a batch delivered twice was counted twice"),
    CRASH_AFTER_COMMIT("crash-after-commit", "fail-after=0.5",
            "half the invocations fail after the handler's writes committed (a crash, a timeout), and Lambda "
                    + "retries the batch", "a batch retried after its writes committed was counted twice"),
    ALL_TOGETHER("all-together", "fail=0.2,fail-during=0.2,fail-after=0.2,duplicate=0.3",
            "failures before, during and after the handler's writes, and duplicate deliveries, at once",
            "a retried or duplicated batch was counted twice"),
    POISON("poison", "", "one record that can never succeed among valid ones", "");

    private final String label;
    private final String faults;
    private final String description;
    private final String countedTwice;

    Scenario(String label, String faults, String description, String countedTwice) {
        this.label = label;
        this.faults = faults;
        this.description = description;
        this.countedTwice = countedTwice;
    }

    /** What the learner types and reads: {@code crash-after-commit}. */
    public String label() {
        return label;
    }

    /** The local Lambda's faults for the function under test, without the seed; empty for none. */
    public String faults() {
        return faults;
    }

    public String description() {
        return description;
    }

    public boolean injectsFaults() {
        return !faults.isEmpty();
    }

    /** Why a total came out too high under this scenario's faults; empty when it injects none. */
    public String countedTwice() {
        return countedTwice;
    }

    public static Scenario labelled(String label) {
        for (Scenario scenario : values()) {
            if (scenario.label.equals(label)) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("no scenario '" + label + "'; scenarios: " + labels());
    }

    public static String labels() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Scenario::label).toList());
    }
}
