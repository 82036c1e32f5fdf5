package dev.ddbstreams.cli.deploy;

import dev.ddbstreams.localcloud.template.TemplateDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a function is allowed to do, read from a template as written: the statements of its SAM
 * {@code Policies} (a SAM policy template counts as a statement on its parameters), or, when it
 * names a {@code Role} of the template, that role's inline policies and the {@code AWS::IAM::Policy}
 * resources attached to it. Also what a value names: the resources and parameters its
 * {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub} refer to.
 */
final class FunctionPermissions {

    /** What Lambda's event source mapping calls to read a DynamoDB or Kinesis stream (lower case). */
    static final Set<String> STREAM_READ_ACTIONS = Set.of("dynamodb:describestream", "dynamodb:getrecords",
            "dynamodb:getsharditerator", "dynamodb:liststreams", "kinesis:describestream",
            "kinesis:describestreamsummary", "kinesis:getrecords", "kinesis:getsharditerator", "kinesis:listshards",
            "kinesis:subscribetoshard", "kinesis:describestreamconsumer");

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}.]*)(\\.[^}]*)?}");

    /** One Allow statement: its actions (empty for a SAM policy template) and its Resource values. */
    record Allow(String where, List<String> actions, List<Object> resources) {

        boolean readsStreams() {
            return actions.stream().anyMatch(action -> STREAM_READ_ACTIONS.contains(action.toLowerCase(Locale.ROOT)));
        }
    }

    private FunctionPermissions() {
    }

    /** The Allow statements that apply to a function, SAM's or its Role's. */
    static List<Allow> of(Map<String, Object> properties, TemplateDocument document) {
        List<Allow> allows = new ArrayList<>();
        Set<String> role = names(properties.get("Role"), document.resources().keySet());
        if (!role.isEmpty()) {
            String roleId = role.iterator().next();
            Map<String, Object> roleProperties = document.properties(roleId);
            List<Object> inline = list(roleProperties.get("Policies"));
            for (int i = 0; i < inline.size(); i++) {
                addDocument(roleId + ".Policies[" + i + "]", map(inline.get(i)).get("PolicyDocument"), allows);
            }
            document.resources().forEach((id, resource) -> {
                if ("AWS::IAM::Policy".equals(resource.get("Type"))
                        && list(document.properties(id).get("Roles")).contains(Map.of("Ref", roleId))) {
                    addDocument(id, document.properties(id).get("PolicyDocument"), allows);
                }
            });
            return allows;
        }
        List<Object> policies = list(properties.get("Policies"));
        for (int i = 0; i < policies.size(); i++) {
            Map<String, Object> policy = map(policies.get(i));
            if (policy.containsKey("Statement")) {
                addDocument("Policies[" + i + "]", policy, allows);
            } else {
                int index = i;
                policy.forEach((template, parameters) -> allows.add(new Allow("Policies[" + index + "]." + template,
                        List.of(), new ArrayList<>(map(parameters).values()))));
            }
        }
        return allows;
    }

    /** The names among {@code known} (logical ids, parameters) that a value refers to, at any depth. */
    static Set<String> names(Object value, Set<String> known) {
        Set<String> names = new LinkedHashSet<>();
        collect(value, known, names);
        return names;
    }

    private static void collect(Object value, Set<String> known, Set<String> names) {
        if (value instanceof List<?> list) {
            list.forEach(item -> collect(item, known, names));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, inner) -> {
                if ("Ref".equals(key)) {
                    add(String.valueOf(inner), known, names);
                } else if ("Fn::GetAtt".equals(key)) {
                    String target = inner instanceof List<?> parts ? String.valueOf(parts.get(0))
                            : String.valueOf(inner).split("\\.")[0];
                    add(target, known, names);
                } else if ("Fn::Sub".equals(key)) {
                    Object text = inner instanceof List<?> parts ? parts.get(0) : inner;
                    Matcher variable = SUB_VARIABLE.matcher(String.valueOf(text));
                    while (variable.find()) {
                        add(variable.group(1), known, names);
                    }
                    if (inner instanceof List<?> parts && parts.size() > 1) {
                        collect(parts.get(1), known, names);
                    }
                } else {
                    collect(inner, known, names);
                }
            });
        }
    }

    private static void add(String name, Set<String> known, Set<String> names) {
        if (known.contains(name)) {
            names.add(name);
        }
    }

    private static void addDocument(String where, Object document, List<Allow> allows) {
        List<Object> statements = list(map(document).get("Statement"));
        for (int i = 0; i < statements.size(); i++) {
            Map<String, Object> statement = map(statements.get(i));
            if ("Allow".equals(statement.get("Effect"))) {
                allows.add(new Allow(where + ".Statement[" + i + "]",
                        list(statement.get("Action")).stream().map(String::valueOf).toList(),
                        list(statement.get("Resource"))));
            }
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** A list, or a single value as a list of one (IAM and SAM accept both). */
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of(value);
    }
}
