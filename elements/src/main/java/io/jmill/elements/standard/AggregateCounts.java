package io.jmill.elements.standard;

import java.util.Arrays;

/**
 * A count per 32-bit aggregate value, for AggregateCounter: an open-addressing table of primitive
 * keys and counts that allocates only when it grows (doubling), never per packet.
 */
final class AggregateCounts {
    private int[] keys = new int[256];
    private long[] counts = new long[256];
    private boolean[] used = new boolean[256];
    private int size;

    /** Adds {@code amount} to the count of {@code key}; returns true if the key is new. */
    boolean add(int key, long amount) {
        int i = slot(key);
        if (used[i]) {
            counts[i] += amount;
            return false;
        }
        used[i] = true;
        keys[i] = key;
        counts[i] = amount;
        if (++size * 2 > keys.length) {
            grow();
        }
        return true;
    }

    /** Adds {@code amount} to the count of {@code key} if it has one; returns whether it had. */
    boolean addIfPresent(int key, long amount) {
        int i = slot(key);
        if (!used[i]) {
            return false;
        }
        counts[i] += amount;
        return true;
    }

    /** The count of {@code key}, 0 if none. */
    long get(int key) {
        int i = slot(key);
        return used[i] ? counts[i] : 0;
    }

    int size() {
        return size;
    }

    void clear() {
        Arrays.fill(used, false);
        size = 0;
    }

    /** The keys, in unsigned order. */
    int[] sortedKeys() {
        int[] out = new int[size];
        int n = 0;
        for (int i = 0; i < keys.length; i++) {
            if (used[i]) {
                out[n++] = keys[i] ^ Integer.MIN_VALUE;
            }
        }
        Arrays.sort(out);
        for (int i = 0; i < n; i++) {
            out[i] ^= Integer.MIN_VALUE;
        }
        return out;
    }

    /** The slot that holds {@code key}, or the free slot where it would go. */
    private int slot(int key) {
        int mask = keys.length - 1;
        int h = key * 0x9E3779B9;
        int i = (h ^ (h >>> 16)) & mask;
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldCounts = counts;
        boolean[] oldUsed = used;
        keys = new int[oldKeys.length * 2];
        counts = new long[oldKeys.length * 2];
        used = new boolean[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int j = slot(oldKeys[i]);
                used[j] = true;
                keys[j] = oldKeys[i];
                counts[j] = oldCounts[i];
            }
        }
    }
}
