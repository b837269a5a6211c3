package io.jmill.elements.standard;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The router's shared pseudo-random sequence, Click's {@code click_random()}: the additive
 * feedback generator of the C library's {@code random()} (31 words of state, the same outputs for
 * the same seed), so that a configuration seeded with {@link RandomSeed} draws the numbers it
 * draws under Click at user level. Seeded from {@link ThreadLocalRandom} when the class loads.
 *
 * <p>Used where Click's elements use {@code click_random()} on a slow path, such as the rewriters'
 * choice of a random port for a new flow; elements that draw a number per packet keep their own
 * generators (one shared sequence would be a point of contention between worker threads). Calls
 * are serialized.
 */
public final class RouterRandom {
    private static final int DEGREE = 31;
    private static final int SEPARATION = 3;
    /** Largest value {@link #next()} returns. */
    public static final int MAX = 0x7FFF_FFFF;

    private static final int[] STATE = new int[DEGREE];
    private static int front;
    private static int rear;

    static {
        seed(ThreadLocalRandom.current().nextInt());
    }

    private RouterRandom() {
    }

    /** Restarts the sequence from {@code seed} (an unsigned 32-bit value; 0 counts as 1). */
    public static synchronized void seed(int seed) {
        int word = seed == 0 ? 1 : seed;
        STATE[0] = word;
        for (int i = 1; i < DEGREE; i++) {
            // word = 16807 * word mod (2^31 - 1), by Schrage's method to stay within 32 bits
            int hi = word / 127773;
            int lo = word % 127773;
            word = 16807 * lo - 2836 * hi;
            if (word < 0) {
                word += 2147483647;
            }
            STATE[i] = word;
        }
        front = SEPARATION;
        rear = 0;
        for (int i = 0; i < 10 * DEGREE; i++) {
            next();
        }
    }

    /** The next number of the sequence, 0 to {@link #MAX}. */
    public static synchronized int next() {
        STATE[front] += STATE[rear];
        int result = STATE[front] >>> 1;
        front = front + 1 == DEGREE ? 0 : front + 1;
        rear = rear + 1 == DEGREE ? 0 : rear + 1;
        return result;
    }

    /** Uniform in [0, high] ({@code high} unsigned), drawn as Click's {@code click_random(0, high)}. */
    public static synchronized int upTo(int high) {
        if (high < 0) {
            int r;
            do {
                r = (next() << 17) ^ (next() >>> 14);
            } while (Integer.compareUnsigned(r, high) > 0);
            return r;
        }
        if (high == 0) {
            return 0;
        }
        if (high == 1) {
            return (next() >>> 14) & 1;
        }
        long count = (MAX + 1L) / (high + 1L);
        long max = count * (high + 1L);
        long r;
        do {
            r = next();
        } while (r >= max);
        return (int) (r / count);
    }
}
