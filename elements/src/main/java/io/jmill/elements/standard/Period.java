package io.jmill.elements.standard;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.time.SimulatedTime;

import java.util.function.LongSupplier;

/**
 * A period on the worker clock, for elements that act once every INTERVAL (Click's timers):
 * {@link #due()} is true once per period. Run-time state of the element that owns it: the
 * interval is changed by a handler, the rest is touched by the thread that runs the element.
 */
public final class Period {
    volatile long intervalNanos;
    /** When the next period starts; Long.MIN_VALUE: at the first call. */
    private long next = Long.MIN_VALUE;
    /** Monotonic nanoseconds; tests substitute their own. */
    LongSupplier clock = WorkerClock::nanos;

    public Period(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /**
     * True if a period has started since the last true: the first call is due at once when
     * {@code immediate}, else one interval after it. The next period starts one interval after now,
     * as Click reschedules a timer from the time it fired.
     */
    public boolean due(boolean immediate) {
        long now = clock.getAsLong();
        if (next == Long.MIN_VALUE) {
            next = immediate ? now : now + intervalNanos;
        }
        if (now - next < 0) {
            SimulatedTime.wakeAt(next);
            return false;
        }
        next = now + intervalNanos;
        return true;
    }

    public long intervalNanos() {
        return intervalNanos;
    }

    public void setIntervalNanos(long nanos) {
        intervalNanos = nanos;
    }

    /** Starts over: the next call is treated as the first. */
    public void restart() {
        next = Long.MIN_VALUE;
    }

    /** For tests: reads time from {@code clock} instead of the worker clock. */
    public void useClock(LongSupplier clock) {
        this.clock = clock;
    }
}
