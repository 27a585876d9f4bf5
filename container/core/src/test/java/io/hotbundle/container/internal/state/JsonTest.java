package io.hotbundle.container.internal.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void writesAndReadsEveryClassNeutralValue() {
        var map = new LinkedHashMap<String, Object>();
        map.put("text", "tab\t \u0001 \\ \"");
        map.put("whole", -42L);
        map.put("real", 2.5);
        map.put("yes", true);
        map.put("none", null);
        map.put("list", Arrays.asList(1L, "two", null, List.of()));
        map.put("nested", Map.of("empty", Map.of()));

        assertEquals(map, Json.read(Json.write(map)));
    }

    @Test
    void readsWhatAPersonMightWriteByHand() {
        assertEquals(Map.of("a", List.of(1L, 2.0e3), "b", "\u00e9"), Json.read(" { \"a\" : [ 1 , 2e3 ] , \"b\":\"\\u00e9\" } "));
    }

    @Test
    void aTruncatedFileIsAnErrorWithItsOffset() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": [1, 2"));
        assertTrue(e.getMessage().startsWith("invalid JSON at offset"), e.getMessage());
    }

    @Test
    void trailingGarbageIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Json.read("{} x"));
    }
}
