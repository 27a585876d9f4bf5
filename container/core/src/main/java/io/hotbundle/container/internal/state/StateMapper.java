package io.hotbundle.container.internal.state;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MutableConfigOverride;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.hotbundle.api.state.StateException;

/**
 * Converts state between a plugin's own classes and the class-neutral form that crosses versions, with Jackson:
 * records become maps of their components, whole numbers longs, other numbers doubles, enums and {@code java.time}
 * values text. Going back, the record of the <em>new</em> version decides: components missing from the saved state
 * get defaults (null, zero, false, an empty collection), saved values no component asks for are dropped, and a
 * value that does not fit (a number out of range, a word that is no constant of the enum) is an error naming the
 * field.
 *
 * <p>One per version of a plugin, never shared: Jackson remembers what it learned of a class (serializers,
 * deserializers, resolved types, annotations) in caches of its mapper, its type factory and its annotation
 * introspector, the last two shared by every mapper unless replaced. A mapper that outlived a version would keep
 * that version's record classes, and with them the whole version, in memory. This one goes with its version's
 * {@link PluginStateService}, and no exception that leaves it carries a Jackson exception (which holds the objects
 * on its path).
 */
final class StateMapper {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    /**
     * The other half of each conversion, between JSON and the class-neutral form, shared: it only ever sees the
     * JDK's maps, lists, strings and numbers, so its caches hold no plugin class, and a version's own mapper is
     * left with the one thing only it can do (its records), which keeps a swap from building more than that.
     */
    private static final ObjectMapper NEUTRAL = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();
    private static final ObjectReader NEUTRAL_READER = NEUTRAL.readerFor(MAP);

    private final ObjectMapper mapper = JsonMapper.builder()
            .typeFactory(TypeFactory.createDefaultInstance())
            .annotationIntrospector(new JacksonAnnotationIntrospector())
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("hotbundle-state").setSerializerModifier(new RecordsOnly()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                    DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // No annotation can concern this Jackson: plugins see their own Jackson's annotations, not the
            // container's private copy. Not looking for them makes each new version's records cheaper to learn.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS, MapperFeature.USE_ANNOTATIONS)
            .withConfigOverride(List.class, emptyForNull())
            .withConfigOverride(Collection.class, emptyForNull())
            .withConfigOverride(Set.class, emptyForNull())
            .withConfigOverride(Map.class, emptyForNull())
            .build();

    /** A collection missing from the saved state, or saved as null, is restored empty: its default. */
    private static Consumer<MutableConfigOverride> emptyForNull() {
        return override -> override.setSetterInfo(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY));
    }

    /**
     * The class-neutral form of a record or a map.
     *
     * @throws StateException naming the first value that cannot cross versions
     */
    Map<String, Object> toNeutral(Object state) {
        if (!(state instanceof Record) && !(state instanceof Map<?, ?>)) {
            throw new StateException("state must be a record or a Map, not " + state.getClass().getName());
        }
        try {
            // Through JSON text, not convertValue: a token buffer would hand binary values over as they are.
            Map<String, Object> values = NEUTRAL_READER.readValue(mapper.writeValueAsBytes(state));
            return NeutralValues.frozen(values, "state");
        } catch (JacksonException e) {
            throw new StateException(JacksonErrors.describeSave(e));
        } catch (IOException e) {
            throw new StateException("state cannot be converted: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new StateException(e.getMessage());
        }
    }

    /**
     * Builds an instance of {@code type}, a record, from class-neutral values.
     *
     * @throws StateException naming the field whose saved value does not fit
     */
    <T extends Record> T toRecord(Map<String, Object> values, Class<T> type) {
        try {
            return mapper.readValue(NEUTRAL.writeValueAsBytes(values), type);
        } catch (JacksonException e) {
            throw new StateException(JacksonErrors.describeRestore(e, values, type));
        } catch (IOException e) {
            throw new StateException(type.getSimpleName() + ": " + e.getMessage());
        }
    }
}
