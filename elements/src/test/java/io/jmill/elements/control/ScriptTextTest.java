package io.jmill.elements.control;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScriptTextTest {
    @Test
    void wordsKeepQuotes() {
        assertArrayEquals(new String[] {"print", "\"a b\" c"}, ScriptText.popWord("  print   \"a b\" c"));
        assertArrayEquals(new String[] {"'x y'z", ""}, ScriptText.popWord("'x y'z"));
        assertEquals(List.of("a", "\"b c\"", "d"), ScriptText.words(" a \"b c\"  d "));
        assertEquals(List.of(), ScriptText.words("   "));
    }

    @Test
    void unquoteRemovesOneLayer() {
        assertEquals("a b", ScriptText.unquote("\"a b\""));
        assertEquals("tab\there \"q\" $", ScriptText.unquote("\"tab\\there \\\"q\\\" \\$\""));
        assertEquals("lit \\n", ScriptText.unquote("'lit \\n'"));
        assertEquals("ab cd", ScriptText.unquote("\"ab\"' cd'"));
        assertEquals("plain \\x", ScriptText.unquote("plain \\x"));
        assertEquals("A\u0001", ScriptText.unquote("\"\\x41\\001\""));
        assertEquals("open", ScriptText.unquote("\"open"));
        assertEquals("\"x\"", ScriptText.unquote("'\"x\"'"));
    }

    @Test
    void matchingParenSkipsQuotes() {
        String s = "$(a \")\" $(b)) tail";
        assertEquals(12, ScriptText.matchingParen(s, 1));
        assertEquals(-1, ScriptText.matchingParen("$(open", 1));
    }

    @Test
    void realsPrintLikePercentTwelveG() {
        assertEquals("2.5", ScriptText.formatReal(2.5));
        assertEquals("2", ScriptText.formatReal(2.0));
        assertEquals("0.333333333333", ScriptText.formatReal(1.0 / 3));
        assertEquals("-0.5", ScriptText.formatReal(-0.5));
        assertEquals("1e+20", ScriptText.formatReal(1e20).replace("e+", "e+"));
        assertEquals("0", ScriptText.formatReal(0));
    }

    @Test
    void operatorsAndTheirErrors() throws Exception {
        assertEquals("17", ScriptText.operate("add", "10 5 2"));
        assertEquals("3", ScriptText.operate("sub", "10 5 2"));
        assertEquals("0", ScriptText.operate("add", ""));
        assertEquals("true", ScriptText.operate("eq", "10x 10x"));
        assertEquals("true", ScriptText.operate("gt", "2.5 2"));
        assertEquals("true", ScriptText.operate("ge", "b a"));
        assertEquals("false", ScriptText.operate("ne", "0x10 16"));
        assertEquals("false", ScriptText.operate("not", "yes"));
        assertEquals("  7|%|x", ScriptText.operate("sprintf", "\"%3d|%%|%s\" 7 x"));
        var e = assertThrows(ScriptText.TextException.class, () -> ScriptText.operate("lt", "1"));
        assertEquals("lt: expected two numbers", e.getMessage());
        e = assertThrows(ScriptText.TextException.class, () -> ScriptText.operate("not", "maybe"));
        assertEquals("not: expected boolean, got 'maybe'", e.getMessage());
        e = assertThrows(ScriptText.TextException.class, () -> ScriptText.operate("sprintf", "\"%d %d\" 1"));
        assertEquals("sprintf: too few arguments for '%d %d'", e.getMessage());
        assertNull(ScriptText.parseDouble("NaN"));
        assertNull(ScriptText.parseDouble("1d"));
        assertEquals(255L, ScriptText.parseLong("0xff"));
    }
}
