package io.jmill.engine.args;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SplitTest {
    @Test
    void emptyAndBlankConfigsHaveNoArguments() {
        assertEquals(List.of(), Args.split(""));
        assertEquals(List.of(), Args.split("   \n\t"));
        assertEquals(List.of(), Args.split(null));
    }

    @Test
    void splitsAtTopLevelCommasAndTrims() {
        assertEquals(List.of("a", "b c", "d"), Args.split("  a ,b c,\n d  "));
    }

    @Test
    void commasInsideQuotesAndBracketsDoNotSplit() {
        assertEquals(List.of("\"x, y\"", "'p,q'", "f(a, b)", "[1, 2]", "{k, v}", "z"),
                Args.split("\"x, y\", 'p,q', f(a, b), [1, 2], {k, v}, z"));
    }

    @Test
    void nestedBracketsAndEscapedQuotes() {
        assertEquals(List.of("f(g(1, 2), [3, {4, 5}])", "\"a\\\", b\"", "c"),
                Args.split("f(g(1, 2), [3, {4, 5}]), \"a\\\", b\", c"));
    }

    @Test
    void singleQuotesIgnoreBackslashes() {
        // In '...' a backslash is literal, so the quote after it closes the string and the comma splits.
        assertEquals(List.of("'a\\'", "b"), Args.split("'a\\', b"));
    }

    @Test
    void hexBlocksAreOpaque() {
        assertEquals(List.of("\\<00 2c>", "x"), Args.split("\\<00 2c>, x"));
    }

    @Test
    void trailingCommaIgnoredButInnerEmptyArgumentsKept() {
        assertEquals(List.of("a", "b"), Args.split("a, b,"));
        assertEquals(List.of("a", "", "b"), Args.split("a, , b"));
        assertEquals(List.of(""), Args.split(","));
    }

    @Test
    void unbalancedClosersDoNotSwallowCommas() {
        assertEquals(List.of("a)", "b"), Args.split("a), b"));
    }

    @Test
    void unterminatedQuoteRunsToTheEnd() {
        assertEquals(List.of("a", "\"b, c"), Args.split("a, \"b, c"));
    }

    @Test
    void splitResultIsImmutable() {
        List<String> pieces = Args.split("a, b");
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> pieces.add("c"));
    }
}
