package io.hotbundle.container.internal.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The class-neutral form that state has between versions, in memory and on disk: String, Boolean, Long, Double,
 * List and Map with String keys, and null. Nothing else may get in: a value of a plugin's class would keep its
 * version in memory, and a value another version cannot read would fail its restore.
 *
 * <p>What the store keeps is {@linkplain #frozen frozen}: the writer thread reads it while plugins may call
 * {@code saved()}, and neither may see the other change it. A migration gets a {@linkplain #thawed thawed} copy.
 */
final class NeutralValues {

    private NeutralValues() {
    }

    /**
     * A deep, unmodifiable copy.
     *
     * @throws IllegalArgumentException naming the first value (by its path under {@code root}) that is not
     *                                  class-neutral
     */
    static Map<String, Object> frozen(Map<String, Object> values, String root) {
        return asMap(copy(values, root, true));
    }

    /** A deep copy that can be changed, for a migration. */
    static Map<String, Object> thawed(Map<String, Object> values) {
        return asMap(copy(values, "values", false));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object copy) {
        return (Map<String, Object>) copy;
    }

    private static Object copy(Object value, String path, boolean frozen) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Map<?, ?> map) {
            var copy = new LinkedHashMap<String, Object>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new IllegalArgumentException(path + ": a key that is not a string: " + entry.getKey());
                }
                copy.put(key, copy(entry.getValue(), path + "." + key, frozen));
            }
            return frozen ? Collections.unmodifiableMap(copy) : copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                copy.add(copy(list.get(i), path + "[" + i + "]", frozen));
            }
            return frozen ? Collections.unmodifiableList(copy) : copy;
        }
        throw new IllegalArgumentException(path + ": " + (value instanceof Number
                ? "the number " + value + " does not fit a long or a double"
                : "a " + value.getClass().getName() + " is not a class-neutral value"));
    }
}
