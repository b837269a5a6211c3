package io.jmill.engine.lang;

import static io.jmill.engine.lang.Fixtures.FILE;
import static io.jmill.engine.lang.Fixtures.connections;
import static io.jmill.engine.lang.Fixtures.errors;
import static io.jmill.engine.lang.Fixtures.element;
import static io.jmill.engine.lang.Fixtures.elements;
import static io.jmill.engine.lang.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class DeclarationsAndConnectionsTest {

    @Test
    void declarationsWithAndWithoutArguments() throws ConfigException {
        FlatConfig config = parse("""
                src :: InfiniteSource(LIMIT 5, BURST 1);
                a, b :: Counter(x)
                sink :: Discard
                """);
        assertEquals(List.of(
                "src :: InfiniteSource(LIMIT 5, BURST 1)",
                "a :: Counter(x)",
                "b :: Counter(x)",
                "sink :: Discard()"), elements(config));
        assertEquals(List.of(), connections(config));
        assertEquals(new FlatElement("b", "Counter", "x", new Location(FILE, 2, 4)), element(config, "b"));
        assertEquals(new Location(FILE, 3, 1), element(config, "sink").location());
    }

    @Test
    void declarationsInsideChainsAndAnonymousElements() throws ConfigException {
        FlatConfig config = parse("src :: InfiniteSource -> c :: Counter -> Discard;\n"
                + "Idle -> Queue(10) -> c2 :: Counter;\n");
        assertEquals(List.of(
                "src :: InfiniteSource()",
                "c :: Counter()",
                "Discard@3 :: Discard()",
                "Idle@4 :: Idle()",
                "Queue@5 :: Queue(10)",
                "c2 :: Counter()"), elements(config));
        assertEquals(List.of(
                "src [0] -> [0] c",
                "c [0] -> [0] Discard@3",
                "Idle@4 [0] -> [0] Queue@5",
                "Queue@5 [0] -> [0] c2"), connections(config));
        assertEquals(new Location(FILE, 1, 42), element(config, "Discard@3").location());
        assertEquals(new FlatConnection("c", 0, "Discard@3", 0, new Location(FILE, 1, 39)),
                config.connections().get(1));
    }

    @Test
    void portListsPairUpOrFanFromOnePort() throws ConfigException {
        FlatConfig config = parse("""
                x :: Tee(2); y :: Idle; z :: Idle;
                x[0,1] -> [1,0]y;
                y[0, 1, 2] -> z;
                """);
        assertEquals(List.of(
                "x [0] -> [1] y",
                "x [1] -> [0] y",
                "y [0] -> [0] z",
                "y [1] -> [0] z",
                "y [2] -> [0] z"), connections(config));
        assertEquals(List.of("test.click:1:32: connection mismatch: 2 outputs connected to 3 inputs"),
                errors("x :: Tee(2); y :: Idle; x[0,1] -> [0,1,2]y;"));
    }

    @Test
    void parallelArrowSpreadsPortsOverElementLists() throws ConfigException {
        FlatConfig config = parse("""
                c :: Tee(3); a, b, d :: Idle;
                c => a, b, d;
                c[0-1] => [1] a, b;
                a, b -> d;
                d -> a, b;
                c [1,2] => [0] a;
                c => [2-] d, a;
                """);
        assertEquals(List.of(
                "c [0] -> [0] a", "c [1] -> [0] b", "c [2] -> [0] d",
                "c [0] -> [1] a", // c [1] -> b repeats a connection: kept once
                "a [0] -> [0] d", "b [0] -> [0] d",
                "d [0] -> [0] a", "d [0] -> [0] b",
                "c [1] -> [0] a", "c [2] -> [0] a",
                "c [0] -> [2] d"), connections(config));
    }

    @Test
    void openPortListGrowsToTheOtherSide() throws ConfigException {
        FlatConfig config = parse("c :: Tee(3); d :: Idle; c [0-2] => [4-] d; c [] => d, d;");
        assertEquals(List.of("c [0] -> [4] d", "c [1] -> [5] d", "c [2] -> [6] d", "c [0] -> [0] d", "c [1] -> [0] d"),
                connections(config));
        config = parse("c :: Tee(3); a, b, d :: Idle; c [1-] => a, b, d;");
        assertEquals(List.of("c [1] -> [0] a", "c [2] -> [0] b", "c [3] -> [0] d"), connections(config));
    }

    @Test
    void parallelArrowErrorsInClicksWords() {
        assertEquals(List.of("test.click:1:38: connection mismatch: 2 outputs connected to 3 inputs"),
                errors("c :: Tee(2); a, b, d :: Idle; c[0,1] => a, b, d;"));
        assertEquals(List.of("test.click:1:37: at most one expandable port allowed per connection"),
                errors("c :: Tee(2); a, b, d :: Idle; c[0-] => [1-] a;"));
        assertEquals(List.of("test.click:1:5: expected ']', got '->'"), errors("a [1-> b"));
    }

    @Test
    void declarationInsideAConnectionListDeclaresOnlyItsOwnName() throws ConfigException {
        FlatConfig config = parse("x :: Idle; x, y :: Idle -> z :: Discard;");
        assertEquals(List.of("x :: Idle()", "y :: Idle()", "z :: Discard()"), elements(config));
        assertEquals(List.of("x [0] -> [0] z", "y [0] -> [0] z"), connections(config));
    }

    @Test
    void portsInEverySpelling() throws ConfigException {
        FlatConfig config = parse("""
                a :: Tee; b :: Queue; c :: Counter; d :: Discard;
                a [1] -> [0] b;
                a[2]->b
                a -> b -> [2] c [1] -> d;
                a [ 3 ] -> [ 4 ] d
                """);
        assertEquals(List.of(
                "a [1] -> [0] b",
                "a [2] -> [0] b",
                "a [0] -> [0] b",
                "b [0] -> [2] c",
                "c [1] -> [0] d",
                "a [3] -> [4] d"), connections(config));
    }

    @Test
    void bareIdentifierIsADeclaredElementEvenIfDeclaredLaterOtherwiseAClass() throws ConfigException {
        FlatConfig config = parse("a -> b -> Discard;\nb :: Counter;\na :: Idle;\n");
        assertEquals(List.of("Discard@1 :: Discard()", "b :: Counter()", "a :: Idle()"), elements(config));
        assertEquals(List.of("a [0] -> [0] b", "b [0] -> [0] Discard@1"), connections(config));
    }

    @Test
    void anonymousNumbersCountEveryElementOfTheScope() throws ConfigException {
        FlatConfig config = parse("x :: Idle; y :: Idle\nx -> Counter -> Counter -> y\nz :: Idle\nIdle;");
        assertEquals(List.of("x :: Idle()", "y :: Idle()", "Counter@3 :: Counter()", "Counter@4 :: Counter()",
                "z :: Idle()", "Idle@6 :: Idle()"), elements(config));
    }

    @Test
    void statementsNeedNoSemicolons() throws ConfigException {
        FlatConfig config = parse("a :: Idle b :: Idle a -> b c :: Idle -> a");
        assertEquals(List.of("a :: Idle()", "b :: Idle()", "c :: Idle()"), elements(config));
        assertEquals(List.of("a [0] -> [0] b", "c [0] -> [0] a"), connections(config));
    }

    @Test
    void argumentsAreRawTextWithCommentsRemoved() throws ConfigException {
        FlatConfig config = parse("""
                c :: Classifier(12/0806 20/0001, // ARP queries
                                12/0800 /* IP */, -);
                p :: Print("a, (b) // not a comment", 'single $quoted', \\), MAXLENGTH 3);
                q :: Script(wait 1, { nested, (parens) [and] brackets });
                e :: Counter(   );
                """);
        assertEquals("12/0806 20/0001, \n                12/0800  , -", element(config, "c").config());
        assertEquals("\"a, (b) // not a comment\", 'single $quoted', \\), MAXLENGTH 3", element(config, "p").config());
        assertEquals("wait 1, { nested, (parens) [and] brackets }", element(config, "q").config());
        assertEquals("", element(config, "e").config());
    }

    @Test
    void commentsAndHashLines() throws ConfigException {
        FlatConfig config = parse("""
                #include <something>
                // a comment -> b
                a :: Idle /* -> b :: X */ -> /* more
                   comment */ d :: Discard  // trailing
                  # indented directive
                """);
        assertEquals(List.of("a :: Idle()", "d :: Discard()"), elements(config));
        assertEquals(List.of("a [0] -> [0] d"), connections(config));
        assertEquals(new Location(FILE, 4, 15), element(config, "d").location());
    }

    @Test
    void elementNamesMayContainSlashesAndAtSigns() throws ConfigException {
        FlatConfig config = parse("my/elem :: Idle -> x@y :: Discard_2;");
        assertEquals(List.of("my/elem :: Idle()", "x@y :: Discard_2()"), elements(config));
    }

    @Test
    void duplicateConnectionsAreMerged() throws ConfigException {
        FlatConfig config = parse("a :: Idle; b :: Discard; a -> b; a -> b; a [0] -> [0] b;");
        assertEquals(List.of("a [0] -> [0] b"), connections(config));
    }

    @Test
    void emptyConfiguration() throws ConfigException {
        FlatConfig config = parse("  // nothing\n;;\n");
        assertEquals(new FlatConfig(List.of(), List.of(), List.of()), config);
    }
}
