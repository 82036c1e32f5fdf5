package dev.ddbstreams.localcloud.iam;

import java.util.List;
import java.util.Locale;

/**
 * IAM's wildcards: {@code *} matches any run of characters, {@code ?} any one character. Actions
 * compare case-insensitively; in ARNs a wildcard stays within its colon-separated segment, except
 * in the last one (the resource), which may hold colons and slashes.
 */
final class Wildcards {

    private static final int ARN_SEGMENTS = 6;

    private Wildcards() {
    }

    static boolean actionMatches(String pattern, String action) {
        return globMatches(pattern.toLowerCase(Locale.ROOT), action.toLowerCase(Locale.ROOT));
    }

    static boolean resourceMatches(String pattern, String resource) {
        if (pattern.equals("*")) {
            return true;
        }
        List<String> patternSegments = List.of(pattern.split(":", ARN_SEGMENTS));
        List<String> resourceSegments = List.of(resource.split(":", ARN_SEGMENTS));
        if (patternSegments.size() != ARN_SEGMENTS || resourceSegments.size() != ARN_SEGMENTS) {
            return false;
        }
        for (int i = 0; i < ARN_SEGMENTS; i++) {
            if (!globMatches(patternSegments.get(i), resourceSegments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Iterative glob match with backtracking to the last {@code *}: linear for IAM's short patterns. */
    static boolean globMatches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
