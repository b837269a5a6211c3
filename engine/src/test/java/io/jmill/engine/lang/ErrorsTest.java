package io.jmill.engine.lang;

import static io.jmill.engine.lang.Fixtures.errors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void strayTokenAfterElement() {
        assertEquals(List.of("test.click:2:7: expected '->' or ';', got ')'"),
                errors("a :: Counter;\na -> b);\nc :: Idle"));
    }

    @Test
    void syntaxErrorsWithExactPositions() {
        assertEquals(List.of("test.click:1:12: expected port number, got 'x'"), errors("a :: A; a [x] -> Discard"));
        assertEquals(List.of("test.click:1:6: expected ']', got '->'"), errors("a [1 -> b"));
        assertEquals(List.of("test.click:1:6: expected element class after '::', got '->'"), errors("a :: -> b"));
        assertEquals(List.of("test.click:1:13: expected '->' after output port, got ';'"), errors("a :: A a [2];"));
        assertEquals(List.of("test.click:1:11: expected element or element class, got '$X'"), errors("a :: A -> $X"));
        assertEquals(List.of("test.click:1:6: expected element or element class, got end of file"), errors("a -> "));
        assertEquals(List.of("test.click:1:1: expected element or element class, got '12'"), errors("12 -> a"));
        assertEquals(List.of("test.click:1:6: expected ',' or '::' after element name, got 'c'"), errors("a, b c :: X"));
        assertEquals(List.of("test.click:1:1: unexpected ')'"), errors(") a :: Idle"));
        assertEquals(List.of("test.click:1:1: unexpected '}'"), errors("}"));
        assertEquals(List.of("test.click:1:8: expected '(' after 'require', got ';'"), errors("require;"));
        assertEquals(List.of("test.click:1:1: 'connectiontunnel' is not supported"), errors("connectiontunnel a -> b;"));
        assertEquals(List.of("test.click:1:7: port number 99999999999 is too large"),
                errors("a -> [99999999999] b"));
        assertEquals(List.of("test.click:1:1: input ports ignored at start of chain"),
                errors("[1] a :: Idle -> Discard"));
    }

    @Test
    void elementclassSyntaxErrors() {
        assertEquals(List.of("test.click:1:14: expected element class name after 'elementclass', got '{'"),
                errors("elementclass { input -> output }"));
        assertEquals(List.of("test.click:1:16: expected '{' or element class name after 'elementclass A', got ';'"),
                errors("elementclass A ;"));
        assertEquals(List.of("test.click:1:16: unterminated compound element: missing '}'"),
                errors("elementclass A { input -> output"));
        assertEquals(List.of("test.click:1:21: expected ',' or '|' after parameter, got 'input'"),
                errors("elementclass A { $a input -> Print($a) -> output }\nIdle -> A(1) -> Discard"));
        assertEquals(List.of("test.click:1:22: duplicate parameter $a"),
                errors("elementclass A { $a, $a | input -> output }"));
    }

    @Test
    void anErrorQuotingTextThatSpansLinesStaysOnOneLine() {
        // found by ConfigFuzzPropertyTest: the quoted value went out with its line break, and the
        // error's second line named no position
        assertEquals(List.of("test.click:1:7: unterminated argument list: missing ')'",
                        "test.click:1:9: expected '$NAME value' in define, got ':: :: \\n ::'"),
                errors("define( :: :: \n ::"));
        assertEquals("test.click:1:1: a\\tb\\x00", new ConfigError(new Location("test.click", 1, 1), null, "a\tb\0")
                .toString());
    }

    @Test
    void severalErrorsAreReportedAtOnceInSourceOrder() {
        assertEquals(List.of(
                        "test.click:2:14: expected port number, got 'x'",
                        "test.click:3:6: unexpected character '%'",
                        "test.click:4:1: redeclaration of element 'a' (first declared at test.click:1:1)",
                        "test.click:5:10: expected element or element class, got ';'",
                        "test.click:6:29: expected '->' or ';', got ')'"),
                errors("""
                        a :: Idle
                        b :: Tee; a [x] -> b
                        c :: % Counter($NOPE)
                        a :: Discard
                        b [1] -> ;
                        d :: Counter -> e :: Counter) -> f;
                        """));
    }

    @Test
    void mutuallyRecursiveCompounds() {
        assertEquals(List.of("test.click:2:27: x/B@1/A@1: recursive element class 'A'"),
                errors("""
                        elementclass A { input -> B -> output }
                        elementclass B { input -> A -> output }
                        Idle -> x :: A -> Discard;
                        """));
    }

    @Test
    void recursionThroughNestedClassesAndSynonyms() {
        assertEquals(List.of(
                        "test.click:3:43: top/Outer@1/Local@1/Helper@1/Alias@2: recursive element class 'Outer'"),
                errors("""
                        elementclass Top { input -> Outer -> output }
                        elementclass Alias Outer;
                        elementclass Helper { input -> Counter -> Alias -> output }
                        elementclass Outer {
                          elementclass Local { input -> Helper -> output }
                          input -> Local -> output
                        }
                        Idle -> top :: Top -> Discard;
                        """));
    }

    @Test
    void recursiveSynonyms() {
        assertEquals(List.of("test.click:1:14: recursive element class 'S'"),
                errors("elementclass S T; elementclass T S;\ny :: S;"));
    }

    @Test
    void wrongNumberOfCompoundArguments() {
        assertEquals(List.of(
                        "test.click:2:9: C@2: too few arguments for compound element class 'C': expected 2, got 1",
                        "test.click:3:9: y: too many arguments for compound element class 'C': expected 2, got 3",
                        "test.click:4:9: R@8: too few arguments for compound element class 'R': expected at least 1, got 0",
                        "test.click:5:9: K@11: keyword N given twice to compound element class 'K'"),
                errors("""
                        elementclass C { $a, $b | input -> Print($a, $b) -> output }
                        Idle -> C(1) -> Discard;
                        Idle -> y :: C(1, 2, 3) -> Discard;
                        Idle -> R -> Discard; elementclass R { $a, __REST__ $r | input -> output }
                        Idle -> K(N 1, N 2) -> Discard; elementclass K { N $n | input -> output }
                        """));
    }

    @Test
    void compoundPortsUsedOnOneSideOnly() {
        assertEquals(List.of(
                        "test.click:1:1: c: input port 1 of compound element class 'C' is not connected",
                        "test.click:1:1: c: output port 2 of compound element class 'C' is not connected",
                        "test.click:4:6: c: compound element class 'C' has no input port 2",
                        "test.click:5:7: c: compound element class 'C' has no output port 1"),
                errors("""
                        c :: C;
                        elementclass C { input -> X -> output; input[1] -> Y -> [2] output }
                        Idle -> c -> Discard;
                        Idle -> [2] c;
                        c [1] -> Discard;
                        """));
    }

    @Test
    void unconnectedInlineCompound() {
        assertEquals(List.of(
                        "test.click:1:1: Compound@1: input port 0 of anonymous compound element is not connected"),
                errors("{ input -> Counter -> output } -> Discard"));
    }

    @Test
    void misusedInputAndOutput() {
        assertEquals(List.of(
                        "test.click:1:26: 'input' cannot be the destination of a connection",
                        "test.click:1:33: 'output' cannot be the source of a connection",
                        "test.click:1:52: 'input' is reserved for the compound's ports and cannot be declared"),
                errors("elementclass A { Idle -> input; output -> Discard; input :: Idle }\na :: A;"));
    }

    @Test
    void redeclarationNamesTheFirstDeclaration() {
        assertEquals(List.of(
                        "test.click:2:4: redeclaration of element 'a' (first declared at test.click:1:1)",
                        "test.click:3:9: redeclaration of element 'b' (first declared at test.click:2:1)",
                        "test.click:4:30: redeclaration of element 'q' (first declared at test.click:4:18)"),
                errors("""
                        a :: Idle;
                        b, a :: Idle;
                        Idle -> b :: Counter -> Discard;
                        elementclass C { q :: Queue; q :: Queue }
                        """));
    }

    @Test
    void flattenedNamesMustBeUnique() {
        assertEquals(List.of(
                        "test.click:1:23: Counter@2: name already used by the element at test.click:1:14",
                        "test.click:2:21: c/x: name already used by the element at test.click:2:8"),
                errors("a :: Idle -> Counter; Counter@2 :: Discard;\n"
                        + "c :: { x :: Idle }; c/x :: Idle;"));
    }

    @Test
    void exceptionMessageJoinsAllErrors() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ClickParser.parse("f.click", "a -> $V;\nb [x] -> a", Map.of()));
        assertEquals("f.click:1:6: expected element or element class, got '$V'\n"
                + "f.click:2:4: expected port number, got 'x'", e.getMessage());
        assertEquals(new ConfigError(new Location("f.click", 2, 4), null, "expected port number, got 'x'"),
                e.errors().get(1));
    }
}
