package io.jmill.engine.runtime;

import io.jmill.layout.PacketThread;

/**
 * The thread of a {@link Worker}: a {@link PacketThread} (its own packet cache) that also holds
 * the worker's reading of the clock, which {@link WorkerClock} hands to the elements. The router
 * creates one per worker.
 */
public final class WorkerThread extends PacketThread {
    /** {@link System#nanoTime()} as of the start of the task run in progress; written by this thread only. */
    long now = System.nanoTime();

    public WorkerThread(Worker worker, String name) {
        super(worker, name);
    }
}
