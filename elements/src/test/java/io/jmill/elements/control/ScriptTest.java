package io.jmill.elements.control;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScriptTest {
    @TempDir
    Path dir;

    private int inUseBefore;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    private static Router router(String config) throws ConfigException {
        return new RouterBuilder(Harness.registry()).build(ClickParser.parse("test.click", config, Map.of()));
    }

    /** Sends a script's print and error output to this test's buffers. */
    private void capture(Router r, String script) {
        Script s = (Script) r.element(script);
        s.setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
        s.setErrorOutput(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Runs a router until it stops (at most 20 s) and closes it. */
    private static void runToStop(Router r) throws InterruptedException {
        r.start(1);
        try {
            assertTrue(r.awaitStop(20, TimeUnit.SECONDS), "the router stopped");
        } finally {
            r.close();
        }
    }

    // ------------------------------------------------------------------ DriverManager

    @Test
    void driverManagerPrintsHandlerValuesAndStopsTheRouter() throws Exception {
        Router r = router("""
                src :: InfiniteSource(LIMIT 1000) -> c :: Counter -> Discard;
                dm :: DriverManager(wait 150ms, print "count: $(c.count) packets", print c.count, stop);
                """);
        capture(r, "dm");
        long start = System.nanoTime();
        runToStop(r);
        assertTrue(System.nanoTime() - start >= 150_000_000L, "the router ran until the script stopped it");
        assertEquals("dm: script stopped the router", r.stopReason(), "not 'end of input'");
        assertEquals("count: 1000 packets\n1000\n", out());
        assertEquals("", err());
    }

    @Test
    void driverManagerEndingStopsTheRouterEvenWithoutStop() throws Exception {
        Router r = router("Idle -> Discard; dm :: DriverManager(print \"bye\");");
        capture(r, "dm");
        runToStop(r);
        assertEquals("dm: script stopped the router", r.stopReason());
        assertEquals("bye\n", out());
    }

    @Test
    void aStopRequestStepsAWaitingDriverManager() throws Exception {
        Router r = router("""
                InfiniteSource(LIMIT 500, STOP true) -> c :: Counter -> Discard;
                dm :: DriverManager(pause, print "done: $(c.count)", wait 200ms, print "after");
                """);
        capture(r, "dm");
        runToStop(r);
        assertEquals("dm: script stopped the router", r.stopReason(),
                "the source's stop request stepped the driver, which stopped the router when it ended");
        assertEquals("done: 500\nafter\n", out());
    }

    @Test
    void emptyDriverManagerWaitsForOneStep() throws Exception {
        Router r = router("Idle -> Discard; dm :: DriverManager;");
        DriverManager dm = (DriverManager) r.element("dm");
        assertEquals(List.of(Script.Op.PAUSE, Script.Op.STOP), dm.program().stream().map(Script.Insn::op).toList());
        r.start(1);
        Thread.sleep(100);
        assertFalse(r.stopping(), "the router waits for the script");
        r.write("dm.step", "");
        runToStopAfterStart(r);
        assertEquals("dm: script stopped the router", r.stopReason());
    }

    private static void runToStopAfterStart(Router r) throws InterruptedException {
        try {
            assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        } finally {
            r.close();
        }
    }

    @Test
    void onlyOneDriverManager() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> router("a :: DriverManager(stop); b :: Script(TYPE DRIVER, stop);"));
        assertEquals("test.click:1:27: b: router has more than one driver script (a is one); at most one DriverManager"
                + " or Script(TYPE DRIVER) is allowed", e.errors().getFirst().toString());
    }

    // ------------------------------------------------------------------ Script

    @Test
    void activeScriptEndsWithoutStoppingTheRouter() throws Exception {
        Router r = router("InfiniteSource(LIMIT 10) -> c :: Counter -> Discard; s :: Script(wait 50ms, print \"hi\");");
        capture(r, "s");
        runToStop(r);
        assertEquals("end of input", r.stopReason());
        assertEquals("hi\n", out());
    }

    @Test
    void variablesLabelsAndConditionalJumps() throws Exception {
        Router r = router("s :: Script(set x 0, label top, printn \\$x, set x $(add \\$x 1), goto top $(lt \\$x 5),"
                + " print \"\", print \"x is \\$x, half is $(div \\$x 2)\", stop);");
        capture(r, "s");
        runToStop(r);
        assertEquals("01234\nx is 5, half is 2.5\n", out());
        assertEquals("", err());
    }

    @Test
    void readWriteAndWriteStatus() throws Exception {
        try (Harness h = Harness.graph("input -> c :: Counter -> output;"
                + "s :: Script(read c.count, write c.reset, read c.count, print \\$?, write nobody.reset, print \\$?);", 1, 1)) {
            Script s = (Script) h.router().element("e/s");
            s.setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
            s.setErrorOutput(new PrintStream(err, true, StandardCharsets.UTF_8));
            h.push(0, new byte[60]);
            h.push(0, new byte[60]);
            assertEquals(Task.DONE, h.runTask("e/s"));
            assertEquals("c.count:\n2\nc.count:\n0\ne/s :: Script: no element 'nobody'\n", err());
            assertEquals("0\n-22\n", out());
        }
    }

    @Test
    void passiveScriptComputesItsRunHandler() throws Exception {
        try (Harness h = Harness.graph("input -> c1 :: Counter -> output;"
                + "s :: Script(TYPE PASSIVE, return $(add $(c1.count) 10));"
                + "t :: Script(TYPE PASSIVE, print \"\\$1+\\$2 of \\$#: \\$args\");", 1, 1)) {
            ((Script) h.router().element("e/t")).setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(Task.DONE, h.runTask("e/s"), "a passive script is no task");
            h.push(0, new byte[60]);
            h.push(0, new byte[60]);
            assertEquals("12", h.read("e/s.run"));
            h.push(0, new byte[60]);
            assertEquals("13", h.read("e/s.run"));
            h.write("e/t.run", "a b");
            assertEquals("a+b of 2: a b\n", out());
        }
    }

    @Test
    void stepEndsAWait() throws Exception {
        try (Harness h = Harness.graph("s :: Script(wait 10s, print \"stepped\", pause 2, print \"twice\");", 0, 0)) {
            Script s = (Script) h.router().element("e/s");
            s.setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(0, h.runTask("e/s"));
            assertEquals("", out());
            h.write("e/s.step", "");
            assertEquals("stepped\n", out());
            h.write("e/s.step", "");
            assertEquals(0, h.runTask("e/s"), "one of two steps");
            h.write("e/s.step", "1");
            assertEquals("stepped\ntwice\n", out());
            assertEquals(Task.DONE, h.runTask("e/s"));
            var e = assertThrows(io.jmill.engine.handler.HandlerException.class, () -> h.write("e/s.step", "x"));
            assertEquals("step: expected a count, got 'x'", e.getMessage());
        }
    }

    @Test
    void gotoHandlerAndRunawayLoops() throws Exception {
        try (Harness h = Harness.graph("s :: Script(pause, label here, print \"at here\", end);"
                + "loop :: Script(label a, goto a);", 0, 0)) {
            Script s = (Script) h.router().element("e/s");
            s.setOutput(new PrintStream(out, true, StandardCharsets.UTF_8));
            Script loop = (Script) h.router().element("e/loop");
            loop.setErrorOutput(new PrintStream(err, true, StandardCharsets.UTF_8));
            h.runTask("e/s");
            h.write("e/s.goto", "here");
            assertEquals("at here\n", out());
            assertEquals(Task.DONE, h.runTask("e/loop"));
            assertEquals("e/loop :: Script: too many jumps, giving up\n", err());
        }
    }

    @Test
    void printToFiles() throws Exception {
        Path f = dir.resolve("log.txt");
        String name = f.toString();
        Router r = router("Script(print >" + name + " \"one\", print >>" + name + " \"two\", printn >>" + name
                + " three, stop);");
        ((Script) r.elements().getFirst()).setErrorOutput(new PrintStream(err, true, StandardCharsets.UTF_8));
        runToStop(r);
        // "three" starts with a letter: a handler read, which fails and prints nothing.
        assertEquals("one\ntwo\n", Files.readString(f));
        assertEquals("Script@1 :: Script: no global handler 'three'\n", err());
    }

    @Test
    void operators() throws Exception {
        Router r = router("s :: Script(print $(sub 10 3 2), print $(mul 2 2.5), print $(idiv 7 2), print $(div 1 3),"
                + " print $(eq 10 0xA), print $(le 9 8), print $(lt abc abd), print $(not false), print $(first x y),"
                + " print $(sprintf \"%05x|%-3s|%d\" 127 ab -4), print $(s.add 1 1), stop);");
        capture(r, "s");
        runToStop(r);
        assertEquals("5\n5\n3\n0.333333333333\ntrue\nfalse\ntrue\ntrue\nx\n0007f|ab |-4\n2\n", out());
        assertEquals("", err());
    }

    @Test
    void listAndRoundingOperators() throws Exception {
        Router r = router("s :: Script(print $(avg 1 2 3), print $(avg 1 2), print $(avg 1 2.5), print $(min 10 6 20),"
                + " print $(max -1 6 3), print $(count 1 0 3), print $(popcount .01 0.32 0), print $(gt_vec 0 0.01 0.32 0),"
                + " print $(mod 7 3), print $(neg 3), print $(abs -3), print $(ceil 17.35), print $(floor 17.33),"
                + " print $(round 17.51), print $(round -2.5), print $(htonl 1), print $(htons $(ntohs 6)),"
                + " print $(and true false), print $(or false true), print $(in a b a), print $(if true x y),"
                + " print $(length ab c), stop);");
        capture(r, "s");
        runToStop(r);
        assertEquals("2\n1\n1.75\n6\n6\n3\n2\n2\n1\n-3\n3\n18\n17\n18\n-3\n16777216\n6\n"
                + "false\ntrue\ntrue\nx\n4\n", out());
        assertEquals("", err());
    }

    @Test
    void variablesAsHandlers() throws Exception {
        Router r = router("s :: Script(write set v foo bar baz, print $(shift v), print $(shift v), print $(get v),"
                + " readq length \"\\<0a 09 01>\", stop);");
        capture(r, "s");
        runToStop(r);
        assertEquals("foo\nbar\nbaz\n", out());
        assertEquals("s.length:\n3\n", err());
    }

    @Test
    void readHandlersTakeParameters() throws Exception {
        Router r = router("s0 :: Script(print $(s.run a \\<41 42>), print $(s0.add 1 2), print $(c.count x), stop);"
                + " s :: Script(TYPE PASSIVE, return \"[$args]\"); c :: Counter; Idle -> c -> Discard;");
        capture(r, "s0");
        runToStop(r);
        assertEquals("[a \\<41 42>]\n3\n\n", out());
        assertEquals("s0 :: Script: handler 'c.count' takes no parameters\n", err());
    }

    @Test
    void errorsEndTheScript() throws Exception {
        Router r = router("s :: Script(print $(add 1 x), errorq \"bad thing\", print \"never\");");
        capture(r, "s");
        runToStop(r);
        assertEquals("\n", out(), "the failed substitution gives nothing");
        assertEquals("s :: Script: add: expected list of numbers, got 'x'\ns :: Script: bad thing\n", err());
    }

    @Test
    void configurationErrors() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> router("Script(frobnicate, wait soon, goto nowhere, pause x, set y, TYPE SIGNAL INT NOSUCH);"));
        List<String> messages = e.errors().stream().map(x -> x.message()).toList();
        assertEquals(List.of("TYPE SIGNAL: unknown signal 'NOSUCH'", "unknown instruction 'frobnicate'",
                "wait: expected a time such as 2s or 100ms, got 'soon'", "pause: expected a count, got 'x'",
                "set: expected 'set VARIABLE TEXT'", "no such label 'nowhere'"), messages);
        e = assertThrows(ConfigException.class, () -> router("Script(TYPE BOSSY);"));
        assertEquals("TYPE: expected ACTIVE, PASSIVE, DRIVER, PACKET or SIGNAL, got 'BOSSY'", e.errors().getFirst().message());
        e = assertThrows(ConfigException.class, () -> router("Script(TYPE SIGNAL, print x);"));
        assertEquals("TYPE SIGNAL: expected one or more signals, such as INT or USR1", e.errors().getFirst().message());
        e = assertThrows(ConfigException.class, () -> router("Script(stop now);"));
        assertEquals("stop: takes no argument", e.errors().getFirst().message());
    }

    @Test
    void singleQuotesAndEscapes() throws Exception {
        Router r = router("s :: Script(set v 7, print 'not $(expanded) \\$v', print \"tab\\there \\$v\", print \"\\$5\", stop);");
        capture(r, "s");
        runToStop(r);
        assertEquals("not $(expanded) \\$v\ntab\there 7\n\n", out());
    }
}
