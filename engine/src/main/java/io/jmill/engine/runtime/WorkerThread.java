package io.jmill.engine.runtime;

import io.jmill.layout.PacketThread;

/**
 * The thread of a {@link Worker}: a {@link PacketThread} (its own packet cache) that also holds
 * the worker's reading of the clock, which {@link WorkerClock} hands to the elements, and the
 * worker's index ({@link CurrentWorker}). The router
 * creates one per worker.
 */
public final class WorkerThread extends PacketThread {
    /** {@link System#nanoTime()} as of the start of the task run in progress; written by this thread only. */
    long now = System.nanoTime();
    /** The worker's index, what {@link CurrentWorker#index()} returns on this thread. */
    final int index;

    public WorkerThread(Worker worker, String name) {
        super(worker, name);
        this.index = worker.index();
    }
}
