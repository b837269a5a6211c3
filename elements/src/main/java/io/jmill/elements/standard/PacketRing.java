package io.jmill.elements.standard;

import io.jmill.layout.Packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer, single-consumer FIFO of packets: one thread {@link #offer offers},
 * one (possibly other) thread {@link #poll polls}, without locks and without allocation.
 *
 * <pre>{@code
 * PacketRing ring = new PacketRing(1000);      // room for 1024 (a power of two)
 * if (!ring.offer(p, limit)) p.kill();         // producer thread
 * Packet q = ring.poll();                      // consumer thread; null when empty
 * }</pre>
 *
 * <p>The producer publishes a slot with a release store of the tail, the consumer takes it after
 * an acquire load, so everything the producer wrote to the packet (its data and metadata in
 * packet memory included) is visible to the consumer. Each side caches the other's index and
 * re-reads it only when the cached value says the ring is full (producer) or empty (consumer).
 *
 * <p>{@link #size()} may be called from any thread; its answer is a snapshot.
 */
public final class PacketRing {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(PacketRing.class, "head", long.class);
            TAIL = l.findVarHandle(PacketRing.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Packet[] slots;
    private final int mask;

    // Consumer side: next slot to take, and its view of the tail.
    private long head;
    private long tailCache;

    // Producer side: next slot to fill, and its view of the head.
    private long tail;
    private long headCache;
    private long highWater;

    /** A ring with room for at least {@code minCapacity} packets (rounded up to a power of two). */
    public PacketRing(int minCapacity) {
        if (minCapacity < 1 || minCapacity > 1 << 30) {
            throw new IllegalArgumentException("ring capacity must be between 1 and 2^30, not " + minCapacity);
        }
        int size = Integer.highestOneBit(minCapacity);
        if (size < minCapacity) {
            size <<= 1;
        }
        slots = new Packet[size];
        mask = size - 1;
    }

    /** Most packets the ring can hold. */
    public int capacity() {
        return slots.length;
    }

    /**
     * Producer: appends {@code p} unless the ring already holds {@code limit} packets (or is full).
     *
     * @return false, leaving {@code p} to the caller, if there was no room
     */
    public boolean offer(Packet p, int limit) {
        long t = tail;
        long used = t - headCache;
        if (used >= limit || used >= slots.length) {
            headCache = (long) HEAD.getAcquire(this);
            used = t - headCache;
            if (used >= limit || used >= slots.length) {
                return false;
            }
        }
        slots[(int) t & mask] = p;
        TAIL.setRelease(this, t + 1);
        if (used + 1 > highWater) {
            // The cached head may be stale, overstating the length: check before recording.
            headCache = (long) HEAD.getAcquire(this);
            long length = t + 1 - headCache;
            if (length > highWater) {
                highWater = length;
            }
        }
        return true;
    }

    /** Consumer: removes and returns the oldest packet, or null if the ring is empty. */
    public Packet poll() {
        long h = head;
        if (h >= tailCache) {
            tailCache = (long) TAIL.getAcquire(this);
            if (h >= tailCache) {
                return null;
            }
        }
        int i = (int) h & mask;
        Packet p = slots[i];
        slots[i] = null;
        HEAD.setRelease(this, h + 1);
        return p;
    }

    /** Packets in the ring now (any thread; a snapshot). */
    public int size() {
        long h = (long) HEAD.getAcquire(this);
        long t = (long) TAIL.getAcquire(this);
        return (int) Math.max(0, Math.min(t - h, slots.length));
    }

    /**
     * Most packets the ring has held at once since construction or {@link #resetHighWater} (any
     * thread may read it; the producer writes it).
     */
    public long highWater() {
        return highWater;
    }

    /** Producer-side statistic reset; a racing offer may record one more high-water value. */
    public void resetHighWater() {
        highWater = 0;
    }
}
