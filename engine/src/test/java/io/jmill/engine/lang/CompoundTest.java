package io.jmill.engine.lang;

import static io.jmill.engine.lang.Fixtures.FILE;
import static io.jmill.engine.lang.Fixtures.connections;
import static io.jmill.engine.lang.Fixtures.element;
import static io.jmill.engine.lang.Fixtures.elements;
import static io.jmill.engine.lang.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class CompoundTest {

    @Test
    void namedCompoundIsExpandedUnderItsInstanceName() throws ConfigException {
        FlatConfig config = parse("""
                elementclass MyQueue {
                  input -> q :: Queue(100) -> Shaper(1000) -> output;
                }
                a :: Idle; b :: Discard;
                mq :: MyQueue;
                a -> mq -> b;
                """);
        assertEquals(List.of("a :: Idle()", "b :: Discard()", "mq/q :: Queue(100)", "mq/Shaper@2 :: Shaper(1000)"),
                elements(config));
        assertEquals(List.of("a [0] -> [0] mq/q", "mq/q [0] -> [0] mq/Shaper@2", "mq/Shaper@2 [0] -> [0] b"),
                connections(config));
        // inner elements keep the location inside the compound body
        assertEquals(new Location(FILE, 2, 12), element(config, "mq/q").location());
        // the connection into the compound is reported at the outside arrow
        assertEquals(new Location(FILE, 6, 3), config.connections().get(0).location());
    }

    @Test
    void overloadedClassTakesTheFirstBodyThatFitsArgumentsAndPorts() throws ConfigException {
        FlatConfig config = parse("""
                elementclass F {
                   $a, $b | input -> Print(two) -> output
                || $a, __REST__ $b | input -> Print(rest) -> output
                || $a | input -> Print(split) -> output; input [1] -> Discard
                }
                Idle -> F(A) -> Idle; Idle -> f :: F(A, B) -> Idle;
                Idle -> g :: F(A) -> Idle; Idle -> [1] g;
                """);
        assertEquals(List.of("Idle@1 :: Idle()", "Idle@3 :: Idle()", "Idle@4 :: Idle()", "Idle@6 :: Idle()",
                        "Idle@7 :: Idle()", "Idle@9 :: Idle()", "Idle@10 :: Idle()",
                        "F@2/Print@1 :: Print(rest)", "f/Print@1 :: Print(two)",
                        "g/Print@1 :: Print(split)", "g/Discard@2 :: Discard()"),
                elements(config).stream().sorted(java.util.Comparator.comparing(e -> e.contains("/"))).toList());
    }

    @Test
    void extensionFallsBackToThePreviousDefinition() throws ConfigException {
        FlatConfig config = parse("""
                elementclass Queue { $a, $b | input -> Print($a) -> output || ... }
                Idle -> Queue(x, y) -> Idle; Idle -> Queue(5) -> Idle;
                """);
        assertEquals(List.of("Idle@1 :: Idle()", "Queue@2/Print@1 :: Print(x)", "Idle@3 :: Idle()", "Idle@4 :: Idle()",
                "Queue@5 :: Queue(5)", "Idle@6 :: Idle()"), elements(config));
    }

    @Test
    void overloadedClassWithNoFittingBodyNamesTheCandidates() {
        assertEquals(List.of("test.click:2:9: F@2: no match for 'F[3 arguments, 1 input, 1 output]' (candidates are: "
                        + "F(<arg>)[1 input, 1 output], F(<arg>, KW)[1 input, 1 output])"),
                Fixtures.errors("""
                        elementclass F { $a | input -> output || $a, KW $b | input -> output }
                        Idle -> F(1, 2, 3) -> Idle;
                        """));
        assertEquals(List.of("test.click:1:18: '...' should occur last, after one or more compounds"),
                Fixtures.errors("elementclass F { ... || $a | input -> output }"));
    }

    @Test
    void multiplePortsAreRewired() throws ConfigException {
        FlatConfig config = parse("""
                compound :: {
                  input -> X -> output;
                  input [1] -> Y -> [1] output;
                };
                a :: Idle; b :: Discard; c :: Idle; d :: Discard;
                a -> compound -> b;
                c -> [1] compound [1] -> d;
                """);
        assertEquals(List.of("compound/X@1 :: X()", "compound/Y@2 :: Y()",
                "a :: Idle()", "b :: Discard()", "c :: Idle()", "d :: Discard()"), elements(config));
        assertEquals(List.of(
                "a [0] -> [0] compound/X@1",
                "c [0] -> [0] compound/Y@2",
                "compound/X@1 [0] -> [0] b",
                "compound/Y@2 [0] -> [0] d"), connections(config));
    }

    @Test
    void portFansOutToEveryInnerTargetAndInFromEveryInnerSource() throws ConfigException {
        FlatConfig config = parse("""
                elementclass Split { input -> a :: Counter -> output; input -> b :: Counter -> output }
                Idle -> s :: Split -> Discard;
                """);
        assertEquals(List.of("Idle@1 :: Idle()", "s/a :: Counter()", "s/b :: Counter()", "Discard@3 :: Discard()"),
                elements(config));
        assertEquals(List.of(
                "Idle@1 [0] -> [0] s/a",
                "Idle@1 [0] -> [0] s/b",
                "s/a [0] -> [0] Discard@3",
                "s/b [0] -> [0] Discard@3"), connections(config));
    }

    @Test
    void passThroughsResolveTransitively() throws ConfigException {
        FlatConfig config = parse("""
                elementclass Wire { input -> output }
                elementclass Swap { input [0] -> [1] output; input [1] -> [0] output }
                elementclass TwoWires { input -> Wire -> w :: Wire -> output }
                x :: Tee; y :: Discard; z :: Discard
                x -> TwoWires -> { input -> output } -> [1] sw :: Swap [0] -> y;
                x [1] -> [0] sw [1] -> z;
                """);
        assertEquals(List.of("x :: Tee()", "y :: Discard()", "z :: Discard()"), elements(config));
        assertEquals(List.of("x [0] -> [0] y", "x [1] -> [0] z"), connections(config));
    }

    @Test
    void nestedCompoundsGetNestedNames() throws ConfigException {
        FlatConfig config = parse("""
                elementclass Inner { $n | input -> c :: Counter($n) -> output }
                elementclass Outer { $n |
                  elementclass Local { input -> Print(local $n) -> output }
                  input -> i1 :: Inner($n) -> Inner(2) -> Local -> output
                }
                src :: Idle -> o :: Outer(7) -> Discard;
                """);
        assertEquals(List.of(
                "src :: Idle()",
                "o/i1/c :: Counter(7)",
                "o/Inner@2/c :: Counter(2)",
                "o/Local@3/Print@1 :: Print(local 7)",
                "Discard@3 :: Discard()"), elements(config));
        assertEquals(List.of(
                "src [0] -> [0] o/i1/c",
                "o/i1/c [0] -> [0] o/Inner@2/c",
                "o/Inner@2/c [0] -> [0] o/Local@3/Print@1",
                "o/Local@3/Print@1 [0] -> [0] Discard@3"), connections(config));
    }

    @Test
    void positionalKeywordAndRestParameters() throws ConfigException {
        FlatConfig config = parse("""
                elementclass P { $a, $b, COUNT $k, VERBOSE $v, __REST__ $rest |
                  input -> Print(a=$a b=$b k=$k v=$v rest=[$rest]) -> output
                }
                Idle -> P(1, "x, y", COUNT 3, extra, f(1, 2)) -> Discard;
                Idle -> P(VERBOSE true, one, two) -> Discard;
                """);
        assertEquals("a=1 b=\"x, y\" k=3 v= rest=[extra, f(1, 2)]", element(config, "P@2/Print@1").config());
        assertEquals("a=one b=two k= v=true rest=[]", element(config, "P@5/Print@1").config());
    }

    @Test
    void keywordThatIsNotAParameterIsAPositionalArgument() throws ConfigException {
        FlatConfig config = parse("""
                elementclass K { $x, KW $k | input -> Print($x/$k) -> output }
                Idle -> K(OTHER 1, KW 2) -> Discard;
                """);
        assertEquals("OTHER 1/2", element(config, "K@2/Print@1").config());
    }

    @Test
    void argumentsAreExpandedInTheUsersScopeBeforeBinding() throws ConfigException {
        FlatConfig config = parse("""
                define($RATE 10, $PAIR "a, b");
                elementclass Shape { $r, $s | input -> Shaper($r) -> Print($s) -> output }
                Idle -> Shape($RATE, $PAIR) -> Discard;
                """);
        assertEquals("10", element(config, "Shape@2/Shaper@1").config());
        assertEquals("\"a, b\"", element(config, "Shape@2/Print@2").config());
    }

    @Test
    void synonymOfPrimitiveAndOfCompound() throws ConfigException {
        FlatConfig config = parse("""
                elementclass MyCounter Counter;
                elementclass Two { input -> Counter -> Counter -> output }
                elementclass AlsoTwo Two;
                Idle -> MyCounter(5) -> AlsoTwo -> c :: MyCounter -> Discard;
                """);
        assertEquals(List.of("Idle@1 :: Idle()", "MyCounter@2 :: Counter(5)", "AlsoTwo@3/Counter@1 :: Counter()",
                "AlsoTwo@3/Counter@2 :: Counter()", "c :: Counter()", "Discard@5 :: Discard()"), elements(config));
    }

    @Test
    void classNameInsideItsOwnDefinitionMeansThePreviousClass() throws ConfigException {
        // Click's manual: element classes are lexically scoped, so the inner Queue is the original one
        FlatConfig config = parse("""
                elementclass Queue { input -> Queue -> Shaper(1000) -> output }
                Idle -> Queue -> Discard;
                """);
        assertEquals(List.of("Idle@1 :: Idle()", "Queue@2/Queue@1 :: Queue()", "Queue@2/Shaper@2 :: Shaper(1000)",
                "Discard@3 :: Discard()"), elements(config));
    }

    @Test
    void laterDefinitionsDoNotAffectEarlierUses() throws ConfigException {
        FlatConfig config = parse("""
                elementclass A { input -> B -> output }
                elementclass B { input -> C -> output }
                elementclass B { input -> D -> output }
                Idle -> A -> B -> Discard;
                """);
        // A's B is the first definition (Click: the latest one before the use); the top-level B is the last
        assertEquals(List.of("Idle@1 :: Idle()", "A@2/B@1/C@1 :: C()", "B@3/D@1 :: D()", "Discard@4 :: Discard()"),
                elements(config));
    }

    @Test
    void compoundUsedBeforeItsDefinition() throws ConfigException {
        FlatConfig config = parse("""
                Idle -> Later -> Discard;
                elementclass Later { input -> Counter -> output }
                """);
        assertEquals(List.of("Idle@1 :: Idle()", "Later@2/Counter@1 :: Counter()", "Discard@3 :: Discard()"),
                elements(config));
    }

    @Test
    void anonymousInlineCompoundWithArguments() throws ConfigException {
        FlatConfig config = parse("Idle -> { $n | input -> Counter($n) -> output }(42) -> Discard;");
        assertEquals(List.of("Idle@1 :: Idle()", "Compound@2/Counter@1 :: Counter(42)", "Discard@3 :: Discard()"),
                elements(config));
        assertEquals(List.of("Idle@1 [0] -> [0] Compound@2/Counter@1", "Compound@2/Counter@1 [0] -> [0] Discard@3"),
                connections(config));
    }

    @Test
    void compoundWithoutInputsOrOutputs() throws ConfigException {
        FlatConfig config = parse("""
                elementclass Source { $rate | RatedSource(RATE $rate) -> output }
                elementclass Sink { input -> Counter -> Discard }
                elementclass Island { Idle -> Discard }
                Source(5) -> Sink; Island;
                """);
        assertEquals(List.of("Source@1/RatedSource@1 :: RatedSource(RATE 5)", "Sink@2/Counter@1 :: Counter()",
                "Sink@2/Discard@2 :: Discard()", "Island@3/Idle@1 :: Idle()", "Island@3/Discard@2 :: Discard()"),
                elements(config));
        assertEquals(List.of("Source@1/RatedSource@1 [0] -> [0] Sink@2/Counter@1",
                "Sink@2/Counter@1 [0] -> [0] Sink@2/Discard@2", "Island@3/Idle@1 [0] -> [0] Island@3/Discard@2"),
                connections(config));
    }

    @Test
    void compoundDefinesAndParametersShadowGlobals() throws ConfigException {
        FlatConfig config = parse("""
                define($X global, $Y global-y)
                elementclass C { $X |
                  define($Z $X-$Y)
                  input -> Print($X $Y $Z) -> output
                }
                Idle -> C(param) -> Print($X) -> Discard;
                """);
        assertEquals("param global-y param-global-y", element(config, "C@2/Print@1").config());
        assertEquals("global", element(config, "Print@3").config());
    }
}
