package io.jmill.engine.json;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonStringsTest {
    @Test
    void escapesWhatJsonRequires() {
        assertEquals("\"plain é\"", JsonStrings.quote("plain é"));
        assertEquals("\"a\\\"b\\\\c\"", JsonStrings.quote("a\"b\\c"));
        assertEquals("\"\\n\\r\\t\\b\\f\\u0001\\u001f\"", JsonStrings.quote("\n\r\t\b\f\u0001\u001f"));
        StringBuilder sb = new StringBuilder("x=");
        assertEquals("x=\"\"", JsonStrings.quote(sb, "").toString());
    }
}
