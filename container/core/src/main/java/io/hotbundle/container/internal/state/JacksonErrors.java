package io.hotbundle.container.internal.state;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Jackson's errors as a plugin author needs them: one line that names the field by its path in the state
 * ({@code State.visits[2].at}) and says what is wrong, without Jackson's source locations and hints.
 */
final class JacksonErrors {

    private JacksonErrors() {
    }

    /** A value of the state being saved cannot cross versions. */
    static String describeSave(JacksonException e) {
        return path("state", e) + ": " + firstLine(e.getOriginalMessage());
    }

    /** The saved {@code values} cannot be restored into {@code type}. */
    static String describeRestore(JacksonException e, Map<String, Object> values, Class<?> type) {
        String path = path(type.getSimpleName(), e);
        if (e instanceof ValueInstantiationException) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return path + ": its constructor rejected the saved values: " + firstLine(cause.toString());
        }
        if (e instanceof InvalidDefinitionException definition) {
            return path + ": a " + definition.getType().getRawClass().getName() + " cannot be restored; use a record, "
                    + "String, number, boolean, enum, list or map";
        }
        Class<?> target = targetType(e);
        Object saved = savedValue(values, e);
        if (target == null || saved == ABSENT) {
            return path + ": " + firstLine(e.getOriginalMessage());
        }
        return path + ": saved value '" + saved + "' does not fit " + target.getSimpleName();
    }

    private static String path(String root, JacksonException e) {
        var path = new StringBuilder(root);
        if (e instanceof JsonMappingException mapping) {
            for (JsonMappingException.Reference step : mapping.getPath()) {
                if (step.getFieldName() != null) {
                    path.append('.').append(step.getFieldName());
                } else if (step.getIndex() >= 0) {
                    path.append('[').append(step.getIndex()).append(']');
                }
            }
        }
        return path.toString();
    }

    private static Class<?> targetType(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
                return mismatch.getTargetType();
            }
            if (t instanceof InputCoercionException coercion && coercion.getTargetType() != null) {
                return coercion.getTargetType();
            }
        }
        return null;
    }

    private static final Object ABSENT = new Object();

    /** The value at the error's path in what was saved, or {@link #ABSENT}. */
    private static Object savedValue(Map<String, Object> values, JacksonException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return ABSENT;
        }
        Object at = values;
        for (JsonMappingException.Reference step : mapping.getPath()) {
            if (step.getFieldName() != null && at instanceof Map<?, ?> map && map.containsKey(step.getFieldName())) {
                at = map.get(step.getFieldName());
            } else if (step.getIndex() >= 0 && at instanceof List<?> list && step.getIndex() < list.size()) {
                at = list.get(step.getIndex());
            } else {
                return ABSENT;
            }
        }
        return at;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no message)";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
