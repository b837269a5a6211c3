package io.jmill.engine.runtime;

/**
 * Which worker thread is running the caller: Click's {@code click_current_cpu_id()}, for elements
 * whose processing depends on the thread (CPUSwitch chooses an output by it, Pipeliner a ring).
 * Reading it costs a thread-local class check and a field load, and allocates nothing.
 *
 * <p>Workers are numbered from 0 to {@code --threads N} - 1, as StaticThreadSched numbers them.
 * Off worker threads (handlers, set-up code, a test pushing packets by hand) the answer is 0, the
 * thread Click's main loop runs on.
 */
public final class CurrentWorker {
    private CurrentWorker() {
    }

    /** The index of the worker running the calling thread; 0 off worker threads. */
    public static int index() {
        return Thread.currentThread() instanceof WorkerThread w ? w.index : 0;
    }

    /** True if the calling thread is a worker thread of a running router. */
    public static boolean onWorker() {
        return Thread.currentThread() instanceof WorkerThread;
    }
}
