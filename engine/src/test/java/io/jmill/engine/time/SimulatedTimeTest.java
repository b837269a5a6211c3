package io.jmill.engine.time;

import io.jmill.engine.runtime.WorkerClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatedTimeTest {
    @AfterEach
    void realTime() {
        SimulatedTime.stop();
    }

    @Test
    void everyReadingAdvancesByOneTickAndBothScalesAreOne() {
        SimulatedTime.start(SimulatedTime.DEFAULT_START_NANOS, 1000);
        assertEquals(1_000_000_000_000_000_000L, WorkerClock.nanos());
        assertEquals(1_000_000_000_000_001_000L, WorkerClock.wallNanos());
        assertEquals(1_000_000_000_000_002_000L, WorkerClock.nanos());
        assertEquals(42, WorkerClock.toWallNanos(42));
        assertTrue(SimulatedTime.on());
    }

    @Test
    void anIdlePassJumpsToTheEarliestWakeUpAskedFor() {
        SimulatedTime.start(5_000_000_000L, 1);
        SimulatedTime.wakeAt(9_000_000_000L);
        SimulatedTime.wakeAt(7_000_000_000L);
        assertEquals(1, SimulatedTime.endPass(0), "a jump counts as work: no back-off");
        assertEquals(7_000_000_000L, SimulatedTime.peek());
        // the wake-ups were used up: the next idle pass with none leaves the clock alone
        assertEquals(0, SimulatedTime.endPass(0));
        assertEquals(7_000_000_000L, SimulatedTime.peek());
    }

    @Test
    void aBusyPassDoesNotJumpAndForgetsTheWakeUps() {
        SimulatedTime.start(0, 1);
        SimulatedTime.wakeAt(1_000);
        assertEquals(3, SimulatedTime.endPass(3));
        assertEquals(0, SimulatedTime.peek());
        assertEquals(0, SimulatedTime.endPass(0));
        assertEquals(0, SimulatedTime.peek());
    }

    @Test
    void theClockNeverGoesBack() {
        SimulatedTime.start(10_000, 1);
        SimulatedTime.wakeAt(5_000);
        SimulatedTime.endPass(0);
        assertEquals(10_000, SimulatedTime.peek());
    }

    @Test
    void packetsDroppedByAFullQueueAreNoProgress() {
        SimulatedTime.start(0, 1);
        SimulatedTime.wakeAt(500);
        SimulatedTime.wasted(32);
        assertEquals(1, SimulatedTime.endPass(32), "a source that only overfills a queue leaves the router idle");
        assertEquals(500, SimulatedTime.peek());
        SimulatedTime.wakeAt(900);
        SimulatedTime.wasted(31);
        assertEquals(32, SimulatedTime.endPass(32), "one packet got in: that is progress");
        assertEquals(500, SimulatedTime.peek());
    }

    @Test
    void inRealTimeNothingChanges() {
        assertFalse(SimulatedTime.on());
        SimulatedTime.wakeAt(1);
        SimulatedTime.wasted(5);
        assertEquals(0, SimulatedTime.endPass(0));
        assertEquals(5, SimulatedTime.endPass(5));
        long before = System.nanoTime();
        long t = WorkerClock.nanos();
        assertTrue(t >= before, "the system clock");
    }

    @Test
    void theTickIsAtLeastOneNanosecond() {
        assertThrows(IllegalArgumentException.class, () -> SimulatedTime.start(0, 0));
    }
}
