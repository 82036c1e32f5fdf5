package dev.ddbstreams.labs;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** What a lab prints, and the checks it records. */
public final class LabOutput {

    private final PrintWriter out;
    private final List<String> failures = new ArrayList<>();

    public LabOutput(PrintWriter out) {
        this.out = out;
    }

    public void say(String format, Object... args) {
        out.printf(format + "%n", args);
        out.flush();
    }

    /** Records one check and prints it as {@code [PASS] ...} or {@code [FAIL] ...}. */
    public void check(boolean passed, String what, String detail) {
        say("  [%s] %s%s", passed ? "PASS" : "FAIL", what, detail.isEmpty() ? "" : ": " + detail);
        if (!passed) {
            failures.add(what);
        }
    }

    public List<String> failures() {
        return List.copyOf(failures);
    }
}
