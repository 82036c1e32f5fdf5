package dev.ddbstreams.labs.exercise;

/** One check's outcome, in the learner's terms. */
public record Verdict(boolean passed, String detail) {

    public static Verdict pass(String detail) {
        return new Verdict(true, detail);
    }

    public static Verdict fail(String detail) {
        return new Verdict(false, detail);
    }
}
