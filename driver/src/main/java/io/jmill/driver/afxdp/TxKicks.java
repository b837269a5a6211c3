package io.jmill.driver.afxdp;

/**
 * Batches the system calls that make the kernel send AF_XDP frames. Copy-mode sockets send only
 * when asked ({@code sendto}); asking once per packet costs a system call per packet. A thread that
 * receives a burst and pushes it through the graph {@link #begin() begins} a batch first: transmits
 * during the burst then only note their queue, and {@link #end()} asks each noted queue once.
 * Outside a batch every transmit asks at once, so no frame waits for a burst that never comes.
 *
 * <p>One instance per thread ({@link #current()}); only that thread uses it.
 */
public final class TxKicks {
    private static final ThreadLocal<TxKicks> CURRENT = ThreadLocal.withInitial(TxKicks::new);

    final Thread owner = Thread.currentThread();
    private boolean deferring;
    private XskQueue[] dirty = new XskQueue[8];
    private int count;

    private TxKicks() {
    }

    /** The calling thread's instance. */
    public static TxKicks current() {
        return CURRENT.get();
    }

    /** Defers the kicks of transmits on this thread until {@link #end()}. */
    public void begin() {
        deferring = true;
    }

    /** Kicks every queue transmitted on since {@link #begin()} and stops deferring. */
    public void end() {
        deferring = false;
        for (int i = 0; i < count; i++) {
            XskQueue q = dirty[i];
            dirty[i] = null;
            q.kickDeferred();
        }
        count = 0;
    }

    /** True if {@code q} may wait for {@link #end()} (noting it once). */
    boolean defer(XskQueue q) {
        if (!deferring) {
            return false;
        }
        if (!q.kickPending) {
            q.kickPending = true;
            if (count == dirty.length) {
                dirty = java.util.Arrays.copyOf(dirty, count * 2); // more queues than ever before on this thread
            }
            dirty[count++] = q;
        }
        return true;
    }
}
