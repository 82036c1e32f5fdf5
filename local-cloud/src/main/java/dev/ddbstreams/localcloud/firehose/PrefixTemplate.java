package dev.ddbstreams.localcloud.firehose;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A Firehose {@code Prefix} or {@code ErrorOutputPrefix}: literal text and
 * {@code !{namespace:value}} expressions, evaluated when an object is written.
 * Supports {@code !{timestamp:<DateTimeFormatter pattern>}} (UTC, the arrival time of the
 * object's oldest record), {@code !{firehose:random-string}} (11 characters, new for each
 * occurrence) and {@code !{firehose:error-output-type}}. Dynamic partitioning namespaces are
 * rejected: the local Firehose does not emulate them.
 *
 * @see <a href="https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html">Custom prefixes</a>
 */
final class PrefixTemplate {

    /** What Firehose appends to a prefix that has no timestamp expression. */
    static final String DEFAULT_TIME_PATTERN = "yyyy/MM/dd/HH/";

    private final String source;
    private final List<Part> parts;

    private PrefixTemplate(String source, List<Part> parts) {
        this.source = source;
        this.parts = List.copyOf(parts);
    }

    /**
     * Parses a prefix.
     *
     * @param field the field name used in error messages (Prefix or ErrorOutputPrefix)
     * @throws IllegalArgumentException naming the field and the bad expression
     */
    static PrefixTemplate parse(String field, String text) {
        List<Part> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf("!{", at);
            if (open < 0) {
                parts.add(new Literal(text.substring(at)));
                break;
            }
            if (open > at) {
                parts.add(new Literal(text.substring(at, open)));
            }
            int close = text.indexOf('}', open);
            if (close < 0) {
                throw new IllegalArgumentException(field + " '" + text + "': '!{' at index " + open
                        + " is not closed; '!{' may only start a !{namespace:value} expression");
            }
            parts.add(expression(field, text, text.substring(open + 2, close)));
            at = close + 1;
        }
        return new PrefixTemplate(text, parts);
    }

    private static Part expression(String field, String text, String body) {
        int colon = body.indexOf(':');
        String namespace = colon < 0 ? body : body.substring(0, colon);
        String value = colon < 0 ? "" : body.substring(colon + 1);
        switch (namespace) {
            case "timestamp":
                return new Timestamp(formatter(field, text, value));
            case "firehose":
                if (value.equals("random-string")) {
                    return new RandomString();
                }
                if (value.equals("error-output-type")) {
                    return new ErrorOutputType();
                }
                throw new IllegalArgumentException(field + " '" + text + "': unknown firehose expression '" + value
                        + "': use random-string or error-output-type");
            case "partitionKeyFromQuery":
            case "partitionKeyFromLambda":
                throw new IllegalArgumentException(field + " '" + text + "': " + namespace
                        + " needs dynamic partitioning, which the local Firehose does not emulate");
            default:
                throw new IllegalArgumentException(field + " '" + text + "': unknown namespace in !{" + body
                        + "}: use timestamp or firehose");
        }
    }

    private static DateTimeFormatter formatter(String field, String text, String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + text + "': '" + pattern
                    + "' is not a Java DateTimeFormatter pattern: " + e.getMessage(), e);
        }
    }

    /** Firehose's rule: a prefix without a timestamp expression gets {@value #DEFAULT_TIME_PATTERN} appended. */
    PrefixTemplate withDefaultTimestampIfNone() {
        if (hasTimestamp()) {
            return this;
        }
        List<Part> withTime = new ArrayList<>(parts);
        withTime.add(new Timestamp(DateTimeFormatter.ofPattern(DEFAULT_TIME_PATTERN, Locale.ROOT).withZone(ZoneOffset.UTC)));
        return new PrefixTemplate(source + "!{timestamp:" + DEFAULT_TIME_PATTERN + "}", withTime);
    }

    boolean hasExpressions() {
        return parts.stream().anyMatch(part -> !(part instanceof Literal));
    }

    boolean hasTimestamp() {
        return parts.stream().anyMatch(part -> part instanceof Timestamp);
    }

    boolean hasErrorOutputType() {
        return parts.stream().anyMatch(part -> part instanceof ErrorOutputType);
    }

    String source() {
        return source;
    }

    /**
     * Evaluates the prefix.
     *
     * @param time the arrival time of the object's oldest record
     * @param errorOutputType what {@code !{firehose:error-output-type}} becomes
     * @param randomString makes each {@code !{firehose:random-string}}
     */
    String evaluate(Instant time, String errorOutputType, Supplier<String> randomString) {
        StringBuilder out = new StringBuilder();
        for (Part part : parts) {
            out.append(part.evaluate(time, errorOutputType, randomString));
        }
        return out.toString();
    }

    private interface Part {
        String evaluate(Instant time, String errorOutputType, Supplier<String> randomString);
    }

    private record Literal(String text) implements Part {
        @Override
        public String evaluate(Instant time, String errorOutputType, Supplier<String> randomString) {
            return text;
        }
    }

    private record Timestamp(DateTimeFormatter formatter) implements Part {
        @Override
        public String evaluate(Instant time, String errorOutputType, Supplier<String> randomString) {
            return formatter.format(time);
        }
    }

    private record RandomString() implements Part {
        @Override
        public String evaluate(Instant time, String errorOutputType, Supplier<String> randomString) {
            return randomString.get();
        }
    }

    private record ErrorOutputType() implements Part {
        @Override
        public String evaluate(Instant time, String errorOutputType, Supplier<String> randomString) {
            return errorOutputType;
        }
    }
}
