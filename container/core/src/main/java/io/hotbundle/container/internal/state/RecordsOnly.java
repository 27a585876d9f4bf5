package io.hotbundle.container.internal.state;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.impl.UnsupportedTypeSerializer;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.ser.impl.UnknownSerializer;

/**
 * Lets records cross versions, and what Jackson writes as text, numbers, lists or maps of its own accord (strings,
 * numbers, enums, {@code java.time}, UUIDs...), but no other object: Jackson would write any bean through its
 * getters, which run plugin code and give a form the next version cannot count on. Such a value is refused, and
 * the state is not saved.
 */
final class RecordsOnly extends BeanSerializerModifier {

    private static final long serialVersionUID = 1L;

    @Override
    public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription description,
            JsonSerializer<?> serializer) {
        boolean asBean = serializer instanceof BeanSerializerBase || serializer instanceof UnknownSerializer
                || serializer instanceof UnsupportedTypeSerializer;
        return asBean && !description.getType().isRecordType() ? new Refused(description.getBeanClass()) : serializer;
    }

    /** Fails when asked to write a value; Jackson adds the path to it. */
    private static final class Refused extends StdSerializer<Object> {

        private static final long serialVersionUID = 1L;

        Refused(Class<?> type) {
            super(type, false);
        }

        @Override
        public void serialize(Object value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            throw JsonMappingException.from(provider, "a " + value.getClass().getName() + " cannot cross versions; "
                    + "use a record, String, number, boolean, enum, list or map");
        }
    }
}
