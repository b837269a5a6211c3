package io.jmill.driver;

import io.jmill.layout.Packet;

import java.util.ArrayList;
import java.util.List;

/**
 * The application buffers of one thread that XCHANGE drivers swap into their receive rings: the
 * JMill counterpart of PacketMill's per-core packet pool. A receive ring that hands a filled buffer
 * up {@link #take() takes} one from here to post in its place; a transmit queue that is done with
 * a buffer {@link #give gives} it back. In a forwarding loop on one thread the same buffers
 * circulate between ring and list, and the packet pool is not touched per packet.
 *
 * <p>Buffers in the list are still "in use" as far as the pool is concerned. A packet killed
 * anywhere else (Discard, a full queue) goes to the pool, and the ring then refills from the pool
 * when the list is dry; drivers count those refills ({@link QueueStats#poolAllocs()}). The list is
 * bounded: a transmitting thread that never receives (a pipeline split across threads) spills
 * the surplus to the pool.
 *
 * <p>One list per thread ({@link #current()}); only its thread uses it. {@link #releaseIdle()}
 * returns to the pool the buffers of lists whose thread has ended and of the calling thread, which
 * is what a device's {@code close()} calls once its workers are joined.
 */
public final class ExchangeList {
    /** Most buffers one list keeps; more are freed to the pool. */
    public static final int CAPACITY = 4096;

    private static final List<ExchangeList> ALL = new ArrayList<>();
    private static final ThreadLocal<ExchangeList> CURRENT = ThreadLocal.withInitial(ExchangeList::register);

    private final Thread owner;
    private final Packet[] stack = new Packet[CAPACITY];
    private int count;

    private ExchangeList(Thread owner) {
        this.owner = owner;
    }

    private static ExchangeList register() {
        ExchangeList l = new ExchangeList(Thread.currentThread());
        synchronized (ALL) {
            ALL.add(l);
        }
        return l;
    }

    /** The calling thread's list. */
    public static ExchangeList current() {
        return CURRENT.get();
    }

    /** A buffer to post into a ring, or null if the list is empty. Its metadata is stale. */
    public Packet take() {
        int n = count;
        if (n == 0) {
            return null;
        }
        Packet p = stack[--n];
        stack[n] = null;
        count = n;
        return p;
    }

    /**
     * Keeps {@code p} for a later {@link #take()}.
     *
     * @return false if the list is full: the caller frees {@code p} to the pool
     */
    public boolean give(Packet p) {
        int n = count;
        if (n == CAPACITY) {
            return false;
        }
        stack[n] = p;
        count = n + 1;
        return true;
    }

    /** Buffers held. */
    public int size() {
        return count;
    }

    /** Frees every held buffer to the pool; returns how many. Owner thread only (or once it ended). */
    private int drain() {
        int n = count;
        for (int i = 0; i < n; i++) {
            stack[i].kill();
            stack[i] = null;
        }
        count = 0;
        return n;
    }

    /**
     * Frees to the pool the buffers of the calling thread's list and of every list whose thread
     * has terminated (joining or seeing a thread dead orders its writes before ours); lists of
     * live threads are left alone. Returns the number of buffers freed.
     */
    public static int releaseIdle() {
        Thread me = Thread.currentThread();
        int freed = 0;
        synchronized (ALL) {
            for (var it = ALL.iterator(); it.hasNext(); ) {
                ExchangeList l = it.next();
                if (l.owner == me) {
                    freed += l.drain();
                } else if (!l.owner.isAlive()) {
                    freed += l.drain();
                    it.remove();
                }
            }
        }
        return freed;
    }
}
