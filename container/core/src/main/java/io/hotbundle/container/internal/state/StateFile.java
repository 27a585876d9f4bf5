package io.hotbundle.container.internal.state;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.hotbundle.api.state.SavedState;

/**
 * The state file of a plugin, {@code <work>/state/<plugin>.json}: what the plugin saved last, readable by an
 * operator, indented two spaces per level:
 *
 * <pre>
 * {
 *   "plugin": "io.hotbundle.example.greeter",
 *   "schemaVersion": 1,
 *   "savedBy": "1.0.0",
 *   "savedAt": "2026-11-24T01:11:15.123Z",
 *   "values": {
 *     "count": 6
 *   }
 * }
 * </pre>
 *
 * The mapper here only ever sees the container's own types and class-neutral values, never a plugin's class, so
 * its caches keep no plugin in memory (see {@link StateMapper} for what does).
 */
final class StateFile {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator("")));

    private static final ObjectReader READER = MAPPER.readerFor(MAP);

    private StateFile() {
    }

    /** Loads and initializes what writing and reading a file take, by doing both once in memory. */
    static void warmUp() {
        try {
            read(write("warm-up", new SavedState(1, Map.of("n", 1L), "0", Instant.EPOCH)));
        } catch (IOException | RuntimeException e) {
            // Then the first real write pays for it, and says what is wrong.
        }
    }

    /** The file's content. */
    static byte[] write(String plugin, SavedState state) throws IOException {
        var file = new LinkedHashMap<String, Object>();
        file.put("plugin", plugin);
        file.put("schemaVersion", state.schemaVersion());
        file.put("savedBy", state.savedBy());
        file.put("savedAt", state.savedAt().toString());
        file.put("values", state.values());
        byte[] json = WRITER.writeValueAsBytes(file);
        byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        return withNewline;
    }

    /**
     * Reads a file that {@link #write} wrote (or a person, in the same form).
     *
     * @throws IOException              when it is not JSON
     * @throws IllegalArgumentException when a field is missing or of the wrong kind
     */
    static SavedState read(byte[] content) throws IOException {
        Map<String, Object> file;
        try (JsonParser parser = MAPPER.createParser(content)) {
            file = READER.readValue(parser);
        }
        if (file == null) {
            throw new IllegalArgumentException("the file holds null, not a state");
        }
        if (!(file.get("schemaVersion") instanceof Long schema) || schema != schema.intValue()) {
            throw new IllegalArgumentException("schemaVersion is missing or not a whole number");
        }
        if (!(file.get("savedBy") instanceof String savedBy)) {
            throw new IllegalArgumentException("savedBy is missing or not text");
        }
        if (!(file.get("savedAt") instanceof String savedAt)) {
            throw new IllegalArgumentException("savedAt is missing or not text");
        }
        if (!(file.get("values") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("values is missing or not an object");
        }
        @SuppressWarnings("unchecked")
        var values = (Map<String, Object>) file.get("values");
        try {
            return new SavedState(schema.intValue(), NeutralValues.frozen(values, "values"), savedBy,
                    Instant.parse(savedAt));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("savedAt is not an instant: " + savedAt);
        }
    }
}
