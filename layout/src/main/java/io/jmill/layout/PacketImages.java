package io.jmill.layout;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * Packets kept to be cloned again and again (a replayed trace), stored as images side by side in
 * one memory block, in the order they are cloned: each image is the packet's metadata followed by
 * its data. Cloning the next packet then reads memory that follows what the last clone read,
 * which the processor prefetches; cloning the kept packets themselves, each in its own pool slot
 * kilobytes from the next, waits for memory at every packet once the trace outgrows the caches
 * (a 4096-packet trace spans 10 MB of slots).
 *
 * <p>The images follow the metadata layout that was active when they were made: {@link #isCurrent()}
 * tells whether it still is; if not, make them again from the packets (which the layout change
 * converted). Not thread-safe: one task makes and clones them.
 *
 * <pre>{@code
 * PacketImages images = new PacketImages();
 * if (!images.isCurrent()) images.make(stored, size);   // once per burst
 * Packet q = images.clone(i);                            // like stored[i].clone()
 * }</pre>
 */
public final class PacketImages {
    private MemorySegment memory;
    private long[] at = new long[0];
    private int count;
    private int[] layoutOffsets;

    /** True if images were made and the layout they follow is still the active one. */
    public boolean isCurrent() {
        return layoutOffsets == Packet.offsets && memory != null;
    }

    /** Number of images. */
    public int size() {
        return count;
    }

    /**
     * Makes the images of {@code packets[0..n)}, replacing any made before. A null entry gets no
     * image: {@link #clone} must not be asked for it.
     */
    public void make(Packet[] packets, int n) {
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (packets[i] != null) {
                total += Packet.imageSize(packets[i].length());
            }
        }
        MemorySegment m = Arena.ofAuto().allocate(Math.max(total, 8), 64);
        long[] offsets = at.length >= n ? at : new long[n];
        long base = m.address();
        long next = 0;
        for (int i = 0; i < n; i++) {
            Packet p = packets[i];
            if (p != null) {
                offsets[i] = base + next;
                p.writeImage(base + next);
                next += Packet.imageSize(p.length());
            } else {
                offsets[i] = 0;
            }
        }
        memory = m;
        at = offsets;
        count = n;
        layoutOffsets = Packet.offsets;
    }

    /** Forgets the images (their memory goes when nothing refers to it). */
    public void clear() {
        memory = null;
        count = 0;
        layoutOffsets = null;
    }

    /**
     * A new packet equal to what cloning the packet of image {@code i} would give, or
     * {@code null} if the pool is exhausted.
     */
    public Packet clone(int i) {
        return Packet.fromImage(at[i]);
    }
}
