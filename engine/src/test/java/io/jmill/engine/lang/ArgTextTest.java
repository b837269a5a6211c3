package io.jmill.engine.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** ConfigText (comments, substitution) and ArgSplitter (arguments, words, quotes). */
class ArgTextTest {

    private final Diagnostics diagnostics = new Diagnostics();

    private static Fragment text(String s) {
        SourceText source = SourceText.of("a.click", s);
        return ConfigText.uncomment(source, 0, s.length());
    }

    private static List<String> split(String s) {
        return ArgSplitter.split(text(s)).stream().map(Fragment::value).toList();
    }

    @Test
    void commentsAreRemovedOutsideQuotes() {
        assertEquals("a,   b, \"//x\", '/*y*/' \n c", text("a, /* one */ b, \"//x\", '/*y*/' // two\n c").value());
    }

    @Test
    void splitsAtTopLevelCommasOnly() {
        assertEquals(List.of("a", "f(b, c)", "[d, e]", "{g, h}", "\"i, j\"", "'k, l'", "m\\, n"),
                split(" a , f(b, c), [d, e],{g, h}, \"i, j\", 'k, l', m\\, n "));
        assertEquals(List.of(), split("   "));
        assertEquals(List.of("a", "b"), split("a, b,"));
        assertEquals(List.of("a", "", "b"), split("a, , b"));
    }

    @Test
    void wordsKeepQuotedStringsTogether() {
        List<String> words = ArgSplitter.words(text("package \"fast click\"  'x y' z")).stream()
                .map(Fragment::value).toList();
        assertEquals(List.of("package", "\"fast click\"", "'x y'", "z"), words);
        assertEquals("fast click", ArgSplitter.unquote("\"fast click\""));
        assertEquals("a\"b", ArgSplitter.unquote("\"a\\\"b\""));
        assertEquals("x\\y", ArgSplitter.unquote("'x\\y'"));
    }

    @Test
    void substitutesVariablesButNotInSingleQuotesOrAfterBackslash() {
        VarEnv env = VarEnv.global(Map.of("A", "1", "$B", "two"));
        Fragment result = ConfigText.substitute(text("$A ${B}x ${C-dflt} \"$A\" '$A' \\$A $ $-"), env, diagnostics, "e");
        assertEquals("1 twox dflt \"1\" '$A' \\$A $ $-", result.value());
        assertEquals(List.of(), diagnostics.errors());
    }

    @Test
    void undefinedVariableIsLeftInPlaceWithAWarningAtItsDollarSign() {
        VarEnv env = VarEnv.global(Map.of());
        Fragment source = text("x,\n  /* c */ $MISSING, ${ALSO}");
        assertEquals("x,\n    $MISSING, ${ALSO}", ConfigText.substitute(source, env, diagnostics, "elem").value());
        assertEquals(List.of(), diagnostics.errors());
        assertEquals(List.of(
                        "a.click:2:11: elem: warning: undefined variable $MISSING left in the text",
                        "a.click:2:21: elem: warning: undefined variable $ALSO left in the text"),
                diagnostics.warnings().stream().map(ConfigError::toString).toList());
    }

    @Test
    void keywordDetection() {
        assertEquals("COUNT", ArgBinder.leadingKeyword("COUNT 3"));
        assertEquals("A_2", ArgBinder.leadingKeyword("A_2"));
        assertEquals(null, ArgBinder.leadingKeyword("Count 3"));
        assertEquals(null, ArgBinder.leadingKeyword("COUNT:3"));
        assertEquals(null, ArgBinder.leadingKeyword("10.0.0.1"));
    }
}
