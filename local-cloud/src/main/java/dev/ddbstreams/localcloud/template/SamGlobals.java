package dev.ddbstreams.localcloud.template;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges a SAM {@code Globals} section (Function, SimpleTable) into a resource's raw properties
 * the way SAM does: a value set on the resource wins over the global one; maps (such as
 * Environment.Variables) are merged key by key; lists (such as Layers) are concatenated, global
 * entries first. An intrinsic function counts as a single value, not as a map to merge.
 */
final class SamGlobals {

    private SamGlobals() {
    }

    static Map<String, Object> merge(Map<?, ?> globals, Map<?, ?> properties) {
        Map<String, Object> merged = new LinkedHashMap<>();
        globals.forEach((key, value) -> merged.put(String.valueOf(key), value));
        properties.forEach((key, local) -> merged.merge(String.valueOf(key), local, SamGlobals::mergeValue));
        return merged;
    }

    private static Object mergeValue(Object global, Object local) {
        if (global instanceof Map<?, ?> globalMap && local instanceof Map<?, ?> localMap
                && !isIntrinsic(globalMap) && !isIntrinsic(localMap)) {
            return merge(globalMap, localMap);
        }
        if (global instanceof List<?> globalList && local instanceof List<?> localList) {
            List<Object> both = new ArrayList<>(globalList);
            both.addAll(localList);
            return both;
        }
        return local;
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        if (map.size() != 1) {
            return false;
        }
        String key = String.valueOf(map.keySet().iterator().next());
        return key.equals("Ref") || key.startsWith("Fn::");
    }
}
