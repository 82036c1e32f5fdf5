package dev.ddbstreams.localcloud.template;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A template as written, before anything is resolved: its sections as plain maps, lists and
 * scalars, intrinsics in their long form ({@code !Ref X} is {@code {Ref: X}}, {@code !GetAtt A.B}
 * is {@code {Fn::GetAtt: [A, B]}}). {@link TemplateReader} builds what the local cloud runs from
 * it; checks of what the local cloud does not run (IAM policies, buckets) read it directly.
 */
public final class TemplateDocument {

    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    private static final String SIMPLE_TABLE = "AWS::Serverless::SimpleTable";

    private final Path file;
    private final Map<String, Object> document;

    private TemplateDocument(Path file, Map<String, Object> document) {
        this.file = file;
        this.document = document;
    }

    /** Reads a YAML or JSON template with CloudFormation's short-form tags; no parameter is needed. */
    public static TemplateDocument load(Path file) {
        return new TemplateDocument(file, TemplateYaml.load(file));
    }

    public Path file() {
        return file;
    }

    /** Top-level section names, in file order. */
    public Set<String> sectionNames() {
        return document.keySet();
    }

    /** A top-level value such as {@code Transform}, or null. */
    public Object value(String name) {
        return document.get(name);
    }

    /** A map section ({@code Parameters}, {@code Globals}, ...): empty when absent. */
    public Map<String, Object> section(String name) {
        Object section = document.get(name);
        if (section == null) {
            return Map.of();
        }
        if (!(section instanceof Map<?, ?> map)) {
            throw TemplateException.at(name, "expected a map");
        }
        return stringKeys(map);
    }

    /** The resources by logical id, in file order, each with its attributes (Type, Properties, ...). */
    public Map<String, Map<String, Object>> resources() {
        Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
        section("Resources").forEach((logicalId, value) -> {
            if (!(value instanceof Map<?, ?> map) || !map.containsKey("Type")) {
                throw TemplateException.at(logicalId, "a resource needs a Type");
            }
            resources.put(logicalId, stringKeys(map));
        });
        if (resources.isEmpty()) {
            throw TemplateException.at("Resources", "a template needs at least one resource");
        }
        return resources;
    }

    /**
     * A resource's Properties, with SAM's {@code Globals.Function} (for
     * {@code AWS::Serverless::Function}) or {@code Globals.SimpleTable} merged in as SAM merges
     * them; empty when the resource has none.
     */
    public Map<String, Object> properties(String logicalId) {
        Map<String, Object> resource = resources().get(logicalId);
        if (resource == null) {
            throw TemplateException.at(logicalId, "no such resource");
        }
        Object type = resource.get("Type");
        String path = logicalId + ".Properties";
        Object properties = resource.get("Properties");
        if (SERVERLESS_FUNCTION.equals(type)) {
            properties = withGlobals("Function", properties, path);
        } else if (SIMPLE_TABLE.equals(type)) {
            properties = withGlobals("SimpleTable", properties, path);
        }
        if (properties == null) {
            return Map.of();
        }
        if (!(properties instanceof Map<?, ?> map)) {
            throw TemplateException.at(path, "expected a map but got " + properties);
        }
        return stringKeys(map);
    }

    /** Merges {@code Globals.<section>} into raw properties; the properties as they are when there is none. */
    Object withGlobals(String section, Object properties, String path) {
        Object global = section("Globals").get(section);
        if (global == null) {
            return properties;
        }
        if (!(global instanceof Map<?, ?> globalMap)) {
            throw TemplateException.at("Globals." + section, "expected a map");
        }
        if (properties != null && !(properties instanceof Map<?, ?>)) {
            throw TemplateException.at(path, "expected a map but got " + properties);
        }
        return SamGlobals.merge(globalMap, properties == null ? Map.of() : (Map<?, ?>) properties);
    }

    private static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> result.put(String.valueOf(key), value));
        return result;
    }
}
