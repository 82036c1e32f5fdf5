package dev.ddbstreams.localcloud.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the readers of single resources share while one template is read: the resolver, the
 * references between resources, the tables read so far, and the notices collected.
 */
final class TemplateContext {

    private final IntrinsicResolver resolver;
    private final ResourceReferences references;
    private final List<TableDefinition> tables = new ArrayList<>();
    private final List<TemplateNotice> notices = new ArrayList<>();

    TemplateContext(IntrinsicResolver resolver, ResourceReferences references) {
        this.resolver = resolver;
        this.references = references;
    }

    /**
     * A resource's Properties: every property is audited against the catalog (and reported when
     * not modelled); only the modelled ones are resolved, so that an intrinsic in, say, an IAM
     * policy that the local cloud ignores anyway cannot stop the template from running.
     */
    PropertyReader readProperties(Object raw, String path, PropertyCatalog catalog, PropertyCatalog.Unknown unknown,
            String unknownReason) {
        if (raw == null) {
            return PropertyReader.empty(path);
        }
        if (!(raw instanceof Map<?, ?> properties)) {
            throw TemplateException.at(path, "expected a map but got " + raw);
        }
        catalog.audit(new PropertyReader(path, properties), notices, unknown, unknownReason);
        Map<String, Object> modelled = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            if (catalog.modelled().contains(String.valueOf(key))) {
                modelled.put(String.valueOf(key), value);
            }
        });
        return new PropertyReader(path, (Map<?, ?>) resolver.resolve(modelled, path));
    }

    /** One raw value with its intrinsics resolved. */
    Object resolveValue(Object raw, String path) {
        return resolver.resolve(raw, path);
    }

    boolean condition(String name, String path) {
        return resolver.condition(name, path);
    }

    String physicalName(String logicalId) {
        return references.name(logicalId, resolver);
    }

    Optional<String> logicalIdOf(String value, List<String> types) {
        return references.logicalIdOf(value, types, resolver);
    }

    Map<?, ?> rawProperties(String logicalId) {
        return references.rawProperties(logicalId);
    }

    List<String> createdOfType(String type) {
        return references.createdOfType(type);
    }

    StackSettings settings() {
        return references.settings();
    }

    List<TableDefinition> tables() {
        return tables;
    }

    List<TemplateNotice> notices() {
        return notices;
    }
}
