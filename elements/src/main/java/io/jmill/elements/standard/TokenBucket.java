package io.jmill.elements.standard;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.time.SimulatedTime;

import java.util.function.LongSupplier;

/**
 * A token bucket on the worker clock (Click's TokenBucket): tokens accrue at {@code rate} per
 * second up to {@code capacity}, and the element that owns the bucket spends them. Run-time state,
 * touched by one thread at a time (the one that moves the packets); the rate and capacity are
 * replaced whole by a handler and read once per refill.
 */
final class TokenBucket {
    /** Rate in tokens per second and the bucket's size, replaced together. */
    record Setting(double rate, double capacity) {
        /** Click's default size: {@code burstNanos} worth of tokens, at least one. */
        static Setting of(double rate, long burstNanos) {
            return new Setting(rate, Math.max(1, rate * burstNanos / 1e9));
        }
    }

    volatile Setting setting;
    /** Tokens the bucket holds when it starts and after a reset. */
    private final double startTokens;
    /** Set by handlers; the owning thread then empties the bucket. */
    volatile boolean clearRequested = true;
    double tokens;
    long lastRefill;
    /** Monotonic nanoseconds; tests substitute their own. */
    LongSupplier clock = WorkerClock::nanos;

    /** A bucket that starts empty (Click's RatedUnqueue). */
    TokenBucket(Setting setting) {
        this(setting, 0);
    }

    TokenBucket(Setting setting, double startTokens) {
        this.setting = setting;
        this.startTokens = startTokens;
    }

    /** Adds the tokens accrued up to now; returns the time read. */
    long refill() {
        long now = clock.getAsLong();
        Setting s = setting;
        if (clearRequested) {
            clearRequested = false;
            tokens = Math.min(startTokens, s.capacity());
            lastRefill = now;
        }
        long elapsed = now - lastRefill;
        if (elapsed > 0) {
            tokens = Math.min(s.capacity(), tokens + elapsed * s.rate() / 1e9);
            lastRefill = now;
        }
        return now;
    }

    boolean contains(double n) {
        return tokens >= n;
    }

    /** Whole tokens available, at most {@code max}. */
    int available(int max) {
        return tokens >= max ? max : (int) tokens;
    }

    /**
     * Asks the simulated clock to move on to when the bucket will hold {@code n} tokens, if it holds
     * fewer now (see {@link SimulatedTime#wakeAt}); nothing in real time.
     */
    void wakeWhenHolding(double n) {
        double rate = setting.rate();
        if (SimulatedTime.on() && tokens < n && rate > 0) {
            SimulatedTime.wakeAt(lastRefill + (long) Math.ceil((n - tokens) * 1e9 / rate));
        }
    }

    void remove(double n) {
        tokens -= n;
    }

    /** Removes {@code n} tokens if the bucket holds them. */
    boolean removeIf(double n) {
        if (tokens >= n) {
            tokens -= n;
            return true;
        }
        return false;
    }
}
