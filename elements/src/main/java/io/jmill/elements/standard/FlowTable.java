package io.jmill.elements.standard;

import java.util.Arrays;

/**
 * AggregateIPFlows' flows: an open-addressing table keyed by protocol, host pair and ports, with
 * each flow's number, direction, last packet time and TCP end state in parallel primitive arrays.
 * It allocates only when it grows (doubling), never per packet. Slots are stable until it grows.
 */
final class FlowTable {
    private int[] protos = new int[64];
    private long[] pairs = new long[64];
    private int[] ports = new int[64];
    private int[] aggregates = new int[64];
    private boolean[] reverses = new boolean[64];
    private long[] lasts = new long[64];
    private int[] overs = new int[64];
    private boolean[] used = new boolean[64];
    private int size;

    /** The slot of the flow, or -1. */
    int find(int proto, long pair, int portWord) {
        int i = slot(proto, pair, portWord);
        return used[i] ? i : -1;
    }

    /** Adds a flow numbered {@code aggregate}; returns its slot. */
    int insert(int proto, long pair, int portWord, int aggregate, boolean reverse) {
        if ((size + 1) * 2 > used.length) {
            grow();
        }
        int i = slot(proto, pair, portWord);
        used[i] = true;
        protos[i] = proto;
        pairs[i] = pair;
        ports[i] = portWord;
        size++;
        renumber(i, aggregate, reverse);
        return i;
    }

    /** Gives the flow in slot {@code i} a new number and direction, as a new flow. */
    void renumber(int i, int aggregate, boolean reverse) {
        aggregates[i] = aggregate;
        reverses[i] = reverse;
        overs[i] = 0;
    }

    /** The slot of the flow numbered {@code aggregate}, or -1 (a scan: for held fragments only). */
    int findByAggregate(int aggregate) {
        for (int i = 0; i < used.length; i++) {
            if (used[i] && aggregates[i] == aggregate) {
                return i;
            }
        }
        return -1;
    }

    int aggregate(int i) {
        return aggregates[i];
    }

    boolean reverse(int i) {
        return reverses[i];
    }

    long last(int i) {
        return lasts[i];
    }

    void setLast(int i, long nanos) {
        lasts[i] = nanos;
    }

    int over(int i) {
        return overs[i];
    }

    void setOver(int i, int over) {
        overs[i] = over;
    }

    void clear() {
        Arrays.fill(used, false);
        size = 0;
    }

    private int slot(int proto, long pair, int portWord) {
        int mask = used.length - 1;
        long h = (pair * 0x9E3779B97F4A7C15L) ^ (portWord * 0xC2B2AE3DL) ^ proto;
        int i = (int) (h ^ (h >>> 32)) & mask;
        while (used[i] && (pairs[i] != pair || ports[i] != portWord || protos[i] != proto)) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private void grow() {
        int[] oProtos = protos;
        long[] oPairs = pairs;
        int[] oPorts = ports;
        int[] oAggregates = aggregates;
        boolean[] oReverses = reverses;
        long[] oLasts = lasts;
        int[] oOvers = overs;
        boolean[] oUsed = used;
        int n = used.length * 2;
        protos = new int[n];
        pairs = new long[n];
        ports = new int[n];
        aggregates = new int[n];
        reverses = new boolean[n];
        lasts = new long[n];
        overs = new int[n];
        used = new boolean[n];
        for (int i = 0; i < oUsed.length; i++) {
            if (oUsed[i]) {
                int j = slot(oProtos[i], oPairs[i], oPorts[i]);
                used[j] = true;
                protos[j] = oProtos[i];
                pairs[j] = oPairs[i];
                ports[j] = oPorts[i];
                aggregates[j] = oAggregates[i];
                reverses[j] = oReverses[i];
                lasts[j] = oLasts[i];
                overs[j] = oOvers[i];
            }
        }
    }
}
