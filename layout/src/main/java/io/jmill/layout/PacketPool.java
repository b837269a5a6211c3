package io.jmill.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * The pool of packet slots carved out of {@link PacketMemory#MEMORY}. Each slot is
 * {@code [metadata (METADATA_SIZE) | headroom (HEADROOM) | data (DATA_SIZE)]} and has one
 * permanent {@link Packet} handle.
 *
 * <p>Threads that process packets should be {@link PacketThread}s: each has a private
 * {@link Cache} that refills from and spills to the shared free list in blocks, so allocation and
 * free are plain array operations. Other threads (tests, set-up code) use the shared list directly.
 *
 * <p>Exhaustion is a normal event: {@link #alloc()} returns {@code null} and counts an
 * allocation failure; callers drop, count and back off. Use {@link #inUse()} around a test to
 * check that nothing leaked (packets held in thread caches count as free).
 */
public final class PacketPool {
    /** Bytes of metadata at the start of each slot. */
    public static final int METADATA_SIZE = 192;
    /** Default headroom in front of the data of a fresh packet. */
    public static final int HEADROOM = 128;
    /** Largest packet, in bytes, that fits after the default headroom. */
    public static final int DATA_SIZE = 2048;
    /** Headroom plus data: the buffer part of a slot. */
    public static final int BUFFER_SIZE = HEADROOM + DATA_SIZE;
    /** Bytes per slot, a multiple of the 64-byte cache line. */
    public static final int SLOT_SIZE = METADATA_SIZE + BUFFER_SIZE;

    static final int CACHE_SIZE = 512;
    static final int CACHE_BLOCK = CACHE_SIZE / 2;

    /**
     * Offset of the first slot in the packet memory. The 64 bytes in front of it are never handed
     * out: an accessor of a field that the active layout lacks reads and writes just before its
     * slot (offset {@link MetadataLayout#ABSENT}), which for the first slot must still be memory.
     */
    public static final int FIRST_SLOT = 64;

    /**
     * Bytes kept free after the last slot, so that an unchecked data access of the last slot, which
     * stays within {@link Packet#DATA_WINDOW} bytes (plus at most 8) of its buffer's start, is still
     * inside the packet memory.
     */
    static final int TAIL_GUARD = Packet.DATA_WINDOW + 8 - BUFFER_SIZE;

    private static final int CAPACITY = (int) Math.min((PacketMemory.SIZE - FIRST_SLOT - TAIL_GUARD) / SLOT_SIZE,
            Integer.MAX_VALUE - 8);
    private static final Packet[] PACKETS = new Packet[CAPACITY];
    private static final Object LOCK = new Object();
    private static final Packet[] SHARED = new Packet[CAPACITY];
    private static int sharedCount;
    private static int highWater;
    private static long allocFailures;
    private static final List<Cache> CACHES = new ArrayList<>();
    private static final ThreadLocal<Cache> ATTACHED = new ThreadLocal<>();

    static {
        for (int i = 0; i < CAPACITY; i++) {
            Packet p = new Packet(i, FIRST_SLOT + (long) i * SLOT_SIZE);
            PACKETS[i] = p;
        }
        // Hand out low slots first: a small working set stays in a small part of the memory.
        for (int i = 0; i < CAPACITY; i++) {
            SHARED[i] = PACKETS[CAPACITY - 1 - i];
        }
        sharedCount = CAPACITY;
    }

    private PacketPool() {
    }

    /** Number of slots. */
    public static int capacity() {
        return CAPACITY;
    }

    /** The handle of slot {@code index}. */
    public static Packet packet(int index) {
        return PACKETS[index];
    }

    /**
     * A fresh packet: metadata cleared, length 0, {@link #HEADROOM} bytes of headroom; or
     * {@code null} if the pool is exhausted.
     */
    public static Packet alloc() {
        Cache c = cacheOfCurrentThread();
        Packet p = c != null ? c.take() : takeShared();
        if (p == null) {
            return null;
        }
        p.free = false;
        p.reset();
        return p;
    }

    /**
     * A packet whose metadata is left as its slot had it, for a caller that overwrites it at once
     * ({@link Packet#clone()}); {@code null} if the pool is exhausted.
     */
    static Packet allocUncleared() {
        Cache c = cacheOfCurrentThread();
        Packet p = c != null ? c.take() : takeShared();
        if (p == null) {
            return null;
        }
        p.free = false;
        return p;
    }

    /** Allocates a packet holding a copy of {@code bytes}, or {@code null} if the pool is exhausted. */
    public static Packet alloc(byte[] bytes) {
        Packet p = alloc();
        if (p != null) {
            p.setData(bytes);
        }
        return p;
    }

    // alloc/release and the cache's take/give stay under C2's inlining size for call sites it does
    // not consider hot (35 bytes of bytecode): slow paths are methods of their own.
    static void release(Packet p) {
        if (p.free) {
            throw freedTwice(p);
        }
        p.free = true;
        Cache c = cacheOfCurrentThread();
        if (c != null) {
            c.give(p);
        } else {
            releaseShared(p);
        }
    }

    private static IllegalStateException freedTwice(Packet p) {
        return new IllegalStateException("packet " + p.index() + " freed twice");
    }

    private static void releaseShared(Packet p) {
        synchronized (LOCK) {
            SHARED[sharedCount++] = p;
        }
    }

    private static Cache cacheOfCurrentThread() {
        return Thread.currentThread() instanceof PacketThread t ? t.cache : ATTACHED.get();
    }

    /**
     * Gives the calling thread (one that is not a {@link PacketThread}, e.g. a benchmark thread)
     * its own cache until the returned handle is closed, which returns the cached packets to the
     * shared list. Close it on the same thread.
     */
    public static AutoCloseable attachCurrentThread() {
        if (cacheOfCurrentThread() != null) {
            return () -> { };
        }
        Cache c = newCache();
        ATTACHED.set(c);
        return () -> {
            ATTACHED.remove();
            c.flush();
        };
    }

    private static Packet takeShared() {
        synchronized (LOCK) {
            if (sharedCount == 0) {
                allocFailures++;
                return null;
            }
            Packet p = SHARED[--sharedCount];
            noteUse();
            return p;
        }
    }

    private static void noteUse() {
        int used = CAPACITY - sharedCount;
        if (used > highWater) {
            highWater = used;
        }
    }

    /** Slots handed out and not yet freed (packets parked in thread caches count as free). */
    public static int inUse() {
        synchronized (LOCK) {
            int cached = 0;
            for (Cache c : CACHES) {
                cached += (int) COUNT.getOpaque(c);
            }
            return CAPACITY - sharedCount - cached;
        }
    }

    /**
     * Calls {@code action} with every packet that is handed out and not yet freed (queued, held by
     * an element or a driver, or being processed). Only meaningful while nothing allocates or
     * frees concurrently, e.g. while the router is quiesced for a layout swap: the free flag of a
     * packet another thread is freeing at the same moment may be seen either way.
     *
     * @return the number of packets visited
     */
    public static int forEachInUse(java.util.function.Consumer<Packet> action) {
        int n = 0;
        for (Packet p : PACKETS) {
            if (!p.free) {
                action.accept(p);
                n++;
            }
        }
        return n;
    }

    /** Slots free in the shared list or in thread caches. */
    public static int available() {
        return CAPACITY - inUse();
    }

    /**
     * Highest number of slots ever out of the shared list at once. Slots parked in thread caches
     * count as used here, so this is exact to within one cache block per thread.
     */
    public static int highWaterMark() {
        synchronized (LOCK) {
            return highWater;
        }
    }

    /** Allocations that failed because the pool was empty. */
    public static long allocFailures() {
        synchronized (LOCK) {
            long n = allocFailures;
            for (Cache c : CACHES) {
                n += c.failures;
            }
            return n;
        }
    }

    /** One line: capacity, in use, high-water mark, failures. */
    public static String describe() {
        return String.format("pool: %d slots of %d bytes, %d in use, high-water %d, %d allocation failures",
                CAPACITY, SLOT_SIZE, inUse(), highWaterMark(), allocFailures());
    }

    static Cache newCache() {
        Cache c = new Cache();
        synchronized (LOCK) {
            CACHES.add(c);
        }
        return c;
    }

    private static final java.lang.invoke.VarHandle COUNT;

    static {
        try {
            COUNT = java.lang.invoke.MethodHandles.lookup().findVarHandle(CacheFields.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * 64 bytes in front of a cache's fields (the {@code int} fills the gap after the object
     * header, where the layout would otherwise put a subclass's {@code int}). Each worker writes its
     * cache's count for every packet it allocates or frees; two caches in one cache line — the
     * threads that start the workers allocate them one after the other, and the collector may copy
     * them side by side — would move that line between the cores on every packet.
     */
    @SuppressWarnings("unused")
    abstract static class CachePadding {
        int p0;
        long p1, p2, p3, p4, p5, p6, p7, p8;
    }

    /** The cache's own fields, between two paddings. */
    abstract static class CacheFields extends CachePadding {
        final Packet[] stack = new Packet[CACHE_SIZE];
        // Written by the owner only; inUse() reads it from other threads with an opaque load.
        // A plain store here (no fence per packet) is what keeps alloc/free cheap; a stale read
        // only skews the count of a thread that is still running.
        int count;
        long failures;
    }

    /**
     * A single-thread stash of free packets in front of the shared list. Owned by a
     * {@link PacketThread}; only its thread calls {@link #take} and {@link #give}.
     */
    @SuppressWarnings("unused")
    static final class Cache extends CacheFields {
        // 64 bytes behind the fields (see CachePadding)
        private long q1, q2, q3, q4, q5, q6, q7, q8;

        Packet take() {
            int n = count - 1;
            if (n < 0) {
                return takeAfterRefill();
            }
            // The slot keeps its (permanent) handle: no store of null per packet.
            COUNT.setOpaque(this, n);
            return stack[n];
        }

        private Packet takeAfterRefill() {
            int n = refill();
            if (n == 0) {
                failures++;
                return null;
            }
            COUNT.setOpaque(this, n - 1);
            return stack[n - 1];
        }

        void give(Packet p) {
            int n = count;
            if (n == CACHE_SIZE) {
                n = spill(CACHE_BLOCK);
            }
            stack[n] = p;
            COUNT.setOpaque(this, n + 1);
        }

        private int refill() {
            synchronized (LOCK) {
                int k = Math.min(CACHE_BLOCK, sharedCount);
                System.arraycopy(SHARED, sharedCount - k, stack, 0, k);
                sharedCount -= k;
                count = k;
                noteUse();
                return k;
            }
        }

        private int spill(int k) {
            synchronized (LOCK) {
                int n = count;
                System.arraycopy(stack, n - k, SHARED, sharedCount, k);
                java.util.Arrays.fill(stack, n - k, n, null);
                sharedCount += k;
                count = n - k;
                return n - k;
            }
        }

        /** Returns every cached packet to the shared list (the owner thread is ending). */
        void flush() {
            if (count > 0) {
                spill(count);
            }
            synchronized (LOCK) {
                CACHES.remove(this);
                allocFailures += failures;
                failures = 0;
            }
        }
    }
}
