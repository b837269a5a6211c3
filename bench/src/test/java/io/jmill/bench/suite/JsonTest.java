package io.jmill.bench.suite;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonTest {
    @Test
    void roundTrips() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"quoted\"\nline\t\u0001");
        m.put("n", 42L);
        m.put("d", 1.5);
        m.put("nan", Double.NaN);
        m.put("b", true);
        m.put("nil", null);
        m.put("list", List.of(1L, "x", Map.of("k", 2L)));
        Map<String, Object> expected = new LinkedHashMap<>(m);
        expected.put("nan", null);
        assertEquals(expected, Json.parse(Json.write(m)));
        assertEquals(expected, Json.parse(Json.pretty(m)));
    }

    @Test
    void reportsWhereInputIsBad() {
        var e = assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": [1, 2,}"));
        assertEquals("JSON at offset 12: unexpected '}'", e.getMessage(), Arrays.toString(e.getStackTrace()));
    }
}
