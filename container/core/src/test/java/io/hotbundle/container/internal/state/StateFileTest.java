package io.hotbundle.container.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.hotbundle.api.state.SavedState;

class StateFileTest {

    /** A file as the container wrote them before Jackson (its own JSON writer), byte for byte. */
    private static final String WRITTEN_BY_THE_EARLIER_CONTAINER = """
            {
              "plugin": "io.hotbundle.fixture.counter",
              "schemaVersion": 2,
              "savedBy": "2.0.0",
              "savedAt": "2026-11-24T01:11:15.123456Z",
              "values": {
                "total": 9007199254740993,
                "ratio": 0.5,
                "lastName": "ann \\"the\\" \\u0001 first",
                "none": null,
                "tags": ["a", "b"],
                "empty": {},
                "nested": {
                  "yes": true
                }
              }
            }
            """;

    @Test
    void readsTheFilesTheEarlierContainerWrote() throws IOException {
        SavedState state = StateFile.read(WRITTEN_BY_THE_EARLIER_CONTAINER.getBytes(StandardCharsets.UTF_8));

        assertEquals(2, state.schemaVersion());
        assertEquals("2.0.0", state.savedBy());
        assertEquals(Instant.parse("2026-11-24T01:11:15.123456Z"), state.savedAt());
        var values = new LinkedHashMap<String, Object>();
        values.put("total", 9007199254740993L);
        values.put("ratio", 0.5);
        values.put("lastName", "ann \"the\" \u0001 first");
        values.put("none", null);
        values.put("tags", List.of("a", "b"));
        values.put("empty", Map.of());
        values.put("nested", Map.of("yes", true));
        assertEquals(values, state.values());
    }

    @Test
    void writesWhatAPersonCanReadAndItReadsBack() throws IOException {
        var values = new LinkedHashMap<String, Object>();
        values.put("count", 1L);
        values.put("list", Arrays.asList(1L, "two", null));
        values.put("real", 2.5);
        var state = new SavedState(3, NeutralValues.frozen(values, "values"), "1.0.0", Instant.parse("2026-01-01T00:00:00Z"));

        String text = new String(StateFile.write("p", state), StandardCharsets.UTF_8);

        assertTrue(text.startsWith("{\n  \"plugin\": \"p\",\n  \"schemaVersion\": 3,\n  \"savedBy\": \"1.0.0\",\n"), text);
        assertTrue(text.contains("\n    \"count\": 1,\n"), text);
        assertTrue(text.endsWith("}\n"), text);
        assertEquals(state, StateFile.read(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aTruncatedFileIsAnError() {
        byte[] truncated = Arrays.copyOf(WRITTEN_BY_THE_EARLIER_CONTAINER.getBytes(StandardCharsets.UTF_8), 120);
        assertThrows(IOException.class, () -> StateFile.read(truncated));
    }

    @Test
    void trailingGarbageIsAnError() {
        assertThrows(IOException.class, () -> StateFile.read((WRITTEN_BY_THE_EARLIER_CONTAINER + " x").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNumberBeyondALongIsAnError() {
        String huge = WRITTEN_BY_THE_EARLIER_CONTAINER.replace("9007199254740993", "99999999999999999999");
        var e = assertThrows(IOException.class, () -> StateFile.read(huge.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("Numeric value (99999999999999999999) out of range of long"), e.getMessage());
    }

    @Test
    void aFileWithoutItsFieldsIsAnErrorNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> StateFile.read("{\"schemaVersion\": 1, \"savedBy\": \"1\", \"values\": {}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("savedAt is missing or not text", e.getMessage());
    }
}
