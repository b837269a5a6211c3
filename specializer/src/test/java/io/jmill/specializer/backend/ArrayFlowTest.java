package io.jmill.specializer.backend;

import io.jmill.specializer.backend.ArrayFlow.Facts;
import org.junit.jupiter.api.Test;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stack simulation: which field's array a store, an escape or a copy concerns, on every path. */
class ArrayFlowTest {
    private static final String OWNER = Tables.class.getName().replace('.', '/');

    /** Methods that reach their arrays in the ways the simulation must follow. */
    @SuppressWarnings("unused")
    static final class Tables {
        private final int[] a = new int[2];
        private final int[] b = new int[2];
        private final int[][] grid = {new int[2]};
        private int[] copy;

        void pick(boolean first, int v) {
            (first ? a : b)[0] = v; // both arms reach the store through the join
        }

        void nested(int v) {
            grid[0][1] = v;
        }

        void viaLocal(int v) {
            int[] t = a;
            t = v > 0 ? t : b;
            t[1] = v;
        }

        int[] leak() {
            return b;
        }

        void keep() {
            copy = a;
        }

        long wide(long x, int v) {
            long y = x + 1;
            a[0] = v;
            return y;
        }

        static void helper(int[] x) {
            x[0] = 1;
        }

        void passes() {
            helper(b);
        }

        int reads() {
            return a[0] + b[1] + grid[0][0];
        }
    }

    @Test
    void aStoreBehindAConditionalExpressionCountsAgainstBothFields() {
        assertEquals(Set.of(field("a"), field("b")), facts("pick").storedFields());
        assertEquals(Set.of(field("a"), field("b")), facts("viaLocal").storedFields());
    }

    @Test
    void aStoreIntoAnInnerArrayCountsAgainstTheOuterField() {
        assertEquals(Set.of(field("grid")), facts("nested").storedFields());
    }

    @Test
    void wideValuesKeepTheStackInStep() {
        assertEquals(Set.of(field("a")), facts("wide").storedFields());
        assertTrue(facts("wide").analyzable());
    }

    @Test
    void returnsCopiesAndCallsAreTold() {
        assertEquals(Set.of(field("b")), facts("leak").escapedFields());
        assertEquals(Set.of(field("a")), facts("keep").copiedFields());
        assertEquals(Set.of(0), facts("helper").storedParams());
        Facts passes = facts("passes");
        assertTrue(passes.storedFields().isEmpty(), "the store is the helper's, attributed through its parameter");
        assertEquals(1, passes.argFlows().size());
        assertTrue(passes.argFlows().getFirst().srcs().contains(new ArrayFlow.FieldSrc(field("b"), 1)));
    }

    @Test
    void readsAreNothing() {
        Facts f = facts("reads");
        assertTrue(f.storedFields().isEmpty() && f.escapedFields().isEmpty() && f.copiedFields().isEmpty());
        assertFalse(f.anyEscape());
        assertTrue(f.anyStores().isEmpty());
    }

    private static String field(String name) {
        return OWNER + "." + name;
    }

    private static Facts facts(String method) {
        ClassModel model = ClassCode.model(Tables.class);
        for (MethodModel m : model.methods()) {
            if (m.methodName().equalsString(method)) {
                return ArrayFlow.of(model, m);
            }
        }
        throw new AssertionError("no method " + method);
    }
}
