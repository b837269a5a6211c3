package io.jmill.elements.classifier;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles an ordered list of rules ({@link Expr}s) into a {@link Program}: a decision DAG whose
 * nodes each make one {@link FieldTest} and jump on its three outcomes (in range, out of range,
 * short), ending at the number of the first rule that matches.
 *
 * <p>Three steps, all at configuration time:
 * <ol>
 * <li><b>Build.</b> Rules are chained last to first, so that rule i's failure continues with rule
 *     i+1; each expression is compiled with continuation targets (and/or/not just rewire targets).
 *     Nodes are hash-consed, so equal subtrees are shared, and a node whose outcomes all lead to
 *     the same place disappears. Constants were folded by {@link Expr}'s factories.</li>
 * <li><b>Optimize.</b> Like Click's dominator optimizer: walking the DAG from the root, remember
 *     the outcomes of the tests made on the way; a node whose outcome is then known (same field:
 *     {@code tcp} known true decides {@code udp}, {@code port 80} decides {@code port 80} again)
 *     is bypassed. A node reached with different knowledge is specialized per knowledge, which can
 *     duplicate nodes; if the program would grow too much, the unoptimized DAG is kept.</li>
 * <li><b>Lay out.</b> Reachable nodes are numbered so that every jump goes forward.</li>
 * </ol>
 */
final class ProgramCompiler {
    /** Outcome bits in path knowledge. */
    static final int IN = 1;
    static final int OUT = 2;
    static final int SHORT = 4;
    private static final int ALL = IN | OUT | SHORT;

    /** Give up optimizing past this many specialized (node, knowledge) pairs. */
    private static final int OPTIMIZE_BUDGET = 50_000;

    private final List<FieldTest> tests = new ArrayList<>();
    private final Map<FieldTest, Integer> testIds = new HashMap<>();
    /** Field number of each test: tests on the same bytes share it. */
    private final List<Integer> testField = new ArrayList<>();
    private final List<FieldTest> fields = new ArrayList<>();

    private final List<Node> nodes = new ArrayList<>();
    private final Map<Node, Integer> nodeIds = new HashMap<>();

    /** A DAG node; targets >= 0 are nodes, < 0 are {@code ~rule}. */
    private record Node(int test, int yes, int no, int shrt) {
    }

    private ProgramCompiler() {
    }

    /**
     * Compiles rules in priority order. The program returns the index of the first rule whose
     * expression is true, or {@code rules.size()} if none is.
     *
     * @param optimize false to skip the path optimization (tests compare both)
     */
    static Program compile(List<Expr> rules, boolean optimize) {
        ProgramCompiler c = new ProgramCompiler();
        int root = ~rules.size();
        for (int r = rules.size() - 1; r >= 0; r--) {
            root = c.compile(rules.get(r), ~r, root);
        }
        if (optimize && root >= 0) {
            int built = c.nodes.size();
            try {
                int optimized = new Optimizer(c, built).run(root);
                if (optimized != Optimizer.GAVE_UP) {
                    root = optimized;
                }
            } catch (StackOverflowError e) {
                // A very deep rule chain: keep the unoptimized program rather than fail.
            }
        }
        return c.layOut(root, rules.size());
    }

    /** Compiles {@code e} so that it continues at {@code t} when true and {@code f} when false. */
    private int compile(Expr e, int t, int f) {
        return switch (e) {
            case Expr.Const k -> k.value() ? t : f;
            case Expr.Leaf l -> {
                FieldTest complement = l.inverted() ? complement(l.test()) : null;
                if (complement != null) {
                    yield node(testId(complement), t, f, f);
                }
                yield l.inverted() ? node(testId(l.test()), f, t, f) : node(testId(l.test()), t, f, f);
            }
            case Expr.Not n -> compile(n.operand(), f, t);
            case Expr.And a -> {
                int cur = t;
                for (int i = a.operands().size() - 1; i >= 0; i--) {
                    cur = compile(a.operands().get(i), cur, f);
                }
                yield cur;
            }
            case Expr.Or o -> {
                int cur = f;
                for (int i = o.operands().size() - 1; i >= 0; i--) {
                    cur = compile(o.operands().get(i), t, cur);
                }
                yield cur;
            }
            case Expr.Cond c -> compile(c.condition(), compile(c.then(), t, f), compile(c.otherwise(), t, f));
        };
    }

    /**
     * The test accepting exactly the masked values {@code t} rejects, if they form one range
     * (both fail on short packets, so an inverted leaf becomes a plain one): {@code ttl < 10},
     * parsed as "not ttl > 9", becomes the range 0-9.
     */
    private static FieldTest complement(FieldTest t) {
        if (t.lo() != 0 && Integer.compareUnsigned(t.hi(), t.mask()) >= 0) {
            return new FieldTest(t.base(), t.offset(), t.width(), t.mask(), 0, t.lo() - 1);
        }
        if (t.lo() == 0 && Integer.compareUnsigned(t.hi(), t.mask()) < 0) {
            return new FieldTest(t.base(), t.offset(), t.width(), t.mask(), t.hi() + 1, t.mask());
        }
        return null;
    }

    private int testId(FieldTest t) {
        Integer id = testIds.get(t);
        if (id != null) {
            return id;
        }
        int n = tests.size();
        tests.add(t);
        testIds.put(t, n);
        int field = -1;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).sameField(t)) {
                field = i;
                break;
            }
        }
        if (field < 0) {
            field = fields.size();
            fields.add(t);
        }
        testField.add(field);
        return n;
    }

    /** The node for this test and targets, shared if it exists; a node with one destination vanishes. */
    private int node(int test, int yes, int no, int shrt) {
        if (yes == no && no == shrt) {
            return yes;
        }
        Node n = new Node(test, yes, no, shrt);
        Integer id = nodeIds.get(n);
        if (id != null) {
            return id;
        }
        int i = nodes.size();
        nodes.add(n);
        nodeIds.put(n, i);
        return i;
    }

    // ------------------------------------------------------------------ optimization

    /** Path-knowledge specialization over the nodes built so far (children always precede parents). */
    private static final class Optimizer {
        static final int GAVE_UP = Integer.MIN_VALUE;

        private final ProgramCompiler c;
        private final int limit;
        /** Fields reachable from each original node (including its own). */
        private final BitSet[] reach;
        private final Map<Key, Integer> memo = new HashMap<>();
        private int work;

        /** A node together with the path knowledge that matters below it. */
        private record Key(int node, int[] facts) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Key k && k.node == node && Arrays.equals(k.facts, facts);
            }

            @Override
            public int hashCode() {
                return 31 * node + Arrays.hashCode(facts);
            }
        }

        Optimizer(ProgramCompiler c, int built) {
            this.c = c;
            this.limit = 8 * built + 256;
            reach = new BitSet[built];
            for (int i = 0; i < built; i++) {
                Node n = c.nodes.get(i);
                BitSet b = new BitSet();
                b.set(c.testField.get(n.test));
                for (int t : new int[] {n.yes, n.no, n.shrt}) {
                    if (t >= 0) {
                        b.or(reach[t]);
                    }
                }
                reach[i] = b;
            }
        }

        /** The optimized root, or {@link #GAVE_UP} if the program would grow too much. */
        int run(int root) {
            return opt(root, new int[0]);
        }

        /**
         * The node equivalent to {@code n} for packets consistent with {@code facts}, a sorted
         * list of (test, possible outcomes) pairs.
         */
        private int opt(int n, int[] facts) {
            if (n < 0) {
                return n;
            }
            int[] relevant = restrict(facts, reach[n]);
            Key key = new Key(n, relevant);
            Integer done = memo.get(key);
            if (done != null) {
                return done;
            }
            if (++work > OPTIMIZE_BUDGET || c.nodes.size() > limit) {
                return GAVE_UP;
            }
            Node node = c.nodes.get(n);
            int possible = possibleOutcomes(node.test, relevant);
            int[] targets = {node.yes, node.no, node.shrt};
            int[] outcome = {IN, OUT, SHORT};
            int result;
            int only = 0;
            boolean seen = false;
            boolean single = true;
            for (int k = 0; k < 3; k++) {
                if ((possible & outcome[k]) != 0) {
                    if (!seen) {
                        only = targets[k];
                        seen = true;
                    } else if (only != targets[k]) {
                        single = false;
                    }
                }
            }
            if (possible == 0) {
                // Contradictory knowledge: the path cannot happen; any target will do.
                result = opt(node.no, relevant);
            } else if (single) {
                result = opt(only, relevant);
            } else {
                int[] rebuilt = new int[3];
                for (int k = 0; k < 3; k++) {
                    if ((possible & outcome[k]) == 0) {
                        continue;
                    }
                    // Outcomes leading to the same target share one specialization.
                    int mask = 0;
                    for (int m = 0; m < 3; m++) {
                        if ((possible & outcome[m]) != 0 && targets[m] == targets[k]) {
                            mask |= outcome[m];
                        }
                    }
                    rebuilt[k] = opt(targets[k], with(relevant, node.test, mask));
                    if (rebuilt[k] == GAVE_UP) {
                        return GAVE_UP;
                    }
                }
                // An impossible outcome may go anywhere: send it where a possible one goes.
                int fallback = (possible & OUT) != 0 ? rebuilt[1] : (possible & IN) != 0 ? rebuilt[0] : rebuilt[2];
                for (int k = 0; k < 3; k++) {
                    if ((possible & outcome[k]) == 0) {
                        rebuilt[k] = fallback;
                    }
                }
                result = c.node(node.test, rebuilt[0], rebuilt[1], rebuilt[2]);
            }
            if (result == GAVE_UP) {
                return GAVE_UP;
            }
            memo.put(key, result);
            return result;
        }

        /** Outcomes of test {@code b} that the knowledge allows. */
        private int possibleOutcomes(int b, int[] facts) {
            FieldTest tb = c.tests.get(b);
            int possible = ALL;
            for (int i = 0; i < facts.length; i += 2) {
                FieldTest ta = c.tests.get(facts[i]);
                if (!ta.sameField(tb)) {
                    continue;
                }
                int known = facts[i + 1];
                int derived = 0;
                if ((known & SHORT) != 0) {
                    derived |= SHORT;
                }
                if ((known & IN) != 0) {
                    derived |= ta.subsetOf(tb) ? IN : ta.disjointFrom(tb) ? OUT : IN | OUT;
                }
                if ((known & OUT) != 0) {
                    derived |= ta.complementSubsetOf(tb) ? IN : tb.subsetOf(ta) ? OUT : IN | OUT;
                }
                possible &= derived;
            }
            return possible;
        }

        private int[] restrict(int[] facts, BitSet fieldsBelow) {
            int keep = 0;
            for (int i = 0; i < facts.length; i += 2) {
                if (fieldsBelow.get(c.testField.get(facts[i]))) {
                    keep++;
                }
            }
            if (keep * 2 == facts.length) {
                return facts;
            }
            int[] r = new int[keep * 2];
            int j = 0;
            for (int i = 0; i < facts.length; i += 2) {
                if (fieldsBelow.get(c.testField.get(facts[i]))) {
                    r[j++] = facts[i];
                    r[j++] = facts[i + 1];
                }
            }
            return r;
        }

        private static int[] with(int[] facts, int test, int outcomes) {
            int i = 0;
            while (i < facts.length && facts[i] < test) {
                i += 2;
            }
            if (i < facts.length && facts[i] == test) {
                int[] r = facts.clone();
                r[i + 1] &= outcomes;
                return r;
            }
            int[] r = new int[facts.length + 2];
            System.arraycopy(facts, 0, r, 0, i);
            r[i] = test;
            r[i + 1] = outcomes;
            System.arraycopy(facts, i, r, i + 2, facts.length - i);
            return r;
        }
    }

    // ------------------------------------------------------------------ layout

    private Program layOut(int root, int nrules) {
        if (root < 0) {
            return new Program(new int[0], new FieldTest[0], root, nrules);
        }
        // Collect nodes reachable from the root; higher ids are parents, so descending order is topological.
        BitSet seen = new BitSet();
        ArrayDeque<Integer> stack = new ArrayDeque<>();
        stack.push(root);
        seen.set(root);
        while (!stack.isEmpty()) {
            Node n = nodes.get(stack.pop());
            for (int t : new int[] {n.yes, n.no, n.shrt}) {
                if (t >= 0 && !seen.get(t)) {
                    seen.set(t);
                    stack.push(t);
                }
            }
        }
        int count = seen.cardinality();
        int[] order = new int[count];
        int[] index = new int[nodes.size()];
        int k = 0;
        for (int id = seen.length() - 1; id >= 0; id = seen.previousSetBit(id - 1)) {
            index[id] = k;
            order[k++] = id;
        }
        int[] code = new int[count * Program.STRIDE];
        FieldTest[] nodeTests = new FieldTest[count];
        for (int i = 0; i < count; i++) {
            Node n = nodes.get(order[i]);
            FieldTest t = tests.get(n.test);
            nodeTests[i] = t;
            int b = i * Program.STRIDE;
            code[b + Program.LOC] = (t.base() << 24) | (t.width() << 16) | t.offset();
            code[b + Program.MASK] = t.mask();
            code[b + Program.LO] = t.lo();
            code[b + Program.SPAN] = (t.hi() - t.lo()) ^ Integer.MIN_VALUE;
            code[b + Program.YES] = n.yes < 0 ? n.yes : index[n.yes];
            code[b + Program.NO] = n.no < 0 ? n.no : index[n.no];
            code[b + Program.SHORT] = n.shrt < 0 ? n.shrt : index[n.shrt];
        }
        return new Program(code, nodeTests, 0, nrules);
    }
}
