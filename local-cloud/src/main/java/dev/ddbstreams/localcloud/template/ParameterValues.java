package dev.ddbstreams.localcloud.template;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The value of each template parameter: the caller's value, else the Default. A parameter with
 * neither, a value for a parameter the template does not declare, a value outside
 * AllowedValues, or one the AllowedPattern (a Java regular expression) does not match whole is an
 * error, as in a CloudFormation deployment.
 */
final class ParameterValues {

    private final Map<String, String> texts = new LinkedHashMap<>();
    private final Map<String, Object> refValues = new LinkedHashMap<>();

    ParameterValues(Map<String, Object> declarations, Map<String, String> given) {
        for (String name : given.keySet()) {
            if (!declarations.containsKey(name)) {
                throw TemplateException.at("Parameters", "a value was given for '" + name
                        + "' but the template declares no such parameter");
            }
        }
        declarations.forEach((name, declaration) -> {
            String path = "Parameters." + name;
            PropertyReader parameter = declaration instanceof Map<?, ?> map ? new PropertyReader(path, map)
                    : PropertyReader.empty(path);
            String value = given.containsKey(name) ? given.get(name) : parameter.string("Default").orElseThrow(() ->
                    TemplateException.at(path, "has no Default and no value was given"));
            List<String> allowed = parameter.strings("AllowedValues");
            if (!allowed.isEmpty() && !allowed.contains(value)) {
                throw TemplateException.at(path, "'" + value + "' is not one of the AllowedValues " + allowed);
            }
            Optional<String> pattern = parameter.string("AllowedPattern");
            if (pattern.isPresent() && !value.matches(pattern.get())) {
                throw TemplateException.at(path, "'" + value + "' does not match the AllowedPattern " + pattern.get());
            }
            texts.put(name, value);
            String type = parameter.string("Type").orElse("String");
            // List parameters are lists to Ref (and so to Fn::Join / Fn::Select).
            boolean isList = type.equals("CommaDelimitedList") || type.startsWith("List<");
            refValues.put(name, isList ? List.of(value.split(",", -1)) : value);
        });
    }

    /** Parameter values as given or defaulted, for {@link Template#parameters()}. */
    Map<String, String> texts() {
        return texts;
    }

    /** What {@code Ref} returns for each parameter. */
    Map<String, Object> refValues() {
        return refValues;
    }
}
