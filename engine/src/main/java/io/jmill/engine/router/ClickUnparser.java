package io.jmill.engine.router;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.jmill.engine.element.Element;

/**
 * Writes a router in Click's own unparsed layout (what Click's {@code config} handler prints for a
 * {@code require(compact_config)} router): the requirements, one declaration per element (top-level
 * elements first, then those of compound instances, as Click expands them), then the connections,
 * sorted by destination as Click keeps them, written as chains ({@code a -> b\n    -> c;}) where
 * an input-0 connection continues from the element it reached.
 */
final class ClickUnparser {

    private ClickUnparser() {
    }

    static String unparse(List<String> requirements, List<Element> elements, List<Connection> connections) {
        StringBuilder sb = new StringBuilder();
        if (!requirements.isEmpty()) {
            sb.append("require(").append(String.join(", ", requirements)).append(");\n\n");
        }
        List<Element> ordered = new ArrayList<>(elements);
        ordered.sort(Comparator.comparingInt(e -> depth(e.name())));
        Map<Element, Integer> index = new HashMap<>();
        for (Element e : ordered) {
            index.put(e, index.size());
            sb.append(e.name()).append(" :: ").append(e.className());
            if (!e.configText().isEmpty()) {
                sb.append('(').append(e.configText()).append(')');
            }
            sb.append(";\n");
        }
        if (!ordered.isEmpty()) {
            sb.append('\n');
        }
        List<Connection> sorted = new ArrayList<>(connections);
        sorted.sort(Comparator.<Connection>comparingInt(c -> index.get(c.to())).thenComparingInt(Connection::toPort)
                .thenComparingInt(c -> index.get(c.from())).thenComparingInt(Connection::fromPort));
        chains(sorted, sb);
        return sb.toString();
    }

    /** How deep in compound instances an element is: the slashes of its flattened name. */
    private static int depth(String name) {
        return (int) name.chars().filter(c -> c == '/').count();
    }

    private static void chains(List<Connection> conns, StringBuilder sb) {
        int n = conns.size();
        int[] next = new int[n];
        boolean[] startsChain = new boolean[n];
        Arrays.fill(next, -1);
        Arrays.fill(startsChain, true);
        for (int c = 0; c < n; c++) {
            Connection here = conns.get(c);
            if (here.toPort() != 0) {
                continue;
            }
            int found = -1;
            for (int d = 0; d < n; d++) {
                Connection there = conns.get(d);
                if (d != c && there.from() == here.to() && there.fromPort() == 0) {
                    found = d;
                    if (there.toPort() == 0) {
                        break;
                    }
                }
            }
            if (found >= 0) {
                next[c] = found;
                startsChain[found] = false;
            }
        }
        boolean[] used = new boolean[n];
        boolean done = false;
        while (!done) {
            for (int c = 0; c < n; c++) {
                if (used[c] || !startsChain[c]) {
                    continue;
                }
                Connection first = conns.get(c);
                sb.append(first.from().name());
                if (first.fromPort() != 0) {
                    sb.append(" [").append(first.fromPort()).append(']');
                }
                for (int d = c; d >= 0 && !used[d]; d = next[d]) {
                    sb.append(d == c ? " -> " : "\n    -> ");
                    Connection link = conns.get(d);
                    if (link.toPort() != 0) {
                        sb.append('[').append(link.toPort()).append("] ");
                    }
                    sb.append(link.to().name());
                    used[d] = true;
                }
                sb.append(";\n");
            }
            // what is left lies on cycles: start chains there too
            done = true;
            for (int c = 0; c < n && done; c++) {
                if (!used[c]) {
                    startsChain[c] = true;
                    done = false;
                }
            }
        }
    }
}
