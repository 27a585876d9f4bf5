package io.hotbundle.container.internal.state;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.hotbundle.api.state.StateException;

/**
 * Converts state between a plugin's own classes and the class-neutral form that crosses versions: String,
 * Boolean, Long, Double, List and Map (with String keys). Records become maps of their components; enums,
 * instants, durations, dates and UUIDs become strings.
 *
 * <p>Going back, the target record of the <em>new</em> version decides: components missing from the saved
 * state get defaults, saved values no component asks for are dropped, and numbers narrow with a range check.
 */
public final class NeutralForm {

    private NeutralForm() {
    }

    /** The class-neutral form of a record or a map. */
    public static Map<String, Object> toNeutral(Object state) {
        Object neutral = neutral(state, "state");
        if (neutral instanceof Map<?, ?> map) {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) map;
            return values;
        }
        throw new StateException("state must be a record or a Map, not " + state.getClass().getName());
    }

    private static Object neutral(Object value, String path) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Long
                || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Character || value instanceof Enum<?> || value instanceof Instant
                || value instanceof Duration || value instanceof LocalDate || value instanceof UUID) {
            return value instanceof Enum<?> e ? e.name() : value.toString();
        }
        if (value instanceof Record record) {
            return recordValues(record, path);
        }
        if (value instanceof Map<?, ?> map) {
            var values = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> values.put(String.valueOf(k instanceof Enum<?> e ? e.name() : k),
                    neutral(v, path + "." + k)));
            return values;
        }
        if (value instanceof Collection<?> collection) {
            var values = new ArrayList<>(collection.size());
            int i = 0;
            for (Object element : collection) {
                values.add(neutral(element, path + "[" + i++ + "]"));
            }
            return values;
        }
        if (value.getClass().isArray()) {
            var values = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                values.add(neutral(Array.get(value, i), path + "[" + i + "]"));
            }
            return values;
        }
        throw new StateException(path + ": a " + value.getClass().getName() + " cannot cross versions; use a record, "
                + "String, number, boolean, enum, list or map");
    }

    private static Map<String, Object> recordValues(Record record, String path) {
        var values = new LinkedHashMap<String, Object>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                var accessor = component.getAccessor();
                accessor.setAccessible(true);
                values.put(component.getName(), neutral(accessor.invoke(record), path + "." + component.getName()));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new StateException(path + "." + component.getName() + ": cannot be read: " + e, e);
            }
        }
        return values;
    }

    /** Builds an instance of {@code type}, a record, from class-neutral values. */
    public static <T extends Record> T toRecord(Map<String, Object> values, Class<T> type) {
        return type.cast(convert(values, type, type.getSimpleName()));
    }

    private static Object convert(Object value, Type target, String path) {
        Class<?> raw = rawClass(target);
        if (value == null) {
            return defaultFor(raw);
        }
        try {
            if (raw == Object.class) {
                return value;
            }
            if (raw == String.class) {
                return (String) value;
            }
            if (raw == boolean.class || raw == Boolean.class) {
                return (Boolean) value;
            }
            if (Number.class.isAssignableFrom(boxed(raw)) || raw.isPrimitive() && raw != char.class) {
                return number((Number) value, boxed(raw), path);
            }
            if (raw == char.class || raw == Character.class) {
                return ((String) value).charAt(0);
            }
            if (raw.isEnum()) {
                return enumConstant(raw, (String) value, path);
            }
            if (raw == Instant.class) {
                return Instant.parse((String) value);
            }
            if (raw == Duration.class) {
                return Duration.parse((String) value);
            }
            if (raw == LocalDate.class) {
                return LocalDate.parse((String) value);
            }
            if (raw == UUID.class) {
                return UUID.fromString((String) value);
            }
            if (raw.isRecord()) {
                return record((Map<?, ?>) value, raw, path);
            }
            if (Map.class.isAssignableFrom(raw)) {
                var map = new LinkedHashMap<String, Object>();
                ((Map<?, ?>) value).forEach((k, v) -> map.put((String) k, convert(v, typeArgument(target, 1), path + "." + k)));
                return map;
            }
            if (Collection.class.isAssignableFrom(raw)) {
                Collection<Object> collection = Set.class.isAssignableFrom(raw) ? new LinkedHashSet<>() : new ArrayList<>();
                int i = 0;
                for (Object element : (List<?>) value) {
                    collection.add(convert(element, typeArgument(target, 0), path + "[" + i++ + "]"));
                }
                return collection;
            }
        } catch (ClassCastException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            // The message says all there is; a chained ClassCastException would only hide it in reports.
            throw new StateException(path + ": saved value '" + value + "' does not fit " + raw.getSimpleName());
        }
        throw new StateException(path + ": a " + raw.getName() + " cannot be restored; use a record, String, "
                + "number, boolean, enum, list or map");
    }

    private static Object record(Map<?, ?> values, Class<?> type, String path) {
        RecordComponent[] components = type.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] arguments = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            arguments[i] = convert(values.get(components[i].getName()), components[i].getGenericType(),
                    path + "." + components[i].getName());
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new StateException(path + ": its constructor rejected the saved values: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new StateException(path + ": cannot be constructed: " + e, e);
        }
    }

    private static Object number(Number value, Class<?> target, String path) {
        if (target == Double.class || target == Float.class) {
            return target == Double.class ? (Object) value.doubleValue() : (Object) value.floatValue();
        }
        if (value instanceof Double d && d != Math.rint(d)) {
            throw new StateException(path + ": saved value " + value + " is not a whole number");
        }
        long whole = value.longValue();
        if (target == Long.class) {
            return whole;
        }
        if (target == Integer.class && whole == (int) whole) {
            return (int) whole;
        }
        if (target == Short.class && whole == (short) whole) {
            return (short) whole;
        }
        if (target == Byte.class && whole == (byte) whole) {
            return (byte) whole;
        }
        throw new StateException(path + ": saved value " + value + " does not fit " + target.getSimpleName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name, String path) {
        try {
            return Enum.valueOf((Class) type, name);
        } catch (IllegalArgumentException e) {
            throw new StateException(path + ": " + type.getSimpleName() + " has no constant " + name);
        }
    }

    private static Object defaultFor(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type.isPrimitive()) {
            return number(0L, boxed(type), "");
        }
        if (List.class == type || Collection.class == type) {
            return List.of();
        }
        if (Set.class == type) {
            return Set.of();
        }
        if (Map.class == type) {
            return Map.of();
        }
        return null;
    }

    private static Class<?> boxed(Class<?> type) {
        if (!type.isPrimitive()) {
            return type;
        }
        return switch (type.getName()) {
            case "int" -> Integer.class;
            case "long" -> Long.class;
            case "short" -> Short.class;
            case "byte" -> Byte.class;
            case "double" -> Double.class;
            case "float" -> Float.class;
            case "boolean" -> Boolean.class;
            default -> Character.class;
        };
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p && p.getActualTypeArguments().length > index
                ? p.getActualTypeArguments()[index] : Object.class;
    }
}
