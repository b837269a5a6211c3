package io.jmill.cli;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.specializer.SwapEvent;
import io.jmill.specializer.Specializer;
import io.jmill.specializer.backend.GraalBackend;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration Graal folds beyond the copies' own fields — a route table that write
 * handlers replace, a rewriter's patterns and per-input tables — gives the same results as the
 * generic code, and a write handler withdraws the code before it changes what was folded.
 */
class GraalConfigFoldingGraalTest {
    /** Four routes over the 16 /24s the NIC's flows go to, and a default route nothing takes. */
    private static final String ROUTES = """
            src :: FromNIC(sim0, FLOWS 64, SRC 10.0.0.2, DST 10.1.0.0/20, SIZE 64, LIMIT $LIMIT, STOP true)
              -> Strip(14) -> CheckIPHeader -> GetIPAddress(16)
              -> rt :: LinearIPLookup(10.1.0.0/22 0, 10.1.4.0/22 1, 10.1.8.0/21 2, 0/0 3);
            rt[0] -> c0 :: Counter -> Discard;
            rt[1] -> c1 :: Counter -> Discard;
            rt[2] -> c2 :: Counter -> Discard;
            rt[3] -> c3 :: Counter -> Discard;
            """;

    private static final String NAT = """
            src :: FromNIC(sim0, FLOWS 64, SRC 10.0.16.0/20, DST 10.1.0.1, SIZE 64, LIMIT 4000, STOP true)
              -> Strip(14) -> CheckIPHeader -> rw :: IPRewriter(pattern 10.100.0.1 1024-65535 - - 0 1, drop);
            Idle -> [1] rw;
            rw[0] -> out :: Counter -> Discard;
            rw[1] -> Discard;
            """;

    @Test
    void aFoldedRouteTableRoutesAsTheGenericCode() throws Exception {
        assertNull(GraalBackend.unavailableReason(), "this test runs with Graal on the upgrade module path");
        String config = ROUTES.replace("$LIMIT", "3000");
        List<Long> generic = runGeneric(config, GraalConfigFoldingGraalTest::counts);
        long[] ownOnly = foldedWithCopiesOwnArraysOnly(config);
        Router router = build(config);
        try {
            Specializer s = graal(router);
            GraalBackend.Installed code = s.installed();
            assertNotNull(code, "Graal compiled: " + s.history());
            assertTrue(code.foldsHandlerWrittenConfiguration(), code.summary());
            assertTrue(code.constantArrayReads() > ownOnly[0], "the route array folds: " + code.summary());
            assertEquals(0, ownOnly[1]);
            assertTrue(code.constantFieldReads() > 0, "the table field and the routes' fields fold: " + code.summary());
            runToEnd(router);
            assertEquals(generic, counts(router));
            assertEquals(3000L, generic.stream().mapToLong(Long::longValue).sum());
            assertEquals(code.methods().size(), code.alive(), "no handler written: the code stays");
        } finally {
            router.close();
        }
    }

    @Test
    void aRouteWrittenAfterTheSwapWithdrawsTheCodeFirstAndIsFollowed() throws Exception {
        Router router = build(ROUTES.replace("$LIMIT", "-1"));
        try {
            Specializer s = graal(router);
            GraalBackend.Installed code = s.installed();
            assertNotNull(code, "Graal compiled: " + s.history());
            router.start(1);
            awaitAbove(() -> count(router, "c0"), 2000);
            assertEquals(0, count(router, "c3"));

            router.write("rt.set", "10.1.0.0/22 3");
            assertEquals(0, code.alive(), "the write withdrew Graal's code before it changed the table");
            assertTrue(s.history().stream().map(SwapEvent::detail).anyMatch(d -> d.contains("withdrawn before a write handler")),
                    s.history().toString());
            awaitAbove(() -> count(router, "c3"), 2000);
            long c0 = count(router, "c0");
            awaitAbove(() -> count(router, "c3"), count(router, "c3") + 2000);
            assertEquals(c0, count(router, "c0"), "the replaced route is no longer taken");
        } finally {
            router.stopNow("test");
            router.awaitStop(10, TimeUnit.SECONDS);
            router.close();
        }
    }

    @Test
    void theNextSpecializationCompilesTheWrittenTableIn() throws Exception {
        String config = ROUTES.replace("$LIMIT", "3000");
        List<Long> generic = runGeneric(config, r -> write(r, "rt.set", "10.1.0.0/22 3"), GraalConfigFoldingGraalTest::counts);
        Router router = build(config);
        try {
            Specializer s = graal(router);
            GraalBackend.Installed first = s.installed();
            write(router, "rt.set", "10.1.0.0/22 3");
            assertEquals(0, first.alive(), "withdrawn before the write");
            s.apply(s.plan(null)); // as the plan's return after a profiling window does
            GraalBackend.Installed again = s.installed();
            assertNotNull(again, "compiled again: " + s.history());
            assertEquals(again.methods().size(), again.alive());
            runToEnd(router);
            assertEquals(generic, counts(router));
            assertEquals(0L, generic.getFirst(), "the written route sends 10.1.0.0/22 to output 3");
        } finally {
            router.close();
        }
    }

    @Test
    void aRewritersPatternsFoldAndAPatternWriteWithdrawsTheCode() throws Exception {
        long generic = runGeneric(NAT, r -> count(r, "out"));
        Router router = build(NAT);
        try {
            Specializer s = graal(router);
            GraalBackend.Installed code = s.installed();
            assertNotNull(code, "Graal compiled: " + s.history());
            assertTrue(code.foldsHandlerWrittenConfiguration(), code.summary());
            assertTrue(code.constantFieldReads() > 0, "the pattern's addresses and ports fold: " + code.summary());
            runToEnd(router);
            assertEquals(4000L, generic);
            assertEquals(generic, count(router, "out"));
            router.write("rw.pattern0", "pattern 10.100.0.2 1024-65535 - - 0 1");
            assertEquals(0, code.alive(), "a pattern write withdraws the code");
        } finally {
            router.close();
        }
    }

    /** Constant array and field reads when only the copies' own arrays fold (as before objects were followed). */
    private static long[] foldedWithCopiesOwnArraysOnly(String config) throws Exception {
        System.setProperty("jmill.graal.fold", "own");
        Router r = build(config);
        try {
            GraalBackend.Installed code = graal(r).installed();
            assertNotNull(code);
            return new long[]{code.constantArrayReads(), code.constantFieldReads()};
        } finally {
            System.clearProperty("jmill.graal.fold");
            r.close();
        }
    }

    private static Specializer graal(Router router) {
        Specializer s = new Specializer(router);
        s.backend("graal");
        s.apply(s.plan(null)); // before the start: runs from the first batch
        return s;
    }

    private static Router build(String config) throws Exception {
        return new RouterBuilder(ElementRegistry.load()).build(ClickParser.parse("t.click", config, Map.of()));
    }

    private static <T> T runGeneric(String config, Function<Router, T> result) throws Exception {
        return runGeneric(config, r -> { }, result);
    }

    private static <T> T runGeneric(String config, java.util.function.Consumer<Router> before, Function<Router, T> result)
            throws Exception {
        Router r = build(config);
        try {
            before.accept(r);
            runToEnd(r);
            return result.apply(r);
        } finally {
            r.close();
        }
    }

    private static void runToEnd(Router r) throws InterruptedException {
        r.start(1);
        assertTrue(r.awaitStop(60, TimeUnit.SECONDS), "the source stops the router");
    }

    private static void write(Router r, String handler, String value) {
        try {
            r.write(handler, value);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> counts(Router r) {
        return List.of(count(r, "c0"), count(r, "c1"), count(r, "c2"), count(r, "c3"));
    }

    private static long count(Router r, String counter) {
        try {
            return Long.parseLong(r.read(counter + ".count").strip());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitAbove(LongSupplier value, long floor) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (value.getAsLong() <= floor) {
            assertTrue(System.nanoTime() < deadline, "waited a minute for the counter to pass " + floor);
            Thread.sleep(5);
        }
    }
}
