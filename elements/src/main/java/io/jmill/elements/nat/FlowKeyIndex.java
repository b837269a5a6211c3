package io.jmill.elements.nat;

/**
 * An open-addressing hash index from a flow key (an IPv4 5-tuple packed into two longs) to an int,
 * over primitive arrays: linear probing, deletion by backward shift (no tombstones), no allocation
 * except when its owner asks it to {@link #resize}. Owners keep the load at one half or below.
 *
 * <p>Keys: {@link #hi(int, int)} packs the source and destination addresses, {@link #lo(int, int, int)}
 * the protocol and ports. The hash is seeded per index so that an attacker who does not know the
 * seed cannot aim all its flows at one probe chain.
 */
final class FlowKeyIndex {
    /** Returned by {@link #get} when the key is absent; values stored must not be negative. */
    static final int ABSENT = -1;

    private final long seed;
    private long[] keyHi;
    private long[] keyLo;
    private int[] value;
    private int mask;
    private int size;

    /** @param slots initial number of slots, a power of two */
    FlowKeyIndex(int slots, long seed) {
        this.seed = seed;
        allocate(slots);
    }

    static long hi(int src, int dst) {
        return ((long) src << 32) | (dst & 0xFFFF_FFFFL);
    }

    static long lo(int proto, int sport, int dport) {
        return ((long) proto << 32) | ((long) (sport & 0xFFFF) << 16) | (dport & 0xFFFF);
    }

    private void allocate(int slots) {
        keyHi = new long[slots];
        keyLo = new long[slots];
        value = new int[slots];
        java.util.Arrays.fill(value, ABSENT);
        mask = slots - 1;
        size = 0;
    }

    private int home(long hi, long lo) {
        long x = (hi ^ seed) * 0x9E37_79B9_7F4A_7C15L + lo * 0xC2B2_AE3D_27D4_EB4FL;
        x ^= x >>> 31;
        x *= 0xD6E8_FEB8_6659_FD93L;
        x ^= x >>> 29;
        return (int) x & mask;
    }

    int size() {
        return size;
    }

    int slots() {
        return mask + 1;
    }

    /** The value stored for the key, or {@link #ABSENT}. */
    int get(long hi, long lo) {
        int[] v = value;
        long[] kh = keyHi;
        long[] kl = keyLo;
        int m = mask;
        for (int i = home(hi, lo); ; i = (i + 1) & m) {
            int x = v[i];
            if (x == ABSENT) {
                return ABSENT;
            }
            if (kh[i] == hi && kl[i] == lo) {
                return x;
            }
        }
    }

    /**
     * Stores {@code v} (not negative) for the key, replacing and returning any previous value
     * ({@link #ABSENT} if none). The caller keeps {@code size() < slots() / 2}.
     */
    int put(long hi, long lo, int v) {
        int m = mask;
        for (int i = home(hi, lo); ; i = (i + 1) & m) {
            int x = value[i];
            if (x == ABSENT) {
                keyHi[i] = hi;
                keyLo[i] = lo;
                value[i] = v;
                size++;
                return ABSENT;
            }
            if (keyHi[i] == hi && keyLo[i] == lo) {
                value[i] = v;
                return x;
            }
        }
    }

    /** Removes the key if it maps to {@code expected}; returns whether it did. */
    boolean remove(long hi, long lo, int expected) {
        int m = mask;
        for (int i = home(hi, lo); ; i = (i + 1) & m) {
            int x = value[i];
            if (x == ABSENT) {
                return false;
            }
            if (keyHi[i] == hi && keyLo[i] == lo) {
                if (x != expected) {
                    return false;
                }
                removeAt(i);
                return true;
            }
        }
    }

    /** Backward-shift deletion: moves later members of the probe chain into the hole. */
    private void removeAt(int hole) {
        int m = mask;
        int i = hole;
        int j = hole;
        while (true) {
            j = (j + 1) & m;
            if (value[j] == ABSENT) {
                break;
            }
            int k = home(keyHi[j], keyLo[j]);
            // The entry at j may move to i only if its home slot does not lie cyclically in (i, j].
            boolean stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
            if (!stays) {
                keyHi[i] = keyHi[j];
                keyLo[i] = keyLo[j];
                value[i] = value[j];
                i = j;
            }
        }
        value[i] = ABSENT;
        size--;
    }

    /** Rebuilds the index with {@code slots} slots (a power of two), keeping its entries. Allocates. */
    void resize(int slots) {
        long[] oh = keyHi;
        long[] ol = keyLo;
        int[] ov = value;
        allocate(slots);
        for (int i = 0; i < ov.length; i++) {
            if (ov[i] != ABSENT) {
                put(oh[i], ol[i], ov[i]);
            }
        }
    }

    /** Removes every entry. */
    void clear() {
        java.util.Arrays.fill(value, ABSENT);
        size = 0;
    }
}
