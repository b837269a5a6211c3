package io.jmill.elements.nat;

import io.jmill.elements.standard.RouterRandom;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.runtime.WorkerClock;

import java.util.function.LongSupplier;

/**
 * The mapping table of the rewriters (IPRewriter, IPAddrRewriter, ICMPPingRewriter): flows in
 * parallel arrays indexed by a flow slot, both directions' keys in one hash index (the value is
 * {@code slot << 1 | direction}). Each rewriter decides which fields it uses and how it keys
 * the index. Touched only by the thread that runs the rewriter, except for the handlers' reads.
 */
final class RewriteTable {
    /** Largest MAPPING_CAPACITY. */
    static final int MAX_CAPACITY = 1 << 22;
    private static final int INITIAL_FLOW_SLOTS = 1024;
    private static final int REAP_CHUNK = 256;

    LongSupplier clock = WorkerClock::nanos;
    /** The capacity this table counts against, perhaps shared with other rewriters' tables. */
    FlowHeap heap;
    int heapMember;
    /** Time between sweeps of expired flows (0: none). */
    final long reapInterval;
    FlowKeyIndex index;

    // Per flow slot. proto 0 marks a free slot.
    int[] proto;
    int[] oSrc;
    int[] oDst;
    /** Original ports, sport << 16 | dport. */
    int[] oPorts;
    int[] nSrc;
    int[] nDst;
    int[] nPorts;
    int[] input;
    /** TCP sequence-number shifts of the flow (FTPPortMapper's), or null: nearly always null. */
    SeqDeltas[] seqDeltas;
    /** Outputs of the flow's packets and of its replies. */
    int[] foutput;
    int[] routput;
    int[] tflags;
    /** Folded checksum deltas of the forward rewrite; the reply rewrite uses their negation. */
    int[] ipDelta;
    int[] l4Delta;
    long[] expiry;
    /** End of the flow's guarantee: until then it is not evicted to make room (see {@link FlowHeap}). */
    long[] guard;
    long[] heapKey;
    int[] heapPos;
    /** The flow's two index keys: forward, and reply. */
    long[] fwdHi;
    long[] fwdLo;
    long[] revHi;
    long[] revLo;
    /** REPLY_ANNO value of the flow's first packet. */
    int[] replyValue;
    /** SET_AGGREGATE: the flow's number, in order of creation. */
    int[] agg;
    int[] nextFree;
    int nextAgg;

    int freeHead = -1;
    int highWater;
    int flows;
    int[] inputCount;

    long drops;
    long failures;
    long nextReap;
    int reapCursor;

    RewriteTable(int ninputs, int capacity, long reapInterval, long seed) {
        this.reapInterval = reapInterval;
        this.heap = new FlowHeap(capacity);
        this.heapMember = heap.join(this);
        this.inputCount = new int[ninputs];
        allocate(Math.min(capacity, INITIAL_FLOW_SLOTS), seed);
    }

    private void allocate(int slots, long seed) {
        proto = new int[slots];
        oSrc = new int[slots];
        oDst = new int[slots];
        oPorts = new int[slots];
        nSrc = new int[slots];
        nDst = new int[slots];
        nPorts = new int[slots];
        input = new int[slots];
        foutput = new int[slots];
        seqDeltas = new SeqDeltas[slots];
        routput = new int[slots];
        tflags = new int[slots];
        ipDelta = new int[slots];
        l4Delta = new int[slots];
        expiry = new long[slots];
        guard = new long[slots];
        heapKey = new long[slots];
        heapPos = new int[slots];
        fwdHi = new long[slots];
        fwdLo = new long[slots];
        revHi = new long[slots];
        revLo = new long[slots];
        replyValue = new int[slots];
        agg = new int[slots];
        nextFree = new int[slots];
        index = new FlowKeyIndex(indexSlots(slots), seed);
    }

    static int indexSlots(int flowSlots) {
        return Integer.highestOneBit(Math.max(flowSlots, 1) * 4 - 1) << 1;
    }

    int flowSlots() {
        return proto.length;
    }

    /**
     * The flows as a handler lists them, read once: a handler may run while the data path grows
     * the arrays, so each array is read one time and {@code slots} is the high-water mark cut to
     * the shortest of them. {@code proto[f] == 0} marks a free slot.
     */
    record Listing(int slots, long now, int[] proto, int[] oSrc, int[] oDst, int[] oPorts, int[] nSrc, int[] nDst,
                   int[] nPorts, int[] input, int[] flowOutput, int[] replyOutput, long[] expiry) {
        /** Whole seconds until flow {@code f} expires, rounded, as Click lists it. */
        long secondsLeft(int f) {
            return Math.floorDiv(expiry[f] - now + 500_000_000L, 1_000_000_000L);
        }
    }

    Listing listing() {
        int[] pr = proto;
        int[] os = oSrc;
        int[] od = oDst;
        int[] op = oPorts;
        int[] ns = nSrc;
        int[] nd = nDst;
        int[] np = nPorts;
        int[] in = input;
        int[] fo = foutput;
        int[] ro = routput;
        long[] ex = expiry;
        int slots = highWater;
        for (int length : new int[] {pr.length, os.length, od.length, op.length, ns.length, nd.length, np.length,
                in.length, fo.length, ro.length, ex.length}) {
            slots = Math.min(slots, length);
        }
        return new Listing(slots, clock.getAsLong(), pr, os, od, op, ns, nd, np, in, fo, ro, ex);
    }

    /** Doubles the flow arrays and the index (slow path, allocates). */
    void grow() {
        int n = Math.min(flowSlots() * 2, MAX_CAPACITY);
        proto = java.util.Arrays.copyOf(proto, n);
        oSrc = java.util.Arrays.copyOf(oSrc, n);
        oDst = java.util.Arrays.copyOf(oDst, n);
        oPorts = java.util.Arrays.copyOf(oPorts, n);
        nSrc = java.util.Arrays.copyOf(nSrc, n);
        nDst = java.util.Arrays.copyOf(nDst, n);
        nPorts = java.util.Arrays.copyOf(nPorts, n);
        input = java.util.Arrays.copyOf(input, n);
        foutput = java.util.Arrays.copyOf(foutput, n);
        seqDeltas = java.util.Arrays.copyOf(seqDeltas, n);
        routput = java.util.Arrays.copyOf(routput, n);
        tflags = java.util.Arrays.copyOf(tflags, n);
        ipDelta = java.util.Arrays.copyOf(ipDelta, n);
        l4Delta = java.util.Arrays.copyOf(l4Delta, n);
        expiry = java.util.Arrays.copyOf(expiry, n);
        guard = java.util.Arrays.copyOf(guard, n);
        heapKey = java.util.Arrays.copyOf(heapKey, n);
        heapPos = java.util.Arrays.copyOf(heapPos, n);
        fwdHi = java.util.Arrays.copyOf(fwdHi, n);
        fwdLo = java.util.Arrays.copyOf(fwdLo, n);
        revHi = java.util.Arrays.copyOf(revHi, n);
        revLo = java.util.Arrays.copyOf(revLo, n);
        replyValue = java.util.Arrays.copyOf(replyValue, n);
        agg = java.util.Arrays.copyOf(agg, n);
        nextFree = java.util.Arrays.copyOf(nextFree, n);
        index.resize(indexSlots(n));
    }

    /** A free flow slot, or -1 if the arrays are full and at their largest. */
    int allocFlow() {
        int f = freeHead;
        if (f >= 0) {
            freeHead = nextFree[f];
            return f;
        }
        if (highWater == flowSlots()) {
            if (flowSlots() >= MAX_CAPACITY) {
                return -1;
            }
            grow();
        }
        return highWater++;
    }

    /** Uniform in [0, bound] (unsigned), from the router's shared sequence (Click's {@code click_random}). */
    int randomUpTo(int bound) {
        return RouterRandom.upTo(bound);
    }

    /** Removes every mapping of this table. */
    void clear() {
        for (int f = 0; f < highWater; f++) {
            if (proto[f] != 0) {
                destroy(f);
            }
        }
        reapCursor = 0;
    }

    /** Shares {@code other}'s capacity from now on (MAPPING_CAPACITY naming another rewriter); this table is empty. */
    void shareCapacity(RewriteTable other) {
        heap = other.heap;
        heapMember = heap.join(this);
    }

    /** Sets the clock's start: the first periodic sweep is one REAP_INTERVAL away. */
    void restartClock() {
        nextReap = clock.getAsLong() + reapInterval;
    }

    // ------------------------------------------------------------------ flows

    /**
     * Files flow {@code f} of input {@code in}, whose fields the rewriter has set (with
     * {@code expiry} and {@code guard} as of its creation), its packets leaving on {@code fout} and
     * its replies on {@code rout}, under its forward and reply keys, and makes room for it
     * if the capacity is reached. Returns false, counting a mapping failure, if there was no room
     * (the flow is then gone).
     */
    boolean install(int f, int in, int fout, int rout, long fHi, long fLo, long rHi, long rLo, long now) {
        foutput[f] = fout;
        routput[f] = rout;
        fwdHi[f] = fHi;
        fwdLo[f] = fLo;
        revHi[f] = rHi;
        revLo[f] = rLo;
        input[f] = in;
        index.put(fHi, fLo, f << 1);
        index.put(rHi, rLo, (f << 1) | 1);
        flows++;
        inputCount[in]++;
        heap.insert(this, f, now);
        if (heap.size > heap.capacity && !heap.admit(this, f, now)) {
            failures++;
            return false;
        }
        return true;
    }

    /** A packet of flow {@code f}: it now expires at {@code expiry} and is guaranteed until {@code guarantee}. */
    void touch(int f, long expiry, long guarantee) {
        this.expiry[f] = expiry;
        guard[f] = guarantee;
        if (expiry - heapKey[f] < 0) {
            heap.expiryLowered(this, f);
        }
    }

    /** Removes flow {@code f}: its index entries, its place in the heap, its slot. */
    void destroy(int f) {
        index.remove(fwdHi[f], fwdLo[f], f << 1);
        index.remove(revHi[f], revLo[f], (f << 1) | 1);
        heap.remove(this, f);
        release(f);
    }

    /** Whether the flow behind index value {@code e} has expired (it is then removed). */
    boolean expired(int e, long now) {
        if (now - expiry[e >>> 1] >= 0) {
            destroy(e >>> 1);
            return true;
        }
        return false;
    }

    /** Runs one step of the periodic sweep if it is due. */
    void reapIfDue(long now) {
        if (reapInterval > 0 && now - nextReap >= 0) {
            reap(now);
        }
    }

    /** One step of the periodic sweep: up to REAP_CHUNK slots, then wait REAP_INTERVAL. */
    private void reap(long now) {
        int end = Math.min(reapCursor + REAP_CHUNK, highWater);
        for (int f = reapCursor; f < end; f++) {
            if (proto[f] != 0 && now - expiry[f] >= 0) {
                destroy(f);
            }
        }
        if (end >= highWater) {
            reapCursor = 0;
            nextReap = now + reapInterval;
        } else {
            reapCursor = end;
        }
    }

    /** A write to a {@code patternN} handler (of a rewriter whose patterns are writable). */
    interface PatternWriter {
        void write(int input, String spec) throws HandlerException;
    }

    /** Removes every flow that input {@code in} created. */
    void clearInput(int in) {
        for (int f = 0; f < highWater; f++) {
            if (proto[f] != 0 && input[f] == in) {
                destroy(f);
            }
        }
    }

    /** A value written to the {@code capacity} handler. */
    static int parseCapacity(String v) throws HandlerException {
        try {
            int cap = Integer.parseInt(v.strip());
            if (cap >= 1 && cap <= MAX_CAPACITY) {
                return cap;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new HandlerException("capacity: expected an integer between 1 and " + MAX_CAPACITY
                + ", got '" + v.strip() + "'");
    }

    private void release(int f) {
        proto[f] = 0;
        seqDeltas[f] = null;
        inputCount[input[f]]--;
        nextFree[f] = freeHead;
        freeHead = f;
        flows--;
    }
}
