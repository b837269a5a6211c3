package io.jmill.elements.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ProgramCompilerTest {

    // ------------------------------------------------------------------ an independent evaluator

    /** Direct evaluation of an expression on bytes, by the rules documented on {@link Expr}. */
    static boolean eval(Expr e, byte[] b) {
        return switch (e) {
            case Expr.Const c -> c.value();
            case Expr.Leaf l -> {
                FieldTest t = l.test();
                if (t.offset() + t.width() > b.length) {
                    yield false;
                }
                long v = 0;
                for (int i = 0; i < t.width(); i++) {
                    v = (v << 8) | (b[t.offset() + i] & 0xFF);
                }
                long masked = v & Integer.toUnsignedLong(t.mask());
                boolean in = masked >= Integer.toUnsignedLong(t.lo()) && masked <= Integer.toUnsignedLong(t.hi());
                yield in != l.inverted();
            }
            case Expr.Not n -> !eval(n.operand(), b);
            case Expr.And a -> a.operands().stream().allMatch(x -> eval(x, b));
            case Expr.Or o -> o.operands().stream().anyMatch(x -> eval(x, b));
            case Expr.Cond c -> eval(c.condition(), b) ? eval(c.then(), b) : eval(c.otherwise(), b);
        };
    }

    static int firstMatch(List<Expr> rules, byte[] b) {
        for (int i = 0; i < rules.size(); i++) {
            if (eval(rules.get(i), b)) {
                return i;
            }
        }
        return rules.size();
    }

    // ------------------------------------------------------------------ random expressions

    /** Tests over the first six bytes, with small values so that random packets often match. */
    static FieldTest randomTest(Random r) {
        int width = 1 + r.nextInt(r.nextInt(4) == 0 ? 4 : 2);
        int offset = r.nextInt(7 - Math.min(width, 3));
        int full = width == 4 ? -1 : (1 << (8 * width)) - 1;
        int mask = switch (r.nextInt(4)) {
            case 0 -> full;
            case 1 -> 0x3 & full;
            case 2 -> (r.nextInt() | 1) & full;
            default -> (1 << r.nextInt(2)) & full;
        };
        int lo = r.nextInt(4) & mask;
        int hi = r.nextBoolean() ? lo : lo + r.nextInt(4);
        if (r.nextInt(5) == 0) {
            hi = mask;
        }
        return new FieldTest(FieldTest.DATA, offset, width, mask, lo, hi);
    }

    static Expr randomExpr(Random r, int depth) {
        if (depth == 0 || r.nextInt(4) == 0) {
            return switch (r.nextInt(12)) {
                case 0 -> Expr.TRUE;
                case 1 -> Expr.FALSE;
                default -> new Expr.Leaf(randomTest(r), r.nextInt(3) == 0);
            };
        }
        return switch (r.nextInt(5)) {
            case 0 -> Expr.not(randomExpr(r, depth - 1));
            case 1 -> Expr.and(randomExpr(r, depth - 1), randomExpr(r, depth - 1), randomExpr(r, depth - 1));
            case 2 -> Expr.or(randomExpr(r, depth - 1), randomExpr(r, depth - 1));
            case 3 -> Expr.cond(randomExpr(r, depth - 1), randomExpr(r, depth - 1), randomExpr(r, depth - 1));
            default -> Expr.and(randomExpr(r, depth - 1), Expr.or(randomExpr(r, depth - 1), randomExpr(r, depth - 1)));
        };
    }

    static byte[] randomPacket(Random r) {
        byte[] b = new byte[r.nextInt(9)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (r.nextInt(6) == 0 ? r.nextInt(256) : r.nextInt(4));
        }
        return b;
    }

    private static final java.util.Map<Program, Matcher> COMPILED = new java.util.IdentityHashMap<>();

    /** The interpreter's result, checked against the compiled program's ({@link ProgramCodegen}). */
    static int match(Program p, byte[] bytes) {
        Packet pkt = Harness.packet(bytes);
        try {
            int interpreted = p.match(pkt);
            Matcher compiled = COMPILED.computeIfAbsent(p, ProgramCodegen::compile);
            assertEquals(interpreted, compiled.match(pkt), "the compiled program disagrees with the interpreter");
            return interpreted;
        } finally {
            pkt.kill();
        }
    }

    @Test
    void programsAreCompiledUnlessTooLarge() {
        Program small = ProgramCompiler.compile(List.of(Expr.leaf(new FieldTest(FieldTest.DATA, 0, 1, 0xFF, 1, 1))), true);
        Matcher m = ProgramCodegen.compile(small);
        assertTrue(m.getClass().isHidden(), m.getClass().toString());
        assertEquals(0, match(small, new byte[] {1}));
        assertEquals(1, match(small, new byte[] {2}));
        assertEquals(1, match(small, new byte[0]), "short");
        Program constant = ProgramCompiler.compile(List.of(Expr.TRUE), true);
        assertEquals(0, match(constant, new byte[0]));
        List<Expr> many = new ArrayList<>();
        for (int i = 0; i <= ProgramCodegen.MAX_NODES; i++) {
            many.add(Expr.leaf(new FieldTest(FieldTest.DATA, 0, 2, 0xFFFF, i, i)));
        }
        Program large = ProgramCompiler.compile(many, true);
        assertTrue(large.size() > ProgramCodegen.MAX_NODES);
        assertTrue(ProgramCodegen.compile(large) == large, "stays interpreted");
    }

    @Test
    void randomRuleSetsMatchTheDirectEvaluation() {
        Random r = new Random(12345);
        int before = PacketPool.inUse();
        int optimizedSmaller = 0;
        for (int round = 0; round < 400; round++) {
            List<Expr> rules = new ArrayList<>();
            int n = 1 + r.nextInt(6);
            for (int i = 0; i < n; i++) {
                rules.add(randomExpr(r, 3));
            }
            Program plain = ProgramCompiler.compile(rules, false);
            Program optimized = ProgramCompiler.compile(rules, true);
            if (optimized.size() < plain.size()) {
                optimizedSmaller++;
            }
            for (int k = 0; k < 60; k++) {
                byte[] b = randomPacket(r);
                int want = firstMatch(rules, b);
                assertEquals(want, match(plain, b), () -> rules + " on " + java.util.Arrays.toString(b));
                assertEquals(want, match(optimized, b), () -> rules + " on " + java.util.Arrays.toString(b)
                        + "\n" + optimized.unparse(i -> "[" + i + "]"));
            }
        }
        assertEquals(before, PacketPool.inUse());
        assertTrue(optimizedSmaller > 50, "the optimizer should often remove steps, did " + optimizedSmaller);
    }

    // ------------------------------------------------------------------ field relations, by brute force

    static boolean accepts(FieldTest t, int v) {
        long m = v & Integer.toUnsignedLong(t.mask());
        return m >= Integer.toUnsignedLong(t.lo()) && m <= Integer.toUnsignedLong(t.hi());
    }

    /** Whenever a relation claims to hold it must hold for every value of the field. */
    @Test
    void fieldRelationsAreSound() {
        Random r = new Random(99);
        int claims = 0;
        for (int round = 0; round < 3000; round++) {
            claims += checkRelations(twoByteTest(r), twoByteTest(r), 65536);
        }
        for (int round = 0; round < 100_000; round++) {
            claims += checkRelations(oneByteTest(r), oneByteTest(r), 256);
        }
        assertTrue(claims > 30_000, "relations should often be decided, were " + claims);
    }

    static int checkRelations(FieldTest a, FieldTest b, int values) {
        int claims = 0;
        {
            boolean subset = true;
            boolean disjoint = true;
            boolean complementSubset = true;
            for (int v = 0; v < values; v++) {
                boolean inA = accepts(a, v);
                boolean inB = accepts(b, v);
                subset &= !inA || inB;
                disjoint &= !(inA && inB);
                complementSubset &= inA || inB;
            }
            if (a.subsetOf(b)) {
                assertTrue(subset, a + " subsetOf " + b);
                claims++;
            }
            if (a.disjointFrom(b)) {
                assertTrue(disjoint, a + " disjointFrom " + b);
                claims++;
            }
            if (a.complementSubsetOf(b)) {
                assertTrue(complementSubset, a + " complementSubsetOf " + b);
                claims++;
            }
        }
        return claims;
    }

    /** One-byte tests with small masks and ranges, so that edge cases (adjacent ranges) come up. */
    static FieldTest oneByteTest(Random r) {
        int mask = switch (r.nextInt(4)) {
            case 0 -> 0xFF;
            case 1 -> 0x0F;
            case 2 -> 1 << r.nextInt(3);
            default -> r.nextInt(256) | 1;
        };
        int lo = r.nextInt(3) == 0 ? 0 : r.nextInt(18) & mask;
        int hi = switch (r.nextInt(3)) {
            case 0 -> mask;
            case 1 -> lo;
            default -> Math.min(lo + r.nextInt(5), 0xFF);
        };
        return new FieldTest(FieldTest.DATA, 0, 1, mask, lo, hi);
    }

    static FieldTest twoByteTest(Random r) {
        int mask = switch (r.nextInt(4)) {
            case 0 -> 0xFFFF;
            case 1 -> 0x00F0;
            case 2 -> 1 << r.nextInt(3);
            default -> r.nextInt(0x10000) | 1;
        };
        if (r.nextInt(3) == 0) {
            int v = r.nextInt(4) & mask;
            return FieldTest.equal(FieldTest.DATA, 0, 2, mask, v);
        }
        int lo = r.nextInt(8) & mask;
        int hi = r.nextBoolean() ? mask : lo + r.nextInt(64);
        return new FieldTest(FieldTest.DATA, 0, 2, mask, lo, hi);
    }

    // ------------------------------------------------------------------ size limits

    @Test
    void hugeRuleSetsStillCompileAndClassify() throws Exception {
        // 3000 rules chained: deep paths for the optimizer (it may give up, results must not change).
        List<Expr> rules = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            rules.add(Expr.and(
                    Expr.leaf(FieldTest.equal(FieldTest.DATA, 0, 2, 0xFFFF, i)),
                    new Expr.Leaf(FieldTest.equal(FieldTest.DATA, 2, 1, 0xFF, i & 0xFF), i % 3 == 0)));
        }
        Program p = ProgramCompiler.compile(rules, true);
        Random r = new Random(7);
        for (int k = 0; k < 300; k++) {
            int v = r.nextInt(3100);
            byte[] b = {(byte) (v >> 8), (byte) v, (byte) r.nextInt(256)};
            assertEquals(firstMatch(rules, b), match(p, b));
        }
    }

    @Test
    void width3FieldsReadThreeBytes() {
        FieldTest t = new FieldTest(FieldTest.DATA, 1, 3, 0xFFFFFF, 0x010203, 0x010203);
        Program p = ProgramCompiler.compile(List.of(Expr.leaf(t)), true);
        assertEquals(0, match(p, new byte[] {9, 1, 2, 3}));
        assertEquals(1, match(p, new byte[] {9, 1, 2, 4}));
        assertEquals(1, match(p, new byte[] {9, 1, 2}));
    }
}
