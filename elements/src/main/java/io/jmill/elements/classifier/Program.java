package io.jmill.elements.classifier;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

import java.util.function.IntFunction;

/**
 * A compiled classification program: a decision DAG stored in one {@code int} array, walked once
 * per packet by {@link #match(Packet)} without allocation.
 *
 * <p>Node {@code i} occupies {@code code[8*i .. 8*i+7]}: where to read (base, width, offset),
 * mask, range low bound, biased range span, and the next step for "in range", "out of range" and
 * "short". A next step {@code >= 0} is a node (always a later one); a negative step {@code ~r}
 * ends the walk with rule {@code r} ({@code r == nrules}: nothing matched).
 *
 * <p>Bases: data start (Classifier), the MAC header annotation, the network header annotation and
 * the transport header annotation. A test whose bytes do not lie entirely within the packet's
 * data, or whose header annotation is unset, takes its "short" step and reads nothing.
 * For IP programs, a packet without a network header annotation is taken to start with its IP
 * header, and its transport header to follow at 4 × IHL bytes (if IHL is at least 5).
 */
final class Program {
    static final int STRIDE = 8;
    static final int LOC = 0;
    static final int MASK = 1;
    static final int LO = 2;
    static final int SPAN = 3;
    static final int YES = 4;
    static final int NO = 5;
    static final int SHORT = 6;

    /** Start offset of an absent header: far enough that every read from it is "short". */
    private static final int ABSENT = 0x3FFF_0000;

    private final int[] code;
    private final FieldTest[] nodeTests;
    private final int root;
    private final int nrules;
    private final boolean usesMac;
    private final boolean usesIp;

    Program(int[] code, FieldTest[] nodeTests, int root, int nrules) {
        this.code = code;
        this.nodeTests = nodeTests;
        this.root = root;
        this.nrules = nrules;
        boolean mac = false;
        boolean ip = false;
        for (FieldTest t : nodeTests) {
            mac |= t.base() == FieldTest.MAC;
            ip |= t.base() == FieldTest.NET || t.base() == FieldTest.TRANSPORT;
        }
        this.usesMac = mac;
        this.usesIp = ip;
    }

    /** Number of rules; {@link #match} returns this when no rule matched. */
    int nrules() {
        return nrules;
    }

    /** Number of nodes. */
    int size() {
        return nodeTests.length;
    }

    /** If the result does not depend on the packet, that result; else -1. */
    int constantResult() {
        return root < 0 ? ~root : -1;
    }

    /** The index of the first matching rule, or {@link #nrules()} if none matched. */
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    int match(Packet p) {
        int j = root;
        if (j < 0) {
            return ~j;
        }
        int len = p.length();
        int mac = ABSENT;
        int net = ABSENT;
        int transport = ABSENT;
        if (usesMac && p.hasMacHeader()) {
            mac = p.macHeaderOffset();
        }
        if (usesIp) {
            if (p.hasNetworkHeader()) {
                net = p.networkHeaderOffset();
                if (p.hasTransportHeader()) {
                    transport = p.transportHeaderOffset();
                }
            } else {
                net = 0;
                int ihl = len > 0 ? p.u8(0) & 0xF : 0;
                if (ihl >= 5) {
                    transport = ihl << 2;
                }
            }
        }
        final int[] c = code;
        // The data start is looked up once per packet; every test then reads the packet memory
        // directly (the accessors would look it up again per field), at a raw address: a test
        // reads only below the packet's length, and a header base is never before the buffer.
        final long data = PacketMemory.ADDRESS + p.dataAddress();
        do {
            int b = j << 3;
            int loc = c[b];
            int base = loc >>> 24;
            int at = (loc & 0xFFFF) + (base == FieldTest.NET ? net
                    : base == FieldTest.TRANSPORT ? transport : base == FieldTest.MAC ? mac : 0);
            int w = (loc >>> 16) & 0xFF;
            if (at + w > len) {
                j = c[b + SHORT];
            } else {
                int v = read(data + at, w);
                j = ((((v & c[b + MASK]) - c[b + LO]) ^ Integer.MIN_VALUE) <= c[b + SPAN]) ? c[b + YES] : c[b + NO];
            }
        } while (j >= 0);
        return ~j;
    }

    /** The {@code w}-byte big-endian value (w = 1, 2, 3 or 4) at raw address {@code a}. */
    private static int read(long a, int w) {
        return switch (w) {
            case 1 -> UnsafeApi.getByte(a) & 0xFF;
            case 2 -> u16(a);
            case 4 -> BIG_ENDIAN ? UnsafeApi.getInt(a) : Integer.reverseBytes(UnsafeApi.getInt(a));
            default -> u16(a) << 8 | UnsafeApi.getByte(a + 2) & 0xFF;
        };
    }

    private static int u16(long a) {
        short v = UnsafeApi.getShort(a);
        return (BIG_ENDIAN ? v : Short.reverseBytes(v)) & 0xFFFF;
    }

    /**
     * The program as text, one node a line, in Click's style:
     * {@code  0  12/0806%ffff  yes->step 1  no->[3]}; a {@code short->} step is shown when it
     * differs from {@code no->}. {@code rule} names a final rule number (e.g. {@code [2]}).
     */
    String unparse(IntFunction<String> rule, boolean safeLength) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodeTests.length; i++) {
            int b = i * STRIDE;
            sb.append(i < 10 ? " " : "").append(i).append("  ").append(nodeTests[i].unparse())
                    .append("  yes->").append(step(c(b + YES), rule))
                    .append("  no->").append(step(c(b + NO), rule));
            if (c(b + SHORT) != c(b + NO)) {
                sb.append("  short->").append(step(c(b + SHORT), rule));
            }
            sb.append('\n');
        }
        if (root < 0) {
            sb.append("all->").append(rule.apply(~root)).append('\n');
        }
        if (safeLength) {
            int safe = 0;
            for (FieldTest t : nodeTests) {
                safe = Math.max(safe, t.offset() + t.width());
            }
            sb.append("safe length ").append(safe).append('\n');
        }
        return sb.toString();
    }

    private int c(int i) {
        return code[i];
    }

    private static String step(int j, IntFunction<String> rule) {
        return j >= 0 ? "step " + j : rule.apply(~j);
    }
}
