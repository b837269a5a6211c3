package io.jmill.elements.standard;

/**
 * A rate measured as an exponentially weighted moving average (Click's RateEWMA): events are
 * counted per epoch of one millisecond, and each epoch that ends moves the average 1/16 of the way
 * to that epoch's rate (an empty epoch, towards 0). Time comes from the caller (the worker clock).
 * Run-time state of one element, touched by the thread that moves its packets.
 */
final class RateEwma {
    static final long EPOCH_NANOS = 1_000_000L;
    private static final double WEIGHT = 1.0 / 16;

    private long epoch = Long.MIN_VALUE;
    private long count;
    /** Events per second. */
    private double average;

    /** Counts {@code n} events at monotonic time {@code nanos}. */
    void update(long nanos, long n) {
        roll(nanos);
        count += n;
    }

    /** Events per second, as of {@code nanos}. */
    double rate(long nanos) {
        roll(nanos);
        return average;
    }

    /** The average without moving to {@code nanos} (for handlers on other threads). */
    double lastRate() {
        return average;
    }

    private void roll(long nanos) {
        long e = Math.floorDiv(nanos, EPOCH_NANOS);
        if (epoch == Long.MIN_VALUE) {
            epoch = e;
            return;
        }
        long elapsed = e - epoch;
        if (elapsed <= 0) {
            return;
        }
        average += (count * (1e9 / EPOCH_NANOS) - average) * WEIGHT;
        if (elapsed > 1) {
            average *= Math.pow(1 - WEIGHT, Math.min(elapsed - 1, 100_000));
        }
        count = 0;
        epoch = e;
    }
}
