package dev.ddbstreams.cli.docs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compares a command's output with a doc's expected output: each non-empty expected line must match
 * a whole output line, in order (other lines may come between). Within a line {@code …} matches any
 * text and runs of whitespace compare equal; a line that is only {@code …} stands for cut lines and
 * matches nothing.
 */
public final class OutputMatcher {

    public static final String WILDCARD = "…";
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

    private OutputMatcher() {
    }

    /** The first expected line not found in order, or empty when every line was found. */
    public static Optional<String> firstMissing(List<String> expected, String actual) {
        List<String> actualLines = Arrays.stream(ANSI.matcher(actual).replaceAll("").split("\r\n|\r|\n"))
                .map(OutputMatcher::normalise)
                .toList();
        int next = 0;
        for (String line : expected) {
            String wanted = normalise(line);
            if (wanted.isEmpty() || wanted.equals(WILDCARD)) {
                continue;
            }
            Pattern pattern = pattern(wanted);
            while (next < actualLines.size() && !pattern.matcher(actualLines.get(next)).matches()) {
                next++;
            }
            if (next == actualLines.size()) {
                return Optional.of(line);
            }
            next++;
        }
        return Optional.empty();
    }

    private static Pattern pattern(String wanted) {
        StringBuilder regex = new StringBuilder();
        for (String literal : wanted.split(WILDCARD, -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    private static String normalise(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }
}
