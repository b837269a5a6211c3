package io.jmill.elements.routing;

import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * DIR-24-8-BASIC (Gupta, Lin and McKeown, Infocom 1998), as in Click's DirectIPLookup: a
 * first-level table with one 16-bit entry per /24, indexed by the address's top 24 bits, and
 * 256-entry second-level chunks for the /24s that routes longer than /24 split. A first-level
 * entry with the top bit clear is a next-hop index; with the top bit set, its low 15 bits number
 * a chunk, whose entry for the address's last byte is the next-hop index. A lookup is two or
 * three array reads.
 *
 * <p>Next hops ("virtual ports" in Click) are the distinct (gateway, output) pairs, shared by the
 * routes that use them and reference-counted; index 0 is the default route's (or none). At most
 * 32767 next hops and 32768 chunks (15-bit indexes; Click allows 1024 and 4096).
 *
 * <p>To update the tables in place, each entry also records the prefix length of the route that
 * filled it: a new route overwrites the entries it covers whose length is not greater than its
 * own, and a removed route's entries go to the most specific route that covers it.
 *
 * <p>Memory, all on the Java heap: the first level takes 32 MiB (2^24 shorts) plus 16 MiB for its
 * prefix lengths, allocated when the element is built; each chunk takes about 800 bytes (256
 * shorts and 256 lengths), allocated on first use and kept for reuse; the next-hop tables take
 * about 256 KiB.
 */
final class DirectRouteTable extends RouteTable {
    static final int MAX_CHUNKS = 1 << 15;
    static final int MAX_NEXT_HOPS = (1 << 15) - 1;
    private static final int CHUNK_FLAG = 0x8000;

    private final short[] level1 = new short[1 << 24];
    private final byte[] level1Lengths = new byte[1 << 24];
    /** Chunk arrays are never dropped once made: a lookup may still be reading one that was just freed. */
    private final short[][] chunks = new short[MAX_CHUNKS][];
    private final byte[][] chunkLengths = new byte[MAX_CHUNKS][];
    /** Index 0: the default route, or null. Others: next hops (address and mask unused). */
    private final IPRoute[] nextHops = new IPRoute[MAX_NEXT_HOPS + 1];
    /**
     * The same next hops packed for the data path ({@link #hop}): gateway in the high word, output
     * in the low word; {@link #NO_HOP} at index 0 without a default route. One load, no object.
     */
    private final long[] hops = new long[MAX_NEXT_HOPS + 1];

    /** {@link #lookupHop}'s result for an address no route covers. */
    static final long NO_HOP = -1L;

    // Bookkeeping for updates only. Freed next hops and chunks are reused in the order they were
    // freed, as late as possible: a lookup that read an index just before the update that freed
    // it would see another route's data only if the slot were reused before it finished.
    private final int[] nextHopRefs = new int[MAX_NEXT_HOPS + 1];
    private final Map<Long, Integer> nextHopIndex = new HashMap<>();
    private final ArrayDeque<Integer> freeNextHops = new ArrayDeque<>();
    private int nextHopsUsed = 1;
    private final ArrayDeque<Integer> freeChunks = new ArrayDeque<>();
    private int chunksUsed;

    DirectRouteTable() {
        hops[0] = NO_HOP;
    }

    @Override
    IPRoute lookup(int addr) {
        return nextHops[index(addr)];
    }

    /**
     * The next hop of {@code addr}, packed: gateway {@code (int) (h >>> 32)} (0: none), output
     * {@code (int) h}; {@link #NO_HOP} if no route covers it. What the element's data path uses.
     */
    long lookupHop(int addr) {
        return hops[index(addr)];
    }

    private int index(int addr) {
        int e = level1[addr >>> 8];
        if (e < 0) {
            e = chunks[e & 0x7FFF][addr & 0xFF];
        }
        return e;
    }

    private static long hop(IPRoute r) {
        return r == null ? NO_HOP : ((long) r.gw() << 32) | (r.port() & 0xFFFF_FFFFL);
    }

    // ------------------------------------------------------------------ next hops

    private int hopOf(IPRoute r) {
        Integer i = nextHopIndex.get(hop(r));
        return i == null ? -1 : i;
    }

    private int refHop(IPRoute r) {
        int i = hopOf(r);
        if (i < 0) {
            i = freeNextHops.isEmpty() ? nextHopsUsed++ : freeNextHops.pollFirst();
            nextHops[i] = new IPRoute(0, 0, r.gw(), r.port());
            hops[i] = hop(r);
            nextHopIndex.put(hop(r), i);
        }
        nextHopRefs[i]++;
        return i;
    }

    private void unrefHop(IPRoute r) {
        int i = hopOf(r);
        if (--nextHopRefs[i] == 0) {
            // nextHops[i] stays until reused: no entry refers to it any more.
            nextHopIndex.remove(hop(r));
            freeNextHops.addLast(i);
        }
    }

    // ------------------------------------------------------------------ chunks

    private boolean chunkAvailable() {
        return !freeChunks.isEmpty() || chunksUsed < MAX_CHUNKS;
    }

    private int allocChunk() {
        int c = freeChunks.isEmpty() ? chunksUsed++ : freeChunks.pollFirst();
        if (chunks[c] == null) {
            chunks[c] = new short[256];
            chunkLengths[c] = new byte[256];
        }
        return c;
    }

    // ------------------------------------------------------------------ updates

    @Override
    void checkCapacity(IPRoute route, IPRoute replaced) {
        int len = route.prefixLength();
        if (len == 0) {
            return;
        }
        if (hopOf(route) < 0 && freeNextHops.isEmpty() && nextHopsUsed > MAX_NEXT_HOPS) {
            throw new IllegalStateException("next-hop table size limit exceeded (" + MAX_NEXT_HOPS
                    + " distinct gateway and output pairs)");
        }
        if (len > 24 && level1[route.addr() >>> 8] >= 0 && !chunkAvailable()) {
            throw new IllegalStateException("secondary lookup table size limit exceeded (" + MAX_CHUNKS
                    + " /24 networks split by longer routes)");
        }
    }

    @Override
    void install(IPRoute route, IPRoute replaced) {
        int len = route.prefixLength();
        if (len == 0) {
            nextHops[0] = route;
            hops[0] = hop(route);
            return;
        }
        int hop = refHop(route);
        int addr = route.addr();
        if (len <= 24) {
            int start = addr >>> 8;
            int end = start + (1 << (24 - len));
            for (int i = start; i < end; i++) {
                int e = level1[i];
                if (e < 0) {
                    paintChunk(e & 0x7FFF, 0, 256, len, hop);
                } else if (level1Lengths[i] <= len) {
                    level1[i] = (short) hop;
                    level1Lengths[i] = (byte) len;
                }
            }
        } else {
            int i = addr >>> 8;
            int e = level1[i];
            if (e < 0) {
                paintChunk(e & 0x7FFF, addr & 0xFF, 1 << (32 - len), len, hop);
            } else {
                int c = allocChunk();
                Arrays.fill(chunks[c], (short) e);
                Arrays.fill(chunkLengths[c], level1Lengths[i]);
                paintChunk(c, addr & 0xFF, 1 << (32 - len), len, hop);
                // The chunk's contents must be visible before the entry that leads lookups to it.
                VarHandle.releaseFence();
                level1[i] = (short) (CHUNK_FLAG | c);
            }
        }
        if (replaced != null) {
            unrefHop(replaced);
        }
    }

    private void paintChunk(int c, int from, int count, int len, int hop) {
        short[] chunk = chunks[c];
        byte[] lengths = chunkLengths[c];
        for (int s = from; s < from + count; s++) {
            if (lengths[s] <= len) {
                chunk[s] = (short) hop;
                lengths[s] = (byte) len;
            }
        }
    }

    @Override
    void uninstall(IPRoute route) {
        int len = route.prefixLength();
        if (len == 0) {
            nextHops[0] = null;
            hops[0] = NO_HOP;
            return;
        }
        IPRoute heir = covering(route.addr(), len, 1);
        int heirHop = heir == null ? 0 : hopOf(heir);
        int heirLength = heir == null ? 0 : heir.prefixLength();
        int addr = route.addr();
        int start = addr >>> 8;
        int end = len <= 24 ? start + (1 << (24 - len)) : start + 1;
        int from = len <= 24 ? 0 : addr & 0xFF;
        int count = len <= 24 ? 256 : 1 << (32 - len);
        for (int i = start; i < end; i++) {
            int e = level1[i];
            if (e < 0) {
                int c = e & 0x7FFF;
                repaintChunk(c, from, count, len, heirHop, heirLength);
                collapseIfUniform(i, c);
            } else if (level1Lengths[i] == len) {
                level1[i] = (short) heirHop;
                level1Lengths[i] = (byte) heirLength;
            }
        }
        unrefHop(route);
    }

    private void repaintChunk(int c, int from, int count, int len, int hop, int hopLength) {
        short[] chunk = chunks[c];
        byte[] lengths = chunkLengths[c];
        for (int s = from; s < from + count; s++) {
            if (lengths[s] == len) {
                chunk[s] = (short) hop;
                lengths[s] = (byte) hopLength;
            }
        }
    }

    /**
     * Frees chunk {@code c} of first-level entry {@code i} once no route longer than /24 is left
     * in it: its entries then all hold the same /24-or-shorter route.
     */
    private void collapseIfUniform(int i, int c) {
        byte[] lengths = chunkLengths[c];
        for (int s = 0; s < 256; s++) {
            if (lengths[s] > 24) {
                return;
            }
        }
        level1Lengths[i] = lengths[0];
        level1[i] = chunks[c][0];
        freeChunks.addLast(c);
    }

    @Override
    void reset() {
        Arrays.fill(level1, (short) 0);
        Arrays.fill(level1Lengths, (byte) 0);
        Arrays.fill(nextHops, null);
        Arrays.fill(hops, NO_HOP);
        Arrays.fill(nextHopRefs, 0);
        nextHopIndex.clear();
        freeNextHops.clear();
        nextHopsUsed = 1;
        freeChunks.clear();
        chunksUsed = 0;
    }

    /** Chunks in use (for tests and the memory note in the element's documentation). */
    synchronized int chunksInUse() {
        return chunksUsed - freeChunks.size();
    }
}
