package dev.ddbstreams.localcloud.template;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For one kind of template object (a resource type, a trigger event, a nested setting): the
 * properties the local cloud models, those it accepts with no local effect, and those that would
 * change behaviour on AWS but are not emulated. {@link #audit} reports every other property too,
 * so nothing is ignored silently.
 *
 * @param notEmulated property name -> why it matters
 */
record PropertyCatalog(Set<String> modelled, Set<String> noLocalEffect, Map<String, String> notEmulated) {

    /** What to do with a property in none of the three sets. */
    enum Unknown {
        /** Report it as NOT_SUPPORTED and go on: resource properties, which rarely change stream semantics. */
        REPORT,
        /** Fail: trigger settings decide how records are delivered, so running without one would mislead. */
        FAIL
    }

    static PropertyCatalog of(Set<String> modelled, Set<String> noLocalEffect) {
        return new PropertyCatalog(modelled, noLocalEffect, Map.of());
    }

    void audit(PropertyReader properties, List<TemplateNotice> notices, Unknown unknown, String unknownReason) {
        for (String key : properties.keys()) {
            if (modelled.contains(key)) {
                continue;
            }
            String path = properties.path(key);
            if (noLocalEffect.contains(key)) {
                notices.add(TemplateNotice.noLocalEffect(path));
            } else if (notEmulated.containsKey(key)) {
                notices.add(TemplateNotice.notSupported(path, notEmulated.get(key)));
            } else if (unknown == Unknown.FAIL) {
                throw TemplateException.at(path, unknownReason);
            } else {
                notices.add(TemplateNotice.notSupported(path, unknownReason));
            }
        }
    }
}
