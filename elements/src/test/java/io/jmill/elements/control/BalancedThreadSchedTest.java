package io.jmill.elements.control;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BalancedThreadSchedTest {
    private static Router build(String config) throws ConfigException {
        return new RouterBuilder(Harness.registry()).build(ClickParser.parse("t", config, Map.of()));
    }

    private static ScheduledTask task(Router r, String name) {
        return r.tasks().stream().filter(t -> t.element().name().equals(name)).findFirst().orElseThrow();
    }

    /** Waits (at most a minute, for a loaded machine) until {@code done} holds. */
    private static void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void movesTasksFromTheBusiestThreadToTheIdlestUntilWithinAQuarter() {
        int[] on0 = {0, 0, 0};
        assertArrayEquals(new int[] {1, 0, 0}, BalancedThreadSched.plan(new long[] {10, 10, 10}, on0, 2, true));
        assertArrayEquals(new int[] {1, 1, 0, 0}, BalancedThreadSched.plan(new long[] {10, 10, 10, 10}, new int[] {0, 0, 0, 0}, 2, true));
        assertArrayEquals(new int[] {0, 1, 0, 1}, BalancedThreadSched.plan(new long[] {10, 10, 10, 10}, new int[] {0, 1, 0, 1}, 2, true),
                "balanced: nothing moves");
        assertArrayEquals(new int[] {0, 0, 0}, BalancedThreadSched.plan(new long[] {0, 0, 0}, on0, 2, true), "no load");
        assertArrayEquals(new int[] {-1, 1, 0}, BalancedThreadSched.plan(new long[] {10, 10, 10}, new int[] {-1, 0, 0}, 2, true),
                "a task being handed over is left out of the loads and the moves");
    }

    @Test
    void increasingTriesTheCheapestTasksFirst() {
        long[] load = {2, 3, 5, 0};
        int[] worker = {0, 0, 0, 1};
        assertArrayEquals(new int[] {1, 1, 0, 1}, BalancedThreadSched.plan(load, worker, 2, true));
        assertArrayEquals(new int[] {0, 0, 1, 1}, BalancedThreadSched.plan(load, worker, 2, false));
    }

    @Test
    void aTaskMovedBackAndForthWhileRunningLosesAndDuplicatesNothing() throws Exception {
        int limit = 200_000;
        Router r = build("src :: InfiniteSource(LIMIT " + limit + ") -> c1 :: Counter -> q :: Queue(4096)"
                + " -> u :: Unqueue -> c2 :: Counter -> Discard; StaticThreadSched(src 0, u 1);");
        try {
            r.start(2);
            ScheduledTask u = task(r, "u");
            ScheduledTask src = task(r, "src");
            int requested = 0;
            while (Long.parseLong(r.read("c2.count")) + Long.parseLong(r.read("q.drops")) < limit) {
                if (u.requestMove(1 - u.worker())) {
                    requested++;
                }
                src.requestMove(1 - src.worker());
                Thread.sleep(0, 200_000);
                assertTrue(requested < 10_000_000);
            }
            assertEquals(Integer.toString(limit), r.read("c1.count"));
            assertEquals(limit, Long.parseLong(r.read("c2.count")) + Long.parseLong(r.read("q.drops")));
            assertEquals(0, r.taskErrors());
            assertTrue(requested > 0);
        } finally {
            r.close();
        }
    }

    @Test
    void balancesSourcesPlacedOnOneThreadOverTwo() throws Exception {
        Router r = build("""
                a :: InfiniteSource -> Discard; b :: InfiniteSource -> Discard; c :: InfiniteSource -> Discard;
                StaticThreadSched(a 0, b 0, c 0);
                x :: BalancedThreadSched(20);
                """);
        try {
            r.start(2);
            assertEquals(0, task(r, "b").worker());
            await(() -> r.tasks().stream().anyMatch(t -> t.worker() == 1 && t.element().name().length() == 1),
                    "a source runs on thread 1");
            assertTrue(Long.parseLong(r.read("x.moves")) >= 1);
            assertTrue(r.read("x.loads").startsWith("0 "), r.read("x.loads"));
            assertEquals(0, r.taskErrors());
        } finally {
            r.close();
        }
    }

    @Test
    void withOneThreadItDoesNothingAndBadArgumentsAreErrors() throws Exception {
        Router r = build("a :: InfiniteSource(LIMIT 10) -> Discard; x :: BalancedThreadSched(5)");
        try {
            r.start(1);
            assertTrue(r.awaitStop(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals("0", r.read("x.moves"));
        } finally {
            r.close();
        }
        ConfigException e = assertThrows(ConfigException.class, () -> build("BalancedThreadSched(0)"));
        assertTrue(e.getMessage().contains("INTERVAL"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> build("BalancedThreadSched(10, maybe)"));
        assertTrue(e.getMessage().contains("INCREASING"), e.getMessage());
    }
}
