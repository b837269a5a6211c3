package io.jmill.engine.lang;

import static io.jmill.engine.lang.Fixtures.element;
import static io.jmill.engine.lang.Fixtures.errors;
import static io.jmill.engine.lang.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class VariablesTest {

    @Test
    void defineAndAllReferenceForms() throws ConfigException {
        FlatConfig config = parse("""
                define($DEV eth0, $BURST 8)
                define($EMPTY)
                f :: FromDevice($DEV, BURST ${BURST}, PROMISC ${PROMISC-false}, X[$EMPTY]);
                """);
        assertEquals("eth0, BURST 8, PROMISC false, X[]", element(config, "f").config());
    }

    @Test
    void definesApplyToTheWholeFileAndMayUseEarlierDefines() throws ConfigException {
        FlatConfig config = parse("""
                q :: Queue($CAP);
                define($BASE 100, $CAP ${BASE}0)
                """);
        assertEquals("1000", element(config, "q").config());
    }

    @Test
    void commandLineOverridesWinOverDefine() throws ConfigException {
        FlatConfig config = parse("define($DEV eth0)\nf :: FromDevice($DEV, $EXTRA)",
                Map.of("DEV", "eth9", "$EXTRA", "SNIFFER false"));
        assertEquals("eth9, SNIFFER false", element(config, "f").config());
    }

    @Test
    void variablesInQuotes() throws ConfigException {
        FlatConfig config = parse("define($W world)\np :: Print(\"hello $W\", 'not $W', \\$W)");
        assertEquals("\"hello world\", 'not $W', \\$W", element(config, "p").config());
    }

    @Test
    void undefinedVariablesAreLeftForTheElementWithAWarning() {
        ClickParser.Result r = ClickParser.parseAll("test.click", """
                define($A 1, $B $NOPE)
                c :: Counter($A, $MISSING, ${D-ok});
                elementclass C { input -> Print($inner) -> output }
                Idle -> C -> Q(${ARG}) -> Discard;
                """, Map.of());
        assertEquals(List.of(), r.errors());
        assertEquals(List.of(
                        "test.click:1:17: warning: undefined variable $NOPE left in the text",
                        "test.click:2:18: c: warning: undefined variable $MISSING left in the text",
                        "test.click:3:33: C@3/Print@1: warning: undefined variable $inner left in the text",
                        "test.click:4:16: Q@4: warning: undefined variable $ARG left in the text"),
                r.warnings().stream().map(Object::toString).toList());
        assertEquals("1, $MISSING, ok", element(r.config(), "c").config());
        assertEquals("${ARG}", element(r.config(), "Q@4").config());
    }

    @Test
    void indexedVariablesPickOneWord() throws ConfigException {
        FlatConfig config = parse("""
                elementclass Bar { $a, $n | input -> p :: Print("${a[$n]}") -> output }
                elementclass Foo { $a | input -> p :: Print("${a[0]}|${a[2]}|${a[3]}") -> Bar(${a[1]} ${a[0]}, 1) -> output }
                Idle -> f :: Foo(A B C) -> Discard;
                """);
        assertEquals("\"A|C|\"", element(config, "f/p").config());
        assertEquals("\"A\"", element(config, "f/Bar@2/p").config());
    }

    @Test
    void redefinedVariableIsAnError() {
        assertEquals(List.of("test.click:2:8: variable $A is already defined"),
                errors("define($A 1)\ndefine($A 2)\n"));
    }

    @Test
    void malformedDefine() {
        assertEquals(List.of("test.click:1:8: expected '$NAME value' in define, got 'A 1'",
                        "test.click:1:13: expected '$NAME value' in define, got '$B-2'"),
                errors("define(A 1, $B-2)"));
    }
}
