package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trigger's FilterCriteria: records that match none of its patterns are not delivered (and the
 * checkpoint moves past them). Patterns use EventBridge syntax and are matched against the record
 * as Lambda would send it, e.g. {@code {"eventName":["INSERT"],"dynamodb":{"NewImage":{"region":{"S":["SOUTH"]}}}}}.
 *
 * <p>Supported: exact values (strings, numbers, booleans, null) and lists of them (OR),
 * {@code prefix}, {@code suffix}, {@code anything-but} (a value, a list, or a prefix),
 * {@code numeric} (comparisons, also on DynamoDB's number strings), {@code exists} and
 * {@code equals-ignore-case}; the empty string matches an empty value.
 */
public final class EventFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<JsonNode> patterns;

    private EventFilter(List<JsonNode> patterns) {
        this.patterns = patterns;
    }

    /** A filter with no patterns lets every record through. */
    public static EventFilter of(List<String> patternsJson) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String pattern : patternsJson) {
            JsonNode node;
            try {
                node = JSON.readTree(pattern);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("filter pattern is not JSON: " + pattern, e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("filter pattern must be a JSON object: " + pattern);
            }
            validate(node, "");
            parsed.add(node);
        }
        return new EventFilter(List.copyOf(parsed));
    }

    /** True when there are no patterns or at least one matches (patterns are ORed). */
    public boolean matches(JsonNode record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> matchesObject(pattern, record));
    }

    private static boolean matchesObject(JsonNode pattern, JsonNode event) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            JsonNode value = event == null ? null : event.get(field.getKey());
            if (!matchesField(field.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matchesField(JsonNode pattern, JsonNode value) {
        if (pattern.isObject()) {
            // A missing object still matches a pattern whose leaves all say {"exists": false}.
            return value == null ? matchesObject(pattern, null) : value.isObject() && matchesObject(pattern, value);
        }
        // A leaf: a list of alternatives; an array value matches when any element does.
        for (JsonNode alternative : pattern) {
            if (alternative.isObject() && alternative.has("exists")) {
                if (alternative.get("exists").asBoolean() == (value != null)) {
                    return true;
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            if (value.isArray()) {
                for (JsonNode element : value) {
                    if (matchesValue(alternative, element)) {
                        return true;
                    }
                }
            } else if (matchesValue(alternative, value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesValue(JsonNode alternative, JsonNode value) {
        if (!alternative.isObject()) {
            return equalValues(alternative, value);
        }
        Map.Entry<String, JsonNode> operator = alternative.properties().iterator().next();
        JsonNode operand = operator.getValue();
        return switch (operator.getKey()) {
            case "prefix" -> value.isTextual() && value.asText().startsWith(operand.asText());
            case "suffix" -> value.isTextual() && value.asText().endsWith(operand.asText());
            case "equals-ignore-case" -> value.isTextual() && value.asText().equalsIgnoreCase(operand.asText());
            case "anything-but" -> anythingBut(operand, value);
            case "numeric" -> numeric(operand, value);
            default -> throw new IllegalStateException("unvalidated operator " + operator.getKey());
        };
    }

    private static boolean anythingBut(JsonNode operand, JsonNode value) {
        if (operand.isObject() && operand.has("prefix")) {
            return value.isTextual() && !value.asText().startsWith(operand.get("prefix").asText());
        }
        if (operand.isArray()) {
            for (JsonNode excluded : operand) {
                if (equalValues(excluded, value)) {
                    return false;
                }
            }
            return true;
        }
        return !equalValues(operand, value);
    }

    private static boolean numeric(JsonNode conditions, JsonNode value) {
        BigDecimal number = numberOf(value);
        if (number == null) {
            return false;
        }
        for (int i = 0; i + 1 < conditions.size(); i += 2) {
            int comparison = number.compareTo(conditions.get(i + 1).decimalValue());
            boolean holds = switch (conditions.get(i).asText()) {
                case "=" -> comparison == 0;
                case "<" -> comparison < 0;
                case "<=" -> comparison <= 0;
                case ">" -> comparison > 0;
                case ">=" -> comparison >= 0;
                default -> false;
            };
            if (!holds) {
                return false;
            }
        }
        return true;
    }

    /** DynamoDB sends numbers as strings ({@code {"N":"5"}}), so numeric matching reads those too. */
    private static BigDecimal numberOf(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.asText());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static boolean equalValues(JsonNode expected, JsonNode value) {
        if (expected.isNumber()) {
            BigDecimal number = numberOf(value);
            return value.isNumber() && number != null && number.compareTo(expected.decimalValue()) == 0;
        }
        return expected.equals(value);
    }

    private static void validate(JsonNode pattern, String path) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                validate(value, where);
            } else if (!value.isArray()) {
                throw new IllegalArgumentException("filter pattern at " + where
                        + " must be an object or a list of values, was " + value);
            } else {
                for (JsonNode alternative : value) {
                    if (alternative.isObject()) {
                        validateOperator(alternative, where);
                    }
                }
            }
        }
    }

    private static void validateOperator(JsonNode alternative, String where) {
        if (alternative.size() != 1) {
            throw new IllegalArgumentException("filter pattern at " + where + " has an operator object with "
                    + alternative.size() + " keys: " + alternative);
        }
        String operator = alternative.fieldNames().next();
        if (!List.of("prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists")
                .contains(operator)) {
            throw new IllegalArgumentException("filter pattern at " + where + " uses operator '" + operator
                    + "', which the local trigger does not support");
        }
        JsonNode operand = alternative.get(operator);
        if (operator.equals("anything-but") && operand.isObject()
                && !(operand.size() == 1 && operand.has("prefix") && operand.get("prefix").isTextual())) {
            throw new IllegalArgumentException("filter pattern at " + where
                    + ": anything-but takes a value, a list of values or {\"prefix\": \"...\"}, was " + operand);
        }
        if (operator.equals("numeric") && (!alternative.get(operator).isArray()
                || alternative.get(operator).size() % 2 != 0)) {
            throw new IllegalArgumentException("filter pattern at " + where
                    + ": numeric takes pairs of operator and number, e.g. [\">\", 0, \"<=\", 5]");
        }
    }
}
