package io.hotbundle.container.internal.leaks;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether a value keeps a retired version in memory, looked at a few levels deep: the value itself (an object,
 * a class or the class loader of the version), the elements of the JDK's collections, maps and arrays, and the
 * fields of objects of other bundles' classes. No plugin code runs: only the JDK's own collections are iterated,
 * and other objects are read field by field. Each question has a budget of elements, so that a cache of a
 * million entries costs a bounded time.
 */
final class Reach {

    private static final int BUDGET = 200_000;

    private final ClassLoader retired;
    private int budget;

    Reach(ClassLoader retired) {
        this.retired = retired;
    }

    /** What in {@code value}, within {@code depth} levels, belongs to the retired version: "a com.acme.Plugin". */
    Optional<String> find(Object value, int depth) {
        budget = BUDGET;
        return Optional.ofNullable(search(value, depth));
    }

    private String search(Object value, int depth) {
        if (value == null || --budget < 0) {
            return null;
        }
        String own = belonging(value);
        if (own != null || depth == 0 || isScalar(value)) {
            return own;
        }
        try {
            if (value instanceof Object[] array) {
                for (Object element : array) {
                    String found = search(element, depth - 1);
                    if (found != null) {
                        return found;
                    }
                }
                return null;
            }
            if (value.getClass().isArray() || !isJdk(value.getClass())) {
                return value.getClass().isArray() ? null : inFields(value, depth);
            }
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    String found = search(entry.getKey(), depth - 1);
                    found = found != null ? found : search(entry.getValue(), depth - 1);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (value instanceof Collection<?> collection) {
                for (Object element : collection) {
                    String found = search(element, depth - 1);
                    if (found != null) {
                        return found;
                    }
                }
            } else if (value instanceof AtomicReference<?> reference) {
                return search(reference.get(), depth - 1);
            } else if (value instanceof Optional<?> optional) {
                return search(optional.orElse(null), depth - 1);
            }
        } catch (RuntimeException e) {
            // A collection changed under the iterator (it is read without its owner's locks): it holds nothing we saw.
        }
        return null;
    }

    /** What the value is of the retired version's, or null. */
    String belonging(Object value) {
        if (value == retired) {
            return "its class loader";
        }
        if (value instanceof Class<?> type) {
            return type.getClassLoader() == retired ? "class " + type.getName() : null;
        }
        Class<?> type = value.getClass();
        if (type.getClassLoader() == retired) {
            return "a " + (type.isHidden() || type.isSynthetic() ? "lambda of " + hostName(type) : type.getName());
        }
        if (value instanceof Thread thread && thread.getContextClassLoader() == retired) {
            return "thread '" + thread.getName() + "' (its context class loader)";
        }
        return null;
    }

    /** The fields of an object of a class that is not the JDK's, one level down (static fields are the scan's). */
    private String inFields(Object value, int depth) {
        for (Class<?> type = value.getClass(); type != null && !isJdk(type); type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    String found = search(field.get(value), depth - 1);
                    if (found != null) {
                        return found;
                    }
                } catch (IllegalAccessException | RuntimeException e) {
                    // A field of a named module that does not open it: not ours to read.
                }
            }
        }
        return null;
    }

    static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static boolean isScalar(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character || value instanceof Enum<?>;
    }

    private static String hostName(Class<?> hidden) {
        String name = hidden.getName();
        int cut = name.indexOf("$$Lambda");
        return cut > 0 ? name.substring(0, cut) : name;
    }
}
