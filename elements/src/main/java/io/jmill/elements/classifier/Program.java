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
     * The program as Click prints it: one node a line, {@code  0 264/00060000%00ff0000  yes->step 2
     * no->step 1} (see {@link FieldTest#unparseClick()}), or {@code all->[N]} when the result does not
     * depend on the packet, then the safe length (one past the last byte any node reads) and
     * the alignment offset (always 0). Nodes are numbered as Click numbers its steps: in a
     * topological order that takes a node's "yes" branch before its "no" branch as soon as all
     * jumps into it are numbered. A {@code short->} outcome is shown when it is not the "no" one.
     * {@code rule} names a final rule (e.g. {@code [2]}).
     */
    String unparse(IntFunction<String> rule) {
        StringBuilder sb = new StringBuilder();
        int[] order = clickOrder();
        int[] number = new int[nodeTests.length];
        for (int k = 0; k < order.length; k++) {
            number[order[k]] = k;
        }
        int safe = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            int b = i * STRIDE;
            int yes = c(b + YES);
            int no = c(b + NO);
            int shrt = c(b + SHORT);
            sb.append(k < 10 ? " " : "").append(k).append(' ').append(nodeTests[i].unparseClick())
                    .append("  yes->").append(step(yes, number, rule))
                    .append("  no->").append(step(no, number, rule));
            if (shrt == yes && yes != no) {
                sb.append("  short->yes");
            } else if (shrt != no) {
                sb.append("  short->").append(step(shrt, number, rule));
            }
            sb.append('\n');
            safe = Math.max(safe, nodeTests[i].clickSafeLength());
        }
        if (root < 0) {
            sb.append("all->").append(rule.apply(~root)).append('\n');
        }
        return sb.append("safe length ").append(safe).append("\nalignment offset 0\n").toString();
    }

    /** Node indices in Click's step order (see {@link #unparse}). */
    private int[] clickOrder() {
        int n = nodeTests.length;
        int[] pending = new int[n];
        for (int i = 0; i < n; i++) {
            for (int t : new int[] {c(i * STRIDE + YES), c(i * STRIDE + NO), c(i * STRIDE + SHORT)}) {
                if (t >= 0) {
                    pending[t]++;
                }
            }
        }
        int[] order = new int[n];
        int count = 0;
        java.util.ArrayDeque<Integer> ready = new java.util.ArrayDeque<>();
        if (root >= 0) {
            ready.push(root);
        }
        while (!ready.isEmpty()) {
            int i = ready.pop();
            order[count++] = i;
            // pushed last is taken first: yes, then no, then short
            for (int slot : new int[] {SHORT, NO, YES}) {
                int t = c(i * STRIDE + slot);
                if (t >= 0 && --pending[t] == 0) {
                    ready.push(t);
                }
            }
        }
        return count == n ? order : java.util.stream.IntStream.range(0, n).toArray();
    }

    private int c(int i) {
        return code[i];
    }

    private static String step(int j, int[] number, IntFunction<String> rule) {
        return j >= 0 ? "step " + number[j] : rule.apply(~j);
    }
}
