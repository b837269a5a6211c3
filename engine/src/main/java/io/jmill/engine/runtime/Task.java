package io.jmill.engine.runtime;

/**
 * Work a worker thread runs over and over: one call moves at most one batch. Elements that
 * produce packets by themselves (sources, {@code Unqueue}) implement it; the router schedules
 * every such element on a worker, behind a {@link PipelineSlot} so that the code that runs can be
 * swapped between batches.
 *
 * <p>The worker calls {@code runTask()} in an {@code idle.idle(runTask())}-style loop: return the
 * number of packets moved (0 lets the worker back off), or {@link #DONE} once the task will never
 * have work again (a source that reached its limit).
 */
public interface Task {
    /** Returned by {@link #runTask()} when the task is finished for good. */
    int DONE = -1;

    /** Moves at most one batch; returns packets moved, 0 when idle, or {@link #DONE}. */
    int runTask();
}
