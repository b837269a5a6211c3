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
    void undefinedVariablesAreErrorsWithTheirLocation() {
        assertEquals(List.of(
                        "test.click:1:17: undefined variable $NOPE",
                        "test.click:2:18: c: undefined variable $MISSING",
                        "test.click:3:33: C@3/Print@1: undefined variable $inner",
                        "test.click:4:16: Q@4: undefined variable $ARG"),
                errors("""
                        define($A 1, $B $NOPE)
                        c :: Counter($A, $MISSING, ${D-ok});
                        elementclass C { input -> Print($inner) -> output }
                        Idle -> C -> Q(${ARG}) -> Discard;
                        """));
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
