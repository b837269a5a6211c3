package io.jmill.engine.router;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.testelements.TClock;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkerClockTest {
    @Test
    void elementsOnAWorkerSeeOneReadingPerTaskRun() throws Exception {
        Router r = RouterBuildTest.build("TSource(LIMIT 4096, BURST 8, STOP true) -> c :: TClock -> TSink;");
        long before = System.nanoTime();
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        TClock c = (TClock) r.element("c");
        assertEquals(4096, c.seen);
        int distinct = 1;
        for (int i = 0; i < c.seen; i++) {
            assertTrue(c.threads[i].startsWith("jmill-worker-"), c.threads[i]);
            // Never ahead of the system clock, never before the router started.
            assertTrue(c.worker[i] <= c.system[i] && c.worker[i] >= before, "packet " + i);
            if (i % 8 != 0) {
                assertEquals(c.worker[i - 1], c.worker[i], "packet " + i + " is in the same batch as " + (i - 1));
            } else if (i > 0) {
                assertTrue(c.worker[i] >= c.worker[i - 1], "time went back at packet " + i);
                if (c.worker[i] != c.worker[i - 1]) {
                    distinct++;
                }
            }
        }
        assertTrue(distinct > 1, "the clock was read again for later batches");
    }

    @Test
    void offAWorkerItIsTheSystemClock() {
        long a = System.nanoTime();
        long w = WorkerClock.nanos();
        long b = System.nanoTime();
        assertTrue(a <= w && w <= b);
        long wall = WorkerClock.wallNanos();
        long millis = System.currentTimeMillis();
        assertTrue(Math.abs(wall / 1_000_000L - millis) < 1000, "wall clock " + wall + " vs " + millis);
    }
}
