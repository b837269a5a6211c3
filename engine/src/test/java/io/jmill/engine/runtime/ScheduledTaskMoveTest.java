package io.jmill.engine.runtime;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.testelements.TSink;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScheduledTaskMoveTest {
    private static ScheduledTask task() {
        return new ScheduledTask(new TSink(ElementConfig.of("t", "TSink", "", 1, 0)));
    }

    @Test
    void theOwnerHandsTheTaskOverBetweenTwoRuns() {
        ScheduledTask t = task();
        assertFalse(t.requestMove(1), "not placed yet");
        t.assignWorker(0);
        assertTrue(t.runsOn(0));
        assertFalse(t.runsOn(1));
        assertFalse(t.requestMove(0), "already there");
        assertTrue(t.requestMove(1));
        assertFalse(t.requestMove(2), "one move at a time");
        assertFalse(t.moveDone());
        assertEquals(0, t.worker(), "still on its worker until that worker hands it over");
        assertFalse(t.runsOn(1), "the new worker waits for the hand-over");
        assertFalse(t.runsOn(0), "the old worker hands it over instead of running it");
        assertTrue(t.moveDone());
        assertEquals(1, t.worker());
        assertTrue(t.runsOn(1));
        assertFalse(t.runsOn(0));
    }
}
