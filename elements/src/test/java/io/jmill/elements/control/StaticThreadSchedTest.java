package io.jmill.elements.control;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** StaticThreadSched, and how the router places the tasks nobody places. */
class StaticThreadSchedTest {
    private static final String PATHS = """
            elementclass Path { $n | InfiniteSource(ACTIVE false) -> Counter -> d :: Discard }
            p0 :: Path(0); p1 :: Path(1); p2 :: Path(2);
            """;

    private static Router build(String config) throws ConfigException {
        return new RouterBuilder(Harness.registry()).build(ClickParser.parse("t", config, Map.of()));
    }

    /** Each task element's worker once the router has started on {@code threads} threads. */
    private static Map<String, Integer> workers(String config, int threads) throws Exception {
        Router r = build(config);
        try {
            r.start(threads);
            Map<String, Integer> m = new TreeMap<>();
            for (ScheduledTask t : r.tasks()) {
                m.put(t.element().name(), t.worker());
            }
            return m;
        } finally {
            r.close();
        }
    }

    @Test
    void homeThreadHandlerTellsEachTasksWorker() throws Exception {
        Router r = build(PATHS + "StaticThreadSched(p0 1, p1 0);");
        try {
            assertEquals("-1", r.readHandler("p0/d.home_thread"), "not placed before the start");
            r.start(2);
            assertEquals("1", r.readHandler("p0/d.home_thread"));
            assertEquals("1", r.readHandler("p0/InfiniteSource@1.home_thread"));
            assertEquals("0", r.readHandler("p1/d.home_thread"));
        } finally {
            r.close();
        }
    }

    @Test
    void withoutASchedulerTheSourcesGoToDifferentThreads() throws Exception {
        Map<String, Integer> w = workers(PATHS, 2);
        // Three sources on two threads: 0, 1, 0; the pushed-to Discards (finished at their first
        // run) are placed after them.
        assertEquals(0, w.get("p0/InfiniteSource@1"));
        assertEquals(1, w.get("p1/InfiniteSource@1"));
        assertEquals(0, w.get("p2/InfiniteSource@1"));
    }

    @Test
    void onceASchedulerPlacesATaskTheOthersGoToThreadZeroAsInClick() throws Exception {
        Map<String, Integer> w = workers(PATHS + "StaticThreadSched(p0 1);", 2);
        assertEquals(1, w.get("p0/InfiniteSource@1"));
        assertEquals(1, w.get("p0/d"));
        assertEquals(0, w.get("p1/InfiniteSource@1"), "not spread to the idle thread 1");
        assertEquals(0, w.get("p2/InfiniteSource@1"));
        assertEquals(0, w.get("p2/d"));
    }

    @Test
    void bindsNamedElementsAndWholeCompounds() throws Exception {
        Map<String, Integer> w = workers(PATHS + "StaticThreadSched(p0/InfiniteSource@1 1, p1 1, p2 -1);", 2);
        assertEquals(1, w.get("p0/InfiniteSource@1"));
        assertEquals(1, w.get("p1/InfiniteSource@1"));
        assertEquals(1, w.get("p1/d"), "every task inside the compound");
        assertEquals(1, w.get("p2/InfiniteSource@1"), "-1: the last thread");
    }

    @Test
    void aLaterSchedulerOverridesAnEarlierOne() throws Exception {
        Map<String, Integer> w = workers(PATHS + "StaticThreadSched(p1 0); StaticThreadSched(p1 1);", 2);
        assertEquals(1, w.get("p1/InfiniteSource@1"));
    }

    @Test
    void aThreadOutOfRangeIsAWarningAndGoesToThreadZero() throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        Map<String, Integer> w;
        try {
            w = workers(PATHS + "s :: StaticThreadSched(p1 5, p2 -7);", 2);
        } finally {
            System.setErr(err);
        }
        assertEquals(0, w.get("p1/InfiniteSource@1"));
        assertEquals(1, w.get("p2/InfiniteSource@1"), "out of range below zero: the last thread");
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("s: thread preference 5 out of range (the router runs 2 threads)"), text);
        assertTrue(text.contains("thread preference -7 out of range"), text);
    }

    @Test
    void namesThatAreNotElementsAndBadThreadsAreErrors() {
        ConfigException e = assertThrows(ConfigException.class, () -> build(PATHS + "StaticThreadSched(nosuch 0);"));
        assertTrue(e.getMessage().contains("'nosuch' does not name an element"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> build(PATHS + "StaticThreadSched(p0 x, p1);"));
        assertTrue(e.getMessage().contains("p0: THREAD: expected an integer, got 'x'"), e.getMessage());
        assertTrue(e.getMessage().contains("expected 'ELEMENT THREAD', got 'p1'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> build(PATHS + "StaticThreadSched(p0 0/1);"));
        assertTrue(e.getMessage().contains("the SOCKET/CORE form is not supported"), e.getMessage());
    }

    @Test
    void twoBoundPipelinesRunOnTwoThreads() throws Exception {
        Router r = build("""
                elementclass Path { InfiniteSource(LIMIT 20000, STOP false) -> c :: Counter -> Discard }
                p0 :: Path; p1 :: Path;
                StaticThreadSched(p0 0, p1 1);
                """);
        try {
            r.start(2);
            assertTrue(r.awaitStop(20, SECONDS), "stopped at the end of input");
        } finally {
            r.close();
        }
        assertEquals("20000", r.read("p0/c.count"));
        assertEquals("20000", r.read("p1/c.count"));
        assertEquals(0, r.taskErrors());
    }
}
