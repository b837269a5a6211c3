package io.jmill.engine.runtime;

import io.jmill.engine.element.Element;

/**
 * An element that decides which worker thread runs some task elements (Click's
 * {@code ThreadSched}, as {@code StaticThreadSched} does). When the router starts it asks each
 * one, in configuration order, about every task element; a later answer overrides an earlier one.
 * Tasks nobody places run on worker 0 if a scheduler placed any task (Click's rule); if none did,
 * the router spreads them over the workers its own way.
 */
public interface ThreadSched {
    /**
     * The worker, from 0 to {@code nthreads - 1}, that should run task element {@code task}, or
     * -1 if this scheduler says nothing about it.
     */
    int threadFor(Element task, int nthreads);

    /**
     * Called once every task is placed, before the workers start: a scheduler that moves tasks
     * while the router runs ({@link ScheduledTask#requestMove}) keeps them from here.
     */
    default void placed(java.util.List<ScheduledTask> tasks, int nthreads) {
    }
}
