package io.jmill.engine.time;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Click's simulated clock ({@code click --simtime}): time that advances only as the router does,
 * so that timers, rates and time-outs give the same results on every run and a configuration that
 * waits ten seconds finishes at once.
 *
 * <p>While it is on, the worker clock ({@code WorkerClock}) reads this clock instead of the system
 * clock, and:
 * <ul>
 *   <li>every reading advances it by one tick (default 1 ns, {@code --simtick N}), as every call
 *       of Click's {@code Timestamp::now()} does, so that two readings never tell the same time;</li>
 *   <li>an element that waits for a time (a rate's next token, a period's next tick, a Script's
 *       {@code wait}) says so with {@link #wakeAt(long)} each time it finds that it has to wait;</li>
 *   <li>when a worker's pass over its tasks moved nothing, the clock jumps to the earliest of the
 *       times asked for during that pass ({@link #endPass(int)}): Click jumps to the next timer's
 *       expiry where a real-time router would block;</li>
 *   <li>packets that a full queue dropped ({@link #wasted(int)}) do not count as moved: in Click a
 *       full queue puts the tasks that feed it to sleep (its "nonfull" notifier), so a source that
 *       only overfills a queue leaves the router idle, and the clock moves on.</li>
 * </ul>
 * Monotonic and wall-clock readings are then one scale: nanoseconds since 1970, starting at
 * {@code --simtime}'s value (default 1,000,000,000 s, as in Click).
 *
 * <p>The clock is one per JVM, like Click's; it is meant for one router at a time, set up before
 * the router is built. With one worker thread (Click's default) runs are deterministic; with
 * several, a worker that is idle may move the clock on while another one is busy.
 */
public final class SimulatedTime {
    /** Click's simulated start: 1,000,000,000 seconds since 1970. */
    public static final long DEFAULT_START_NANOS = 1_000_000_000L * 1_000_000_000L;

    /**
     * On or off. Plain, not volatile: it is set before the router's threads start (their start
     * publishes it) and never changes while a router runs.
     */
    private static boolean on;
    private static long tickNanos = 1;
    private static final AtomicLong NOW = new AtomicLong();
    /** Earliest wake-up asked for since the last pass ended; Long.MAX_VALUE: none. */
    private static final AtomicLong NEXT_WAKE = new AtomicLong(Long.MAX_VALUE);
    /** Packets dropped by full queues since the last pass ended. */
    private static final AtomicLong WASTED = new AtomicLong();

    private SimulatedTime() {
    }

    /** Turns simulated time on, starting at {@code startNanos} (since 1970), advancing {@code tickNanos} per reading. */
    public static void start(long startNanos, long tickNanos) {
        if (tickNanos < 1) {
            throw new IllegalArgumentException("the simulated clock's tick must be at least 1 ns, not " + tickNanos);
        }
        SimulatedTime.tickNanos = tickNanos;
        NOW.set(startNanos);
        NEXT_WAKE.set(Long.MAX_VALUE);
        WASTED.set(0);
        on = true;
    }

    /** Turns simulated time off: the worker clock reads the system clock again. */
    public static void stop() {
        on = false;
    }

    public static boolean on() {
        return on;
    }

    /** The simulated time (nanoseconds since 1970); the clock then advances by one tick. */
    public static long read() {
        return NOW.getAndAdd(tickNanos);
    }

    /** The simulated time without advancing the clock. */
    public static long peek() {
        return NOW.get();
    }

    /**
     * Asks to be run again at {@code nanos} (a reading of the worker clock, on either of its scales:
     * they are one while simulated time is on). Does nothing in real time, so elements call it
     * unconditionally whenever they find that they must wait.
     */
    public static void wakeAt(long nanos) {
        if (on) {
            NEXT_WAKE.accumulateAndGet(nanos, Math::min);
        }
    }

    /** Counts {@code packets} dropped by a full queue (see the class comment); nothing in real time. */
    public static void wasted(int packets) {
        if (on) {
            WASTED.addAndGet(packets);
        }
    }

    /**
     * Ends a worker's pass over its tasks that moved {@code moved} packets; returns what the worker
     * should tell its idle strategy. After an idle pass the clock jumps to the earliest wake-up
     * asked for, and the pass then counts as work (the worker goes on at once, without backing
     * off). In real time it returns {@code moved}.
     */
    public static int endPass(int moved) {
        if (!on) {
            return moved;
        }
        long wake = NEXT_WAKE.getAndSet(Long.MAX_VALUE);
        long useful = moved - WASTED.getAndSet(0);
        if (useful > 0 || wake == Long.MAX_VALUE) {
            return moved;
        }
        NOW.accumulateAndGet(wake, Math::max);
        return 1;
    }
}
