package dev.ddbstreams.localcloud.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;

/** Loads a template file (YAML or JSON) into plain maps, lists and scalars, intrinsics in long form. */
final class TemplateYaml {

    private TemplateYaml() {
    }

    static Map<String, Object> load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template " + file, e);
        }
        return parse(text, file.toString());
    }

    static Map<String, Object> parse(String text, String source) {
        Object document;
        try {
            document = newYaml().load(text);
        } catch (YAMLException e) {
            // Adds the file name; SnakeYAML's message already gives the line and column.
            throw new TemplateException(source + ": not a valid YAML template: " + e.getMessage(), e);
        }
        if (!(document instanceof Map<?, ?> map)) {
            throw new TemplateException(source + ": not a template: the document is not a mapping");
        }
        Map<String, Object> template = new LinkedHashMap<>();
        map.forEach((key, value) -> template.put(String.valueOf(key), value));
        return template;
    }

    /** Parses a JSON (or YAML) text, such as a filter pattern, with the same safe loader. */
    static Object parseValue(String text) {
        return newYaml().load(text);
    }

    private static Yaml newYaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new IntrinsicTagConstructor(options));
    }
}
