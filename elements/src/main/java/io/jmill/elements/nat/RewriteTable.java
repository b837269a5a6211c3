package io.jmill.elements.nat;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
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

    LongSupplier clock = WorkerClock::nanos;
    volatile int capacity;
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
    int[] tflags;
    /** Folded checksum deltas of the forward rewrite; the reply rewrite uses their negation. */
    int[] ipDelta;
    int[] l4Delta;
    long[] expiry;
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
    long lastFullSweep;
    long random;

    RewriteTable(int ninputs, int capacity, long seed) {
        this.capacity = capacity;
        this.inputCount = new int[ninputs];
        this.random = seed | 1;
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
        tflags = new int[slots];
        ipDelta = new int[slots];
        l4Delta = new int[slots];
        expiry = new long[slots];
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
        tflags = java.util.Arrays.copyOf(tflags, n);
        ipDelta = java.util.Arrays.copyOf(ipDelta, n);
        l4Delta = java.util.Arrays.copyOf(l4Delta, n);
        expiry = java.util.Arrays.copyOf(expiry, n);
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

    /** Uniform in [0, bound] (xorshift64). */
    int randomUpTo(int bound) {
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return (int) (((x >>> 32) * (bound + 1L)) >>> 32);
    }

    /** Removes every mapping. */
    void clear() {
        index.clear();
        java.util.Arrays.fill(proto, 0);
        java.util.Arrays.fill(inputCount, 0);
        freeHead = -1;
        highWater = 0;
        flows = 0;
        reapCursor = 0;
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

    /** Puts flow {@code f}'s slot back on the free list, once the rewriter removed its index entries. */
    void release(int f) {
        proto[f] = 0;
        inputCount[input[f]]--;
        nextFree[f] = freeHead;
        freeHead = f;
        flows--;
    }

    /**
     * The handlers every rewriter has, as Click names them: the table's size, capacity, failures
     * and drops, each input's pattern ({@code patterns}, {@code patternN}) and {@code clear}.
     */
    void addHandlers(Handlers h, RewriteInputs inputs, int nInputs) {
        h.readLong("table_size", () -> flows);
        h.readLong("nmappings", () -> flows);
        h.readLong("size", () -> flows);
        h.readWrite("capacity", () -> Integer.toString(capacity), v -> capacity = parseCapacity(v));
        h.readLong("mapping_failures", () -> failures);
        h.readLong("drops", () -> drops);
        h.read("patterns", () -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < nInputs; i++) {
                sb.append(inputs.describe(i, inputCount[i])).append('\n');
            }
            return sb.toString();
        });
        for (int i = 0; i < nInputs; i++) {
            int in = i;
            h.read("pattern" + i, () -> inputs.describe(in, inputCount[in]) + "\n");
        }
        h.write("clear", v -> clear());
    }
}
