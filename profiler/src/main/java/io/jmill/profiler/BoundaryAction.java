package io.jmill.profiler;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Work that must happen between two batches of a task: splicing probes into the edges the task
 * drives, or taking them out. The task's worker runs it at the start of its next batch (see
 * {@link TimedTask}), so that all edges of the task switch at the same batch boundary; if the
 * worker does not get there (task finished, router stopping, slot swapped away), the profiler
 * runs it itself. Either way it runs exactly once.
 */
final class BoundaryAction implements Runnable {
    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;

    private final Runnable action;
    private final AtomicInteger state = new AtomicInteger(PENDING);

    BoundaryAction(Runnable action) {
        this.action = action;
    }

    /** Runs the action unless it has run or is running; returns once it has run. */
    @Override
    public void run() {
        if (state.compareAndSet(PENDING, RUNNING)) {
            try {
                action.run();
            } finally {
                state.set(DONE);
            }
            return;
        }
        while (state.get() != DONE) {
            Thread.onSpinWait(); // the worker is running it: it is short
        }
    }

    boolean done() {
        return state.get() == DONE;
    }
}
