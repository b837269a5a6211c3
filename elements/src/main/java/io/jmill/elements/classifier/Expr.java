package io.jmill.elements.classifier;

import java.util.ArrayList;
import java.util.List;

/**
 * A classification condition, as parsed from a Classifier pattern or an IPClassifier expression,
 * before it is compiled into a decision tree.
 *
 * <p>Semantics on a packet: a {@link Leaf} is true when its test's bytes are present and its
 * range check gives the wanted answer ({@code inverted} asks for "out of range"); when the bytes
 * are missing (short packet, absent header) a leaf is <em>false</em>, whichever answer it wanted.
 * {@link Not} is plain negation, so {@code not P} is true on a packet too short for {@code P}.
 * That is Click's behaviour: {@code src port != 80} is false on a truncated header, while
 * {@code not src port 80} is true.
 */
sealed interface Expr {
    Expr TRUE = new Const(true);
    Expr FALSE = new Const(false);

    record Const(boolean value) implements Expr {
    }

    /** A test; true if its bytes are present and in range ({@code inverted}: out of range). */
    record Leaf(FieldTest test, boolean inverted) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    record And(List<Expr> operands) implements Expr {
    }

    record Or(List<Expr> operands) implements Expr {
    }

    /** {@code condition ? then : otherwise}. */
    record Cond(Expr condition, Expr then, Expr otherwise) implements Expr {
    }

    static Expr leaf(FieldTest t) {
        // A test that masks every bit away is decided without reading: Click's "mask 0" test.
        if (t.mask() == 0) {
            return t.accepts(0) ? TRUE : FALSE;
        }
        return new Leaf(t, false);
    }

    static Expr not(Expr e) {
        if (e instanceof Const c) {
            return c.value ? FALSE : TRUE;
        }
        if (e instanceof Not n) {
            return n.operand;
        }
        return new Not(e);
    }

    static Expr and(Expr... es) {
        return and(List.of(es));
    }

    static Expr and(List<Expr> es) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : es) {
            if (e instanceof Const c) {
                if (!c.value) {
                    return FALSE;
                }
            } else if (e instanceof And a) {
                out.addAll(a.operands);
            } else {
                out.add(e);
            }
        }
        return out.isEmpty() ? TRUE : out.size() == 1 ? out.getFirst() : new And(List.copyOf(out));
    }

    static Expr or(Expr... es) {
        return or(List.of(es));
    }

    static Expr or(List<Expr> es) {
        List<Expr> out = new ArrayList<>();
        for (Expr e : es) {
            if (e instanceof Const c) {
                if (c.value) {
                    return TRUE;
                }
            } else if (e instanceof Or o) {
                out.addAll(o.operands);
            } else {
                out.add(e);
            }
        }
        return out.isEmpty() ? FALSE : out.size() == 1 ? out.getFirst() : new Or(List.copyOf(out));
    }

    static Expr cond(Expr c, Expr a, Expr b) {
        if (c instanceof Const k) {
            return k.value ? a : b;
        }
        return new Cond(c, a, b);
    }

    /**
     * The relation's negation inside one primitive (Click's {@code !=}, {@code <=}, ...): like
     * {@link #not} but leaves stay false on short packets. Applies De Morgan down to the leaves.
     */
    static Expr invert(Expr e) {
        return switch (e) {
            case Const c -> c.value ? FALSE : TRUE;
            case Leaf l -> new Leaf(l.test, !l.inverted);
            case And a -> or(a.operands.stream().map(Expr::invert).toList());
            case Or o -> and(o.operands.stream().map(Expr::invert).toList());
            case Not n -> throw new IllegalArgumentException("cannot invert a negation: " + n);
            case Cond c -> throw new IllegalArgumentException("cannot invert a conditional: " + c);
        };
    }
}
