package io.jmill.elements.standard;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CPUSwitch, ExactCPUSwitch, Pipeliner and CounterMP on worker threads, and passing_threads. */
class ThreadElementsTest {
    private static Router build(String config) throws ConfigException {
        return new RouterBuilder(Harness.registry()).build(ClickParser.parse("t", config, Map.of()));
    }

    /** Runs {@code config} on {@code threads} workers until its sources stop it. */
    private static Router run(String config, int threads) throws Exception {
        Router r = build(config);
        r.start(threads);
        assertTrue(r.awaitStop(30, SECONDS), "stopped at the end of input");
        return r;
    }

    @Test
    void cpuSwitchSendsEachThreadsPacketsToItsOutput() throws Exception {
        Router r = run("""
                a :: InfiniteSource(LIMIT 300, STOP false) -> cpu :: CPUSwitch;
                b :: InfiniteSource(LIMIT 200, STOP false) -> cpu;
                c :: InfiniteSource(LIMIT 50, STOP false) -> cpu;
                StaticThreadSched(a 0, b 1, c 2);
                cpu[0] -> c0 :: Counter -> Discard;
                cpu[1] -> c1 :: Counter -> Discard;
                """, 3);
        try {
            assertEquals("350", r.read("c0.count"), "threads 0 and 2 (2 modulo 2 outputs)");
            assertEquals("200", r.read("c1.count"));
            assertEquals("0-2", r.read("cpu.passing_threads"));
            assertEquals("0,2", r.read("c0.passing_threads"));
            assertEquals("1", r.read("c1.passing_threads"));
            assertEquals(0, r.taskErrors());
        } finally {
            r.close();
        }
    }

    @Test
    void exactCpuSwitchSharesItsOutputsAmongThePushingThreads() throws Exception {
        Router r = run("""
                a :: InfiniteSource(LIMIT 300, STOP false) -> x :: ExactCPUSwitch;
                b :: InfiniteSource(LIMIT 200, STOP false) -> x;
                StaticThreadSched(a 1, b 3);
                x[0] -> c0 :: Counter -> Discard;
                x[1] -> c1 :: Counter -> Discard;
                """, 4);
        try {
            assertEquals("300", r.read("c0.count"), "thread 1, the first that pushes");
            assertEquals("200", r.read("c1.count"), "thread 3, the second (CPUSwitch: output 1 as well)");
            assertEquals("1 0\n3 1\n", r.read("x.map"));
            assertEquals("3", r.read("c1.passing_threads"));
        } finally {
            r.close();
        }
    }

    @Test
    void offTheWorkersPacketsCountAsThreadZeros() throws Exception {
        try (Harness h = Harness.element("CPUSwitch", 1, 3)) {
            h.push(0, new byte[60]);
            assertEquals(1, h.output(0).size());
        }
    }

    @Test
    void pipelinerHandsOverOtherThreadsPacketsAndPassesItsOwnOn() throws Exception {
        Router r = run("""
                a :: InfiniteSource(LIMIT 5000, STOP false) -> cm :: CounterMP -> p :: Pipeliner(BLOCKING true, CAPACITY 8);
                b :: InfiniteSource(LIMIT 3000, STOP false) -> cm;
                p -> c :: Counter -> Discard;
                StaticThreadSched(a 0, b 1, p 1);
                """, 2);
        try {
            // the router stops at the end of input, once the workers are quiet: the rings are drained
            assertEquals("8000", r.read("cm.count"));
            assertEquals("5000", r.read("p.count"), "thread 0's packets go through a ring");
            assertEquals("0", r.read("p.dropped"));
            long passed = Long.parseLong(r.read("c.count"));
            assertEquals(8000, passed);
            assertEquals("1", r.read("c.passing_threads"));
            assertEquals("0-1", r.read("cm.passing_threads"));
            assertEquals(0, r.taskErrors());
        } finally {
            r.close();
        }
    }

    @Test
    void aFullRingDropsWithoutBlocking() throws Exception {
        Router r = run("""
                a :: InfiniteSource(LIMIT 10, STOP false) -> p :: Pipeliner(CAPACITY 4, ACTIVE false) -> c :: Counter -> Discard;
                StaticThreadSched(a 0, p 1);
                """, 2);
        try {
            assertEquals("4", r.read("p.count"));
            assertEquals("6", r.read("p.dropped"));
            assertEquals("0", r.read("c.count"), "inactive: nothing taken out");
            assertEquals("4", r.read("p.highwater"));
        } finally {
            r.close();
        }
    }

    @Test
    void counterMpCountsPacketsAndBytesAndResets() throws Exception {
        try (Harness h = Harness.element("CounterMP")) {
            h.push(0, Harness.packet(new byte[60]));
            h.push(0, Harness.packet(new byte[40]));
            assertEquals(2, h.output(0).size());
            assertEquals("2", h.read("count"));
            assertEquals("100", h.read("byte_count"));
            h.write("reset", "");
            assertEquals("0", h.read("count"));
        }
    }

    @Test
    void passingThreadsStopsAtQueuesAndStartsAtUnqueue() throws Exception {
        Router r = build("""
                a :: InfiniteSource(LIMIT 10, STOP false) -> q :: Queue -> u :: Unqueue -> d :: Discard;
                StaticThreadSched(a 1, u 0);
                """);
        try {
            r.start(2);
            assertTrue(r.awaitStop(30, SECONDS));
            assertEquals("0-1", r.read("q.passing_threads"), "pushed by thread 1, pulled by thread 0: both");
            assertEquals("0", r.read("d.passing_threads"), "after the queue: the Unqueue's thread only");
        } finally {
            r.close();
        }
    }
}
