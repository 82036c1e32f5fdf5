package dev.ddbstreams.localcloud.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.event.ruler.Machine;

/**
 * A trigger's FilterCriteria: records that match none of its patterns are not delivered (and the
 * checkpoint moves past them). Matching is done by event-ruler, AWS's own implementation of the
 * event-pattern syntax Lambda uses, against the record as Lambda would send it, e.g.
 * {@code {"eventName":["INSERT"],"dynamodb":{"NewImage":{"region":{"S":["SOUTH"]}}}}}.
 *
 * <p>So {@code exists} tests leaf values only, as the Lambda guide says ("Filtering events from
 * DynamoDB", Using the Exists operator): on an image, drill down to the type key
 * ({@code "region":{"S":[{"exists":true}]}}). Operators Lambda does not document are refused.
 */
public final class EventFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The comparison operators of the Lambda guide's "Filter rule syntax" table. */
    private static final Set<String> LAMBDA_OPERATORS =
            Set.of("prefix", "suffix", "equals-ignore-case", "anything-but", "numeric", "exists");

    private final Machine machine;
    private final boolean empty;

    private EventFilter(Machine machine, boolean empty) {
        this.machine = machine;
        this.empty = empty;
    }

    /** A filter with no patterns lets every record through. */
    public static EventFilter of(List<String> patternsJson) {
        Machine machine = new Machine();
        for (int i = 0; i < patternsJson.size(); i++) {
            String pattern = patternsJson.get(i);
            JsonNode node;
            try {
                node = JSON.readTree(pattern);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("filter pattern is not JSON: " + pattern, e);
            }
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("filter pattern must be a JSON object: " + pattern);
            }
            refuseUndocumentedOperators(node, "");
            try {
                machine.addRule("pattern-" + i, pattern);
            } catch (IOException | IllegalArgumentException e) {
                throw new IllegalArgumentException("filter pattern is not valid (" + e.getMessage() + "): " + pattern, e);
            }
        }
        return new EventFilter(machine, patternsJson.isEmpty());
    }

    /** True when there are no patterns or at least one matches (patterns are ORed). */
    public boolean matches(JsonNode record) {
        return empty || !machine.rulesForJSONEvent(record).isEmpty();
    }

    /** event-ruler knows more operators (wildcard, cidr) than Lambda accepts in FilterCriteria. */
    private static void refuseUndocumentedOperators(JsonNode pattern, String path) {
        for (Map.Entry<String, JsonNode> field : pattern.properties()) {
            String where = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            JsonNode value = field.getValue();
            if (field.getKey().equals("$or") && value.isArray()) {
                value.forEach(alternative -> refuseUndocumentedOperators(alternative, path));
            } else if (value.isObject()) {
                refuseUndocumentedOperators(value, where);
            } else if (value.isArray()) {
                for (JsonNode alternative : value) {
                    if (alternative.isObject()) {
                        alternative.fieldNames().forEachRemaining(operator -> {
                            if (!LAMBDA_OPERATORS.contains(operator)) {
                                throw new IllegalArgumentException("filter pattern at " + where + " uses operator '"
                                        + operator + "', which Lambda's FilterCriteria do not support");
                            }
                        });
                    }
                }
            }
        }
    }
}
