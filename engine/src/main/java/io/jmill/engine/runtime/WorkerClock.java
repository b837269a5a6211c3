package io.jmill.engine.runtime;

import io.jmill.engine.time.SimulatedTime;

/**
 * The data path's clock, Click's jiffies idea: a worker reads {@link System#nanoTime()} once per
 * task run (one batch), and every element that needs the time while processing that batch reads
 * the worker's reading instead of the system clock. Reading it costs a field load, where
 * {@code System.nanoTime()} costs a {@code clock_gettime} call (20-40 ns in a VM) — per packet, that
 * was a third of a simple forwarder's time.
 *
 * <h2>Precision</h2>
 * On a worker thread the value is the time at which the current task run started: it lags the
 * true time by at most the duration of one task run (a batch through the graph: microseconds at
 * tens of ns per packet and element; a whole run of a source that loads a trace in chunks, at
 * most a few milliseconds). All packets of one batch see the same time, and the value never goes
 * backwards on one thread. Elements that need finer time for one packet (latency probes) read
 * {@link System#nanoTime()} themselves.
 *
 * <p>Off worker threads (handlers, tests that push packets by hand, set-up code) both methods read
 * the system clock, so the time is exact there.
 *
 * <p>When {@link SimulatedTime} is on ({@code --simtime}), every thread reads the simulated clock
 * instead, and both scales are the same: nanoseconds since 1970.
 */
public final class WorkerClock {
    /** Added to {@link System#nanoTime()} readings to give nanoseconds since 1970 (taken once per JVM). */
    private static final long WALL_OFFSET = wallOffset();

    private WorkerClock() {
    }

    /** Monotonic nanoseconds, on {@link System#nanoTime()}'s scale: the worker's reading on a worker thread. */
    public static long nanos() {
        if (SimulatedTime.on()) {
            return SimulatedTime.read();
        }
        return Thread.currentThread() instanceof WorkerThread w ? w.now : System.nanoTime();
    }

    /** Wall-clock nanoseconds since 1970 (Unix time), with the precision of {@link #nanos()}. */
    public static long wallNanos() {
        return toWallNanos(nanos());
    }

    /** Converts a {@link #nanos()} reading to wall-clock nanoseconds since 1970. */
    public static long toWallNanos(long nanos) {
        return SimulatedTime.on() ? nanos : nanos + WALL_OFFSET;
    }

    private static long wallOffset() {
        java.time.Instant now = java.time.Instant.now(); // microseconds here, where currentTimeMillis truncates
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() - System.nanoTime();
    }

    /** Called by the worker before each task run. */
    static void tick(WorkerThread t) {
        t.now = System.nanoTime();
    }
}
