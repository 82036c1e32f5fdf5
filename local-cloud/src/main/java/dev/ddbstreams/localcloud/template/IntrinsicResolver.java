package dev.ddbstreams.localcloud.template;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions (long form: the loader has already rewritten the
 * short-form tags) against a local context: parameter values, pseudo parameters, Mappings,
 * Conditions, and what {@link ResourceReferences} says a resource's Ref and attributes are.
 *
 * <p>{@code Ref: AWS::NoValue} removes the property (or list element) that holds it. Functions
 * are resolved lazily: only the chosen branch of an {@code Fn::If} is looked at, as on AWS.
 */
final class IntrinsicResolver {

    /** Stands for AWS::NoValue until the enclosing map or list drops it. */
    private static final Object NO_VALUE = new Object();

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final StackSettings settings;
    private final Map<String, Object> parameters;
    private final Map<String, Object> mappings;
    private final Map<String, Object> conditions;
    private final ResourceReferences resources;
    private final Map<String, Boolean> conditionValues = new HashMap<>();
    private final Set<String> conditionsBeingEvaluated = new HashSet<>();

    IntrinsicResolver(StackSettings settings, Map<String, Object> parameters, Map<String, Object> mappings,
            Map<String, Object> conditions, ResourceReferences resources) {
        this.settings = settings;
        this.parameters = parameters;
        this.mappings = mappings;
        this.conditions = conditions;
        this.resources = resources;
    }

    /** The value with every intrinsic function resolved; {@code null} if it resolved to AWS::NoValue. */
    Object resolve(Object value, String path) {
        Object resolved = resolveOrNoValue(value, path);
        return resolved == NO_VALUE ? null : resolved;
    }

    /** A named condition of the Conditions section. */
    boolean condition(String name, String path) {
        Boolean known = conditionValues.get(name);
        if (known != null) {
            return known;
        }
        if (!conditions.containsKey(name)) {
            throw TemplateException.at(path, "no condition named '" + name + "' in Conditions");
        }
        if (!conditionsBeingEvaluated.add(name)) {
            throw TemplateException.at(path, "condition '" + name + "' refers to itself");
        }
        boolean value = conditionValue(conditions.get(name), "Conditions." + name);
        conditionsBeingEvaluated.remove(name);
        conditionValues.put(name, value);
        return value;
    }

    private Object resolveOrNoValue(Object value, String path) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.startsWith("Fn::")) {
                    return function(key, map.values().iterator().next(), path);
                }
            }
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, child) -> {
                String name = String.valueOf(key);
                Object result = resolveOrNoValue(child, path + "." + name);
                if (result != NO_VALUE) {
                    resolved.put(name, result);
                }
            });
            return resolved;
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                Object result = resolveOrNoValue(list.get(i), path + "[" + i + "]");
                if (result != NO_VALUE) {
                    resolved.add(result);
                }
            }
            return resolved;
        }
        return value;
    }

    private Object function(String name, Object argument, String path) {
        String at = path + "." + name;
        switch (name) {
            case "Ref":
                return ref(scalarText(resolve(argument, at), at), at);
            case "Fn::GetAtt":
                return getAtt(argument, at);
            case "Fn::Sub":
                return sub(argument, at);
            case "Fn::Join":
                return join(arguments(argument, 2, at), at);
            case "Fn::Select":
                return select(arguments(argument, 2, at), at);
            case "Fn::Split":
                return split(arguments(argument, 2, at), at);
            case "Fn::If":
                return ifFunction(arguments(argument, 3, at), at);
            case "Fn::Equals": {
                List<?> operands = arguments(argument, 2, at);
                return scalarText(resolve(operands.get(0), at + "[0]"), at + "[0]")
                        .equals(scalarText(resolve(operands.get(1), at + "[1]"), at + "[1]"));
            }
            case "Fn::Not":
                return !conditionValue(arguments(argument, 1, at).get(0), at + "[0]");
            case "Fn::And":
            case "Fn::Or":
                return andOr(name.equals("Fn::And"), argument, at);
            case "Fn::FindInMap":
                return findInMap(arguments(argument, 3, at), at);
            case "Fn::Base64":
                return Base64.getEncoder().encodeToString(
                        scalarText(resolve(argument, at), at).getBytes(StandardCharsets.UTF_8));
            case "Fn::ImportValue":
                return importValue(scalarText(resolve(argument, at), at), at);
            case "Fn::GetAZs":
                return availabilityZones(scalarText(resolve(argument, at), at));
            default:
                throw TemplateException.at(path, name + " is not supported by the local template reader");
        }
    }

    private Object ref(String name, String path) {
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        switch (name) {
            case "AWS::NoValue":
                return NO_VALUE;
            case "AWS::Region":
                return settings.region();
            case "AWS::AccountId":
                return settings.accountId();
            case "AWS::StackName":
                return settings.stackName();
            case "AWS::StackId":
                return "arn:aws:cloudformation:" + settings.region() + ":" + settings.accountId() + ":stack/"
                        + settings.stackName() + "/local";
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::NotificationARNs":
                return List.of();
            default:
                if (resources.contains(name)) {
                    return resources.ref(name, this, path);
                }
                throw TemplateException.at(path,
                        "!Ref " + name + ": no parameter, pseudo parameter or resource named '" + name + "'");
        }
    }

    private Object getAtt(Object argument, String path) {
        List<?> parts = list(resolve(argument, path), path);
        if (parts.size() != 2) {
            throw TemplateException.at(path, "expected [LogicalId, Attribute] but got " + parts);
        }
        String logicalId = scalarText(parts.get(0), path);
        String attribute = scalarText(parts.get(1), path);
        if (!resources.contains(logicalId)) {
            throw TemplateException.at(path, "!GetAtt " + logicalId + "." + attribute + ": no resource named '"
                    + logicalId + "'");
        }
        return resources.getAtt(logicalId, attribute, this, path);
    }

    private String sub(Object argument, String path) {
        String text;
        Map<String, Object> variables = new HashMap<>();
        if (argument instanceof List<?> form) {
            if (form.size() != 2 || !(form.get(1) instanceof Map<?, ?> map)) {
                throw TemplateException.at(path, "expected a string or [string, {variables}]");
            }
            text = scalarText(form.get(0), path);
            map.forEach((key, value) -> variables.put(String.valueOf(key),
                    resolve(value, path + "[1]." + key)));
        } else {
            text = scalarText(argument, path);
        }
        Matcher matcher = SUB_VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1).trim();
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}"; // ${!Literal} is written out as ${Literal}
            } else if (variables.containsKey(variable)) {
                replacement = scalarText(variables.get(variable), path + " ${" + variable + "}");
            } else if (variable.contains(".") && !variable.startsWith("AWS::")) {
                int dot = variable.indexOf('.');
                replacement = scalarText(getAtt(List.of(variable.substring(0, dot), variable.substring(dot + 1)),
                        path), path);
            } else {
                replacement = scalarText(ref(variable, path), path + " ${" + variable + "}");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String join(List<?> arguments, String path) {
        String delimiter = scalarText(resolve(arguments.get(0), path + "[0]"), path + "[0]");
        List<?> values = list(resolve(arguments.get(1), path + "[1]"), path + "[1]");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            texts.add(scalarText(values.get(i), path + "[1][" + i + "]"));
        }
        return String.join(delimiter, texts);
    }

    private Object select(List<?> arguments, String path) {
        String indexText = scalarText(resolve(arguments.get(0), path + "[0]"), path + "[0]");
        List<?> values = list(resolve(arguments.get(1), path + "[1]"), path + "[1]");
        int index;
        try {
            index = Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            throw TemplateException.at(path, "index '" + indexText + "' is not a number");
        }
        if (index < 0 || index >= values.size()) {
            throw TemplateException.at(path, "index " + index + " is outside the list " + values);
        }
        return values.get(index);
    }

    private List<String> split(List<?> arguments, String path) {
        String delimiter = scalarText(resolve(arguments.get(0), path + "[0]"), path + "[0]");
        String text = scalarText(resolve(arguments.get(1), path + "[1]"), path + "[1]");
        return List.of(text.split(Pattern.quote(delimiter), -1));
    }

    private Object ifFunction(List<?> arguments, String path) {
        String conditionName = scalarText(arguments.get(0), path + "[0]");
        return condition(conditionName, path + "[0]")
                ? resolveOrNoValue(arguments.get(1), path + "[1]")
                : resolveOrNoValue(arguments.get(2), path + "[2]");
    }

    private boolean andOr(boolean and, Object argument, String path) {
        List<?> operands = list(argument, path);
        if (operands.size() < 2 || operands.size() > 10) {
            throw TemplateException.at(path, "expected 2 to 10 conditions but got " + operands.size());
        }
        boolean result = and;
        for (int i = 0; i < operands.size(); i++) {
            boolean value = conditionValue(operands.get(i), path + "[" + i + "]");
            result = and ? result && value : result || value;
        }
        return result;
    }

    /** A condition expression: {@code {Condition: Name}} or a function that yields a boolean. */
    private boolean conditionValue(Object expression, String path) {
        if (expression instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("Condition")) {
            return condition(scalarText(map.get("Condition"), path + ".Condition"), path + ".Condition");
        }
        Object value = resolve(expression, path);
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw TemplateException.at(path, "expected a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition)"
                + " but got " + value);
    }

    private Object findInMap(List<?> arguments, String path) {
        String mapName = scalarText(resolve(arguments.get(0), path + "[0]"), path + "[0]");
        String topKey = scalarText(resolve(arguments.get(1), path + "[1]"), path + "[1]");
        String secondKey = scalarText(resolve(arguments.get(2), path + "[2]"), path + "[2]");
        Map<?, ?> map = mapping(mappings.get(mapName), path, "no mapping named '" + mapName + "'");
        Map<?, ?> top = mapping(map.get(topKey), path, "mapping " + mapName + " has no key '" + topKey + "'");
        if (!top.containsKey(secondKey)) {
            throw TemplateException.at(path, "mapping " + mapName + "." + topKey + " has no key '" + secondKey + "'");
        }
        return resolve(top.get(secondKey), path);
    }

    private String importValue(String exportName, String path) {
        String value = settings.importedValues().get(exportName);
        if (value == null) {
            throw TemplateException.at(path, "Fn::ImportValue " + exportName
                    + ": no other stack runs locally; supply the value in StackSettings.withImportedValue");
        }
        return value;
    }

    private List<String> availabilityZones(String region) {
        String name = region.isEmpty() ? settings.region() : region;
        return List.of(name + "a", name + "b", name + "c");
    }

    private static List<?> arguments(Object argument, int count, String path) {
        List<?> arguments = list(argument, path);
        if (arguments.size() != count) {
            throw TemplateException.at(path, "expected " + count + " arguments but got " + arguments.size());
        }
        return arguments;
    }

    private static List<?> list(Object value, String path) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw TemplateException.at(path, "expected a list but got " + value);
    }

    private static Map<?, ?> mapping(Object value, String path, String problem) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        throw TemplateException.at(path, problem);
    }

    /** A string, number or boolean as text (CloudFormation treats them alike); anything else is an error. */
    static String scalarText(Object value, String path) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw TemplateException.at(path, "expected a string but got " + (value == null ? "nothing" : value));
    }
}
