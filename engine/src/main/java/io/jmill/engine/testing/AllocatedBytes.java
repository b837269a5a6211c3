package io.jmill.engine.testing;

import java.lang.management.ManagementFactory;

/**
 * Heap bytes allocated by the current thread, from the JVM's per-thread allocation counter, for
 * tests that assert that a data path allocates nothing. A JVM may not support the counter, or
 * have it switched off ({@code -XX:-ThreadAllocatedMemory}...), and then reports -1 or stands
 * still: a test that subtracted two such readings would measure 0 bytes and pass whatever the code
 * does. So every reading here first proves that the counter sees an allocation it knows of, and
 * fails the test when it does not.
 *
 * <pre>{@code
 * long bytes = AllocatedBytes.during(() -> pushAMillionPackets());
 * assertTrue(bytes < 4096, bytes + " bytes allocated");
 * }</pre>
 */
public final class AllocatedBytes {
    /** The known allocation the counter must see: 1 MiB. */
    static final int PROBE_BYTES = 1 << 20;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Keeps the probe array reachable, so that escape analysis cannot remove its allocation. */
    @SuppressWarnings("unused")
    private static volatile byte[] escape;

    private AllocatedBytes() {
    }

    /**
     * Fails (an {@link AssertionError}) unless the per-thread allocation counter works on this JVM:
     * supported, enabled, and counting a 1 MiB array allocated here.
     */
    public static void assertCounting() {
        if (!THREADS.isThreadAllocatedMemorySupported()) {
            throw new AssertionError("this JVM does not support per-thread allocation counting: "
                    + "allocation tests cannot measure anything");
        }
        if (!THREADS.isThreadAllocatedMemoryEnabled()) {
            throw new AssertionError("per-thread allocation counting is switched off on this JVM: "
                    + "allocation tests cannot measure anything");
        }
        long before = THREADS.getCurrentThreadAllocatedBytes();
        escape = new byte[PROBE_BYTES];
        long seen = THREADS.getCurrentThreadAllocatedBytes() - before;
        escape = null;
        if (before < 0 || seen < PROBE_BYTES) {
            throw new AssertionError("the per-thread allocation counter saw " + seen + " bytes of a " + PROBE_BYTES
                    + "-byte allocation (reading " + before + "): allocation tests cannot measure anything");
        }
    }

    /** The counter's reading for the current thread, after {@link #assertCounting()}. */
    public static long ofCurrentThread() {
        assertCounting();
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    /** Bytes the current thread allocated while running {@code r}, after {@link #assertCounting()}. */
    public static long during(Runnable r) {
        long before = ofCurrentThread();
        r.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
