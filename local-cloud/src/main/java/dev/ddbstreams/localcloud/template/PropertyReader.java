package dev.ddbstreams.localcloud.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, path-aware access to one resolved map of a template (a resource's Properties, an
 * event's Properties, a nested setting): every error names the property path.
 */
final class PropertyReader {

    private final String path;
    private final Map<String, Object> values;

    PropertyReader(String path, Map<?, ?> values) {
        this.path = path;
        this.values = new LinkedHashMap<>();
        values.forEach((key, value) -> this.values.put(String.valueOf(key), value));
    }

    static PropertyReader empty(String path) {
        return new PropertyReader(path, Map.of());
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path + "." + key;
    }

    Set<String> keys() {
        return values.keySet();
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Object raw(String key) {
        return values.get(key);
    }

    TemplateException error(String key, String problem) {
        return TemplateException.at(path(key), problem);
    }

    String requiredString(String key) {
        return string(key).orElseThrow(() -> error(key, "is required"));
    }

    Optional<String> string(String key) {
        return has(key) ? Optional.of(IntrinsicResolver.scalarText(values.get(key), path(key))) : Optional.empty();
    }

    /** One of the allowed values, exactly as AWS spells them. */
    Optional<String> choice(String key, List<String> allowed) {
        Optional<String> value = string(key);
        if (value.isPresent() && !allowed.contains(value.get())) {
            throw error(key, "'" + value.get() + "' is not one of " + allowed);
        }
        return value;
    }

    Optional<Integer> integer(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        String text = IntrinsicResolver.scalarText(values.get(key), path(key));
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            throw error(key, "'" + text + "' is not a whole number");
        }
    }

    /** An integer within {@code min..max}, or the default when absent. */
    int integer(String key, int defaultValue, int min, int max) {
        int value = integer(key).orElse(defaultValue);
        if (value < min || value > max) {
            throw error(key, value + " is out of range " + min + ".." + max);
        }
        return value;
    }

    boolean bool(String key, boolean defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String text = IntrinsicResolver.scalarText(values.get(key), path(key));
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw error(key, "'" + text + "' is not true or false");
    }

    Optional<PropertyReader> map(String key) {
        if (!has(key)) {
            return Optional.empty();
        }
        if (values.get(key) instanceof Map<?, ?> map) {
            return Optional.of(new PropertyReader(path(key), map));
        }
        throw error(key, "expected a map but got " + values.get(key));
    }

    PropertyReader mapOrEmpty(String key) {
        return map(key).orElseGet(() -> empty(path(key)));
    }

    List<PropertyReader> maps(String key) {
        List<PropertyReader> result = new ArrayList<>();
        List<?> list = list(key);
        for (int i = 0; i < list.size(); i++) {
            String at = path(key) + "[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw TemplateException.at(at, "expected a map but got " + list.get(i));
            }
            result.add(new PropertyReader(at, map));
        }
        return result;
    }

    List<String> strings(String key) {
        List<String> result = new ArrayList<>();
        List<?> list = list(key);
        for (int i = 0; i < list.size(); i++) {
            result.add(IntrinsicResolver.scalarText(list.get(i), path(key) + "[" + i + "]"));
        }
        return result;
    }

    private List<?> list(String key) {
        if (!has(key)) {
            return List.of();
        }
        if (values.get(key) instanceof List<?> list) {
            return list;
        }
        throw error(key, "expected a list but got " + values.get(key));
    }
}
