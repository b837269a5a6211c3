package io.jmill.driver.sim;

/**
 * The part of the wire model that feeds one receive queue: it knows which frame comes next and
 * "DMAs" it: copies its bytes into a posted buffer and writes the completion entry. One per queue,
 * used only by the thread that polls that queue.
 */
abstract class QueueFeed {
    /** Frames this queue will still receive; {@link Long#MAX_VALUE} if endless. */
    abstract long remaining();

    /**
     * Places the next {@code k} frames in the buffers posted at ring positions
     * {@code ring.wireIndex() .. + k - 1} and writes their completions, stamped {@code timestamp}
     * (generated traffic) or with their capture time (replay).
     */
    abstract void emit(RxRing ring, int k, long timestamp);

    /** Passes over {@code n} frames that arrived while no buffer was posted (missed). */
    abstract void skip(long n);
}
