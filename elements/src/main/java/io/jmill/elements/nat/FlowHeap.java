package io.jmill.elements.nat;

import java.util.Arrays;

/**
 * The capacity of one or more rewriters' tables and the order in which their flows are evicted
 * when it is reached (Click's mapping heap; rewriters that name one another in MAPPING_CAPACITY
 * share one).
 *
 * <p>A flow is <em>guaranteed</em> while less than its GUARANTEE has passed since its last
 * packet; after that it is <em>best effort</em> until it expires. When a new flow would exceed
 * the capacity, the best-effort flow that expires first is removed; if every flow is
 * guaranteed, the new flow is refused (admission control). Two binary heaps hold the flows:
 * guaranteed ones by the end of their guarantee, best-effort ones by expiry.
 *
 * <p>The data path does not move heap entries when a packet refreshes a flow: a heap key may be
 * older (smaller) than the flow's real time, and is corrected when the entry comes to the top
 * (keys only grow that way). The one case where a flow's expiry shrinks (a TCP flow closing) is
 * reported through {@link #expiryLowered}, which moves the entry at once. So the top of a heap,
 * once corrected, is always the true minimum.
 *
 * <p>Per flow, its table holds the heap position ({@code heapPos}: {@code p} in the best-effort
 * heap, {@code ~p} in the guaranteed one) and the key it is filed under ({@code heapKey}).
 */
final class FlowHeap {
    /** Flow slots take the low bits of an entry, the member table the rest. */
    private static final int SLOT_BITS = 22;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;

    volatile int capacity;
    /** Flows of all member tables. */
    int size;
    private RewriteTable[] members = new RewriteTable[0];
    private int[] bestEffort = new int[16];
    private int bestEffortSize;
    private int[] guaranteed = new int[16];
    private int guaranteedSize;

    FlowHeap(int capacity) {
        this.capacity = capacity;
    }

    /** Adds a table; returns its member number. */
    int join(RewriteTable t) {
        members = Arrays.copyOf(members, members.length + 1);
        members[members.length - 1] = t;
        return members.length - 1;
    }

    /** Files a new flow of {@code t} (its expiry and guarantee set). */
    void insert(RewriteTable t, int f, long now) {
        size++;
        int entry = t.heapMember << SLOT_BITS | f;
        if (t.guard[f] - now > 0) {
            pushGuaranteed(entry, t.guard[f]);
        } else {
            pushBestEffort(entry, t.expiry[f]);
        }
    }

    /** Removes a flow of {@code t} that is being destroyed. */
    void remove(RewriteTable t, int f) {
        size--;
        int pos = t.heapPos[f];
        if (pos >= 0) {
            bestEffortSize = removeAt(bestEffort, bestEffortSize, pos, false);
        } else {
            guaranteedSize = removeAt(guaranteed, guaranteedSize, ~pos, true);
        }
    }

    /** {@code t.expiry[f]} became smaller than its key: re-files a best-effort entry at once. */
    void expiryLowered(RewriteTable t, int f) {
        int pos = t.heapPos[f];
        if (pos >= 0) {
            t.heapKey[f] = t.expiry[f];
            siftUp(bestEffort, pos, false);
        }
    }

    /**
     * Makes room for flow {@code f} of {@code t}, just installed: while more flows are held than
     * the capacity allows, removes the best-effort flow that expires first, or the new flow if
     * every flow is guaranteed. Returns false if the new flow was removed.
     */
    boolean admit(RewriteTable t, int f, long now) {
        while (size > capacity) {
            shiftExpiredGuarantees(now);
            int victim = bestEffortTop(now);
            if (victim < 0) {
                t.destroy(f);
                return false;
            }
            RewriteTable vt = members[victim >>> SLOT_BITS];
            int vf = victim & SLOT_MASK;
            vt.destroy(vf);
            if (vt == t && vf == f) {
                return false;
            }
        }
        return true;
    }

    /**
     * Removes expired flows, then, while more flows are held than the capacity, the best-effort
     * flows that expire first and then the guaranteed ones that would lose their guarantee first
     * (after a smaller capacity is written, or with {@code capacity} 0 to empty every table).
     */
    void shrink(long now, int capacity) {
        shiftExpiredGuarantees(now);
        while (true) {
            int top = bestEffortTop(now);
            if (top < 0) {
                break;
            }
            RewriteTable t = members[top >>> SLOT_BITS];
            int f = top & SLOT_MASK;
            if (now - t.expiry[f] < 0 && size <= capacity) {
                break;
            }
            t.destroy(f);
        }
        while (size > capacity && guaranteedSize > 0) {
            int top = guaranteed[0];
            members[top >>> SLOT_BITS].destroy(top & SLOT_MASK);
        }
    }

    /** Moves guaranteed flows whose guarantee has ended to the best-effort heap. */
    private void shiftExpiredGuarantees(long now) {
        while (guaranteedSize > 0) {
            int top = guaranteed[0];
            RewriteTable t = members[top >>> SLOT_BITS];
            int f = top & SLOT_MASK;
            long guard = t.guard[f];
            if (guard != t.heapKey[f]) {
                t.heapKey[f] = guard; // refreshed since it was filed
                siftDown(guaranteed, guaranteedSize, 0, true);
            } else if (guard - now > 0) {
                return;
            } else {
                guaranteedSize = removeAt(guaranteed, guaranteedSize, 0, true);
                pushBestEffort(top, t.expiry[f]);
            }
        }
    }

    /** The best-effort flow that expires first (entries brought up to date on the way), or -1. */
    private int bestEffortTop(long now) {
        while (bestEffortSize > 0) {
            int top = bestEffort[0];
            RewriteTable t = members[top >>> SLOT_BITS];
            int f = top & SLOT_MASK;
            if (t.guard[f] - now > 0) {
                // a packet renewed its guarantee since it was filed here
                bestEffortSize = removeAt(bestEffort, bestEffortSize, 0, false);
                pushGuaranteed(top, t.guard[f]);
            } else if (t.expiry[f] != t.heapKey[f]) {
                t.heapKey[f] = t.expiry[f];
                siftDown(bestEffort, bestEffortSize, 0, false);
            } else {
                return top;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ binary heaps

    private void pushBestEffort(int entry, long key) {
        if (bestEffortSize == bestEffort.length) {
            bestEffort = Arrays.copyOf(bestEffort, bestEffortSize * 2);
        }
        file(entry, key);
        bestEffort[bestEffortSize] = entry;
        setPos(entry, bestEffortSize, false);
        siftUp(bestEffort, bestEffortSize++, false);
    }

    private void pushGuaranteed(int entry, long key) {
        if (guaranteedSize == guaranteed.length) {
            guaranteed = Arrays.copyOf(guaranteed, guaranteedSize * 2);
        }
        file(entry, key);
        guaranteed[guaranteedSize] = entry;
        setPos(entry, guaranteedSize, true);
        siftUp(guaranteed, guaranteedSize++, true);
    }

    private void file(int entry, long key) {
        members[entry >>> SLOT_BITS].heapKey[entry & SLOT_MASK] = key;
    }

    private long key(int entry) {
        return members[entry >>> SLOT_BITS].heapKey[entry & SLOT_MASK];
    }

    private void setPos(int entry, int pos, boolean inGuaranteed) {
        members[entry >>> SLOT_BITS].heapPos[entry & SLOT_MASK] = inGuaranteed ? ~pos : pos;
    }

    /** Removes the entry at {@code pos}; returns the new size. */
    private int removeAt(int[] heap, int size, int pos, boolean inGuaranteed) {
        int last = heap[--size];
        if (pos < size) {
            heap[pos] = last;
            setPos(last, pos, inGuaranteed);
            siftDown(heap, size, pos, inGuaranteed);
            siftUp(heap, pos, inGuaranteed);
        }
        return size;
    }

    private void siftUp(int[] heap, int pos, boolean inGuaranteed) {
        int entry = heap[pos];
        long k = key(entry);
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (key(heap[parent]) - k <= 0) {
                break;
            }
            heap[pos] = heap[parent];
            setPos(heap[pos], pos, inGuaranteed);
            pos = parent;
        }
        heap[pos] = entry;
        setPos(entry, pos, inGuaranteed);
    }

    private void siftDown(int[] heap, int size, int pos, boolean inGuaranteed) {
        int entry = heap[pos];
        long k = key(entry);
        while (true) {
            int child = 2 * pos + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && key(heap[child + 1]) - key(heap[child]) < 0) {
                child++;
            }
            if (k - key(heap[child]) <= 0) {
                break;
            }
            heap[pos] = heap[child];
            setPos(heap[pos], pos, inGuaranteed);
            pos = child;
        }
        heap[pos] = entry;
        setPos(entry, pos, inGuaranteed);
    }
}
