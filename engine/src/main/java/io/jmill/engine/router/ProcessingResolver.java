package io.jmill.engine.router;

import io.jmill.engine.element.Processing;

/**
 * Resolves agnostic ports to push or pull, Click's way: every agnostic port of an element is tied
 * to the element's other agnostic ports, each connection ties its two ends, and a group takes the
 * fixed processing of any member (push when it has none). A group with both push and pull
 * members is a conflict, reported at the connection that joined them.
 */
final class ProcessingResolver {
    private final int[] parent;
    private final Processing[] fixed;

    /** {@code initial[i]} is port i's declared processing. */
    ProcessingResolver(Processing[] initial) {
        parent = new int[initial.length];
        fixed = new Processing[initial.length];
        for (int i = 0; i < initial.length; i++) {
            parent[i] = i;
            fixed[i] = initial[i] == Processing.AGNOSTIC ? null : initial[i];
        }
    }

    private int root(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /** Processing the group of port {@code i} is fixed to, or null if still agnostic. */
    Processing fixedOf(int i) {
        return fixed[root(i)];
    }

    /**
     * Ties ports {@code a} and {@code b}; returns false (and ties nothing) if one group is push
     * and the other pull.
     */
    boolean tie(int a, int b) {
        int ra = root(a);
        int rb = root(b);
        if (ra == rb) {
            return true;
        }
        Processing pa = fixed[ra];
        Processing pb = fixed[rb];
        if (pa != null && pb != null && pa != pb) {
            return false;
        }
        parent[ra] = rb;
        fixed[rb] = pb != null ? pb : pa;
        return true;
    }

    /** Final processing of port {@code i}: its group's, or push for an all-agnostic group. */
    Processing resolved(int i) {
        Processing p = fixed[root(i)];
        return p == null ? Processing.PUSH : p;
    }
}
