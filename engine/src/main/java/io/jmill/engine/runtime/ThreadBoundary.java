package io.jmill.engine.runtime;

import java.util.BitSet;

/**
 * An element whose push outputs are reached by other worker threads than the ones that push into
 * it: it chooses an output by the pushing thread (CPUSwitch), or hands packets over to a thread of
 * its own (Pipeliner). The router's walk that answers the {@code passing_threads} handler (Click's
 * {@code get_passing_threads}: which workers can run an element's code) stops at such an element
 * and asks it which threads leave by the output it reached.
 *
 * <p>The router calls {@link #threadsPlaced} once when it starts, after every task is placed and
 * before any worker runs, with the threads that push into the element; an element that routes by
 * that set (ExactCPUSwitch) or sizes per-thread state by it (Pipeliner) keeps what it needs then.
 */
public interface ThreadBoundary {
    /**
     * The router has placed its tasks on {@code nthreads} workers: {@code pushing} are the workers
     * that can push into this element, {@code home} the worker of its own task (0 if it has none).
     */
    void threadsPlaced(BitSet pushing, int home, int nthreads);

    /** The workers that push packets out of output {@code port}, given those that push in. */
    BitSet threadsLeaving(int port, BitSet pushing, int home, int nthreads);
}
