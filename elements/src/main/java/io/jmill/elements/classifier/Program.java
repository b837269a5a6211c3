package io.jmill.elements.classifier;

import io.jmill.layout.Packet;

import java.util.function.IntFunction;

/**
 * A compiled classification program: a decision DAG stored in one {@code int} array, walked once
 * per packet by {@link #match(Packet)} without allocation (interpreted here; {@link ProgramCodegen}
 * turns it into code).
 *
 * <p>Node {@code i} occupies {@code code[8*i .. 8*i+7]}: where to read (base, width, offset),
 * mask, range low bound, biased range span, and the next step for "in range", "out of range" and
 * "short". A next step {@code >= 0} is a node (always a later one); a negative step {@code ~r}
 * ends the walk with rule {@code r} ({@code r == nrules}: nothing matched).
 *
 * <p>A test whose bytes do not lie entirely within the packet's data, or whose header annotation
 * is unset, takes its "short" step and reads nothing (bases: see {@link Matcher}).
 */
final class Program extends Matcher {
    static final int STRIDE = 8;
    static final int LOC = 0;
    static final int MASK = 1;
    static final int LO = 2;
    static final int SPAN = 3;
    static final int YES = 4;
    static final int NO = 5;
    static final int SHORT = 6;

    private final int[] code;
    private final FieldTest[] nodeTests;
    private final int root;
    private final int nrules;

    Program(int[] code, FieldTest[] nodeTests, int root, int nrules) {
        super(uses(nodeTests, FieldTest.MAC, FieldTest.MAC), uses(nodeTests, FieldTest.NET, FieldTest.TRANSPORT));
        this.code = code;
        this.nodeTests = nodeTests;
        this.root = root;
        this.nrules = nrules;
    }

    private static boolean uses(FieldTest[] tests, int base1, int base2) {
        for (FieldTest t : tests) {
            if (t.base() == base1 || t.base() == base2) {
                return true;
            }
        }
        return false;
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

    @Override
    int walk(long data, int len, int mac, int net, int transport) {
        int j = root;
        final int[] c = code;
        while (j >= 0) {
            int b = j << 3;
            int loc = c[b];
            int base = loc >>> 24;
            int at = (loc & 0xFFFF) + (base == FieldTest.NET ? net
                    : base == FieldTest.TRANSPORT ? transport : base == FieldTest.MAC ? mac : 0);
            int w = (loc >>> 16) & 0xFF;
            if (at + w > len) {
                j = c[b + SHORT];
            } else {
                long a = data + at;
                int v = w == 1 ? read1(a) : w == 2 ? read2(a) : w == 4 ? read4(a) : read3(a);
                j = ((((v & c[b + MASK]) - c[b + LO]) ^ Integer.MIN_VALUE) <= c[b + SPAN]) ? c[b + YES] : c[b + NO];
            }
        }
        return ~j;
    }

    /** The node array (see the class comment); for {@link ProgramCodegen}. */
    int[] code() {
        return code;
    }

    /** The first step: a node, or {@code ~rule} if the result does not depend on the packet. */
    int root() {
        return root;
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
