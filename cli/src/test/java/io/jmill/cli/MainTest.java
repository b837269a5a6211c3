package io.jmill.cli;

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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The jmill command as a user drives it: arguments in, exit status and printed text out. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    private int jmill(String... args) throws Exception {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runPrintsRequestedHandlersAtExitAndASummary() throws Exception {
        int status = jmill("run", "-e", "InfiniteSource(LIMIT $N, STOP true) -> c :: Counter -> Discard",
                "N=12345", "-h", "c.count", "--quiet");
        assertEquals(0, status, err());
        assertEquals("c.count:\n12345\n\n", out());
        assertEquals("", err(), "--quiet prints nothing else");
        status = jmill("run", "-e", "InfiniteSource(LIMIT 1000, STOP true) -> Discard");
        assertEquals(0, status);
        assertTrue(err().contains("jmill: stopped (InfiniteSource@1: LIMIT reached (1000 packets))"), err());
        assertTrue(err().contains("1,000 packets"), err());
    }

    @Test
    void runFromAFileWithDefinesAndOverrides(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("t.click");
        Files.writeString(f, "define($LIMIT 10);\nInfiniteSource(LIMIT $LIMIT, STOP true) -> c :: Counter -> Discard;\n");
        assertEquals(0, jmill("run", f.toString(), "-h", "c.count", "--quiet"));
        assertEquals("c.count:\n10\n\n", out());
        out.reset();
        assertEquals(0, jmill("run", f.toString(), "LIMIT=20", "-h", "c.count", "--quiet"));
        assertEquals("c.count:\n20\n\n", out());
    }

    @Test
    void durationStopsAnEndlessRouter() throws Exception {
        long t0 = System.nanoTime();
        assertEquals(0, jmill("run", "-e", "InfiniteSource -> Discard", "--duration", "300ms", "--quiet"));
        assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
    }

    @Test
    void checkListsEveryErrorWithLocationsAndExitsOne(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.click");
        Files.writeString(f, """
                src :: InfiniteSource(LIMIT ten, BURTS 4)
                  -> c :: Countr
                  -> Discard;
                y :: Strip($NOPE);
                """);
        assertEquals(1, jmill("check", f.toString()));
        String name = f.toString();
        assertEquals(name + ":4:12: y: warning: undefined variable $NOPE left in the text\n"
                + name + ":1:1: src: LIMIT: expected integer, got 'ten'\n"
                + name + ":1:1: src: unknown keyword 'BURTS' (did you mean BURST?)\n"
                + name + ":2:6: c: unknown element class 'Countr' (did you mean Counter?)\n"
                + name + ":4:1: y: LENGTH: expected integer, got '$NOPE'\n"
                + name + ": 4 errors\n", err());
    }

    @Test
    void checkAcceptsAGoodConfig() throws Exception {
        assertEquals(0, jmill("check", "-e", "InfiniteSource -> q :: Queue -> Unqueue -> Discard"));
        assertEquals("<expr>: OK (4 elements, 3 connections)\n", out());
    }

    @Test
    void runRefusesABrokenConfigBeforeStartingAnything() throws Exception {
        assertEquals(1, jmill("run", "-e", "InfiniteSource -> Queue -> Discard -> Counter"));
        assertEquals("<expr>:1:28: Discard@3: Discard has 1 output, needs 0 outputs\n"
                + "<expr>:1:39: Counter@4: output 0 not connected\n"
                + "<expr>: 2 errors, router not started\n", err());
    }

    @Test
    void explainPrintsTheFlatGraphAndDot() throws Exception {
        assertEquals(0, jmill("explain", "-e", "s :: InfiniteSource -> q :: Queue -> u :: Unqueue -> Discard"));
        assertTrue(out().contains("q :: Queue    // <expr>:1:"), out());
        assertTrue(out().contains("s [0] -> [0] q;    // push"), out());
        assertTrue(out().contains("q [0] -> [0] u;    // pull"), out());
        out.reset();
        assertEquals(0, jmill("explain", "-e", "s :: InfiniteSource -> q :: Queue -> u :: Unqueue -> Discard", "--dot"));
        assertTrue(out().startsWith("digraph jmill {"), out());
        assertTrue(out().contains("\"q\" -> \"u\" [taillabel=\"0\", headlabel=\"0\", style=dashed];"), out());
    }

    @Test
    void elementsListsClassesAndShowsManualPages() throws Exception {
        assertEquals(0, jmill("elements"));
        assertTrue(out().lines().anyMatch(l -> l.matches("Counter +Measures packet count and rate\\.")), out());
        out.reset();
        assertEquals(0, jmill("elements", "Queue"));
        assertTrue(out().startsWith("Queue  (ports 1/1-2, processing h/lh)\n"), out());
        assertEquals(2, jmill("elements", "Countr"));
        assertTrue(err().startsWith("jmill: no element class 'Countr' (did you mean Counter?)"), err());
    }

    @Test
    void usageErrorsExitTwoWithTheCommandsUsage() throws Exception {
        assertEquals(2, jmill("run", "--threads", "zero", "-e", "Idle"));
        assertTrue(err().startsWith("jmill: --threads expects a number, not 'zero'\n\nusage: jmill run"), err());
        err.reset();
        assertEquals(2, jmill("run", "--frobnicate"));
        assertTrue(err().startsWith("jmill: unknown option --frobnicate"), err());
        err.reset();
        assertEquals(2, jmill("run", "-e", "Idle", "--duration", "soon"));
        assertTrue(err().startsWith("jmill: --duration: "), err());
        err.reset();
        assertEquals(2, jmill("bogus"));
        assertTrue(err().startsWith("jmill: unknown command 'bogus'"), err());
        err.reset();
        assertEquals(2, jmill("run", "-e", "InfiniteSource(LIMIT 1, STOP true) -> c :: Counter -> Discard", "-h", "c.cont"));
        assertTrue(err().startsWith("jmill: -h c.cont: element 'c' has no handler 'cont'"), err());
    }

    @Test
    void helpIsAvailableForEveryCommand() throws Exception {
        for (String cmd : List.of("run", "check", "explain", "elements")) {
            out.reset();
            assertEquals(0, jmill(cmd, "--help"));
            assertTrue(out().startsWith("usage: jmill " + cmd), out());
        }
    }

    @Test
    void exceptionsInElementsAreReportedAndExitThree() throws Exception {
        int status = jmill("run", "-e", "InfiniteSource(LIMIT 100, BURST 10, STOP true) -> CliTestThrower(EVERY 10) -> Discard",
                "--quiet");
        assertEquals(3, status, err());
        // the task that ran the batch, and the element that threw
        assertTrue(err().contains("jmill: task InfiniteSource@1: element CliTestThrower@2 (CliTestThrower) threw"
                + " java.lang.IllegalStateException: thrown at packet 10"), err());
        assertTrue(err().contains("jmill: 10 batch(es) ended with an exception"), err());
    }

    @Test
    void specializedRunsCountTheSameAndProfilesRoundTripThroughExplainPlan(@TempDir Path dir) throws Exception {
        String cfg = "src :: InfiniteSource(LIMIT 200000, STOP true) -> c :: Counter -> Null -> d :: Discard";
        assertEquals(0, jmill("run", "-e", cfg, "--specialize", "now", "-h", "c.count", "-h", "list",
                "-h", "specializer_state", "-h", "specializer_plan", "-h", "specializer_swaps", "--quiet"), err());
        ExampleSupport.Result now = new ExampleSupport.Result(0, out(), err());
        assertEquals("200000", ExampleSupport.handler(now, "c.count"));
        ExampleSupport.assertSpecialized(now, 4, java.util.Map.of());
        out.reset();
        Path profile = dir.resolve("p.json");
        assertEquals(0, jmill("run", "-e", cfg, "--specialize", "off", "--profile-out", profile.toString(), "--quiet"),
                err());
        assertTrue(Files.readString(profile).contains("\"schema\""), "a JSON profile was written");
        out.reset();
        assertEquals(0, jmill("run", "-e", cfg, "--specialize", "off", "-h", "specializer_state", "-h",
                "specializer_plan", "-h", "specializer_swaps", "--quiet"), err());
        assertEquals("specializer_state:\ngeneric\n\nspecializer_plan:\nnone\n\nspecializer_swaps:\n\n\n", out(),
                "what a generic run reports");
        out.reset();
        assertTrue(err().contains("jmill: profile written to " + profile), err());
        assertEquals(0, jmill("explain", "-e", cfg, "--plan", "--profile-in", profile.toString()), err());
        assertTrue(out().contains("layout generic; 4 elements specialized, 0 generic, 3 edges devirtualized, 2 task batch"
                + " loops\n"), out());
        out.reset();
        assertEquals(0, jmill("run", "-e", cfg, "--profile-in", profile.toString(), "-h", "c.count", "-h", "list",
                "-h", "specializer_state", "-h", "specializer_plan", "-h", "specializer_swaps", "--quiet"), err());
        ExampleSupport.Result fromProfile = new ExampleSupport.Result(0, out(), err());
        assertEquals("200000", ExampleSupport.handler(fromProfile, "c.count"));
        ExampleSupport.assertSpecialized(fromProfile, 4, java.util.Map.of());
        err.reset();
        assertEquals(2, jmill("run", "-e", cfg, "--specialize", "sometimes"));
        assertTrue(err().startsWith("jmill: --specialize: expected off, auto or now, not 'sometimes'"), err());
        err.reset();
        Files.writeString(dir.resolve("bad.json"), "{ \"schema\": ");
        assertEquals(2, jmill("run", "-e", cfg, "--profile-in", dir.resolve("bad.json").toString()));
        assertTrue(err().startsWith("jmill: --profile-in: "), err());
    }

    @Test
    void aFastClickReplayConfigurationRunsUnmodified(@TempDir Path dir) throws Exception {
        Path trace = dir.resolve("trace.pcap");
        assertEquals(0, jmill("run", ExampleSupport.example("forwarder").toString(), "LIMIT=1000", "OUT=" + trace, "--quiet"), err());
        // DriverManager prints to the process's standard output, as Click's does.
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, jmill("run", ExampleSupport.example("replay").toString(), "PCAP=" + trace, "LOOPS=50",
                    "--quiet"), err());
        } finally {
            System.setOut(stdout);
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("RESULT-COUNT 50000\nRESULT-RATE "), text);
    }
}
