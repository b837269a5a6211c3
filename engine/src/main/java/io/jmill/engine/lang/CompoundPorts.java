package io.jmill.engine.lang;

import java.util.List;

import io.jmill.engine.lang.Ast.Body;
import io.jmill.engine.lang.Ast.Chain;
import io.jmill.engine.lang.Ast.Item;
import io.jmill.engine.lang.Ast.Reference;

/**
 * A compound body's port counts, as its connections to {@code input} and {@code output} imply:
 * {@code input [2] -> ...} gives it at least 3 inputs. An overloaded class picks its body by them.
 */
final class CompoundPorts {

    private CompoundPorts() {
    }

    /** {@code {inputs, outputs}} of {@code body}. */
    static int[] of(Body body) {
        int[] counts = new int[2];
        for (Ast.Statement statement : body.statements()) {
            if (!(statement instanceof Chain chain)) {
                continue;
            }
            for (int k = 0; k < chain.connectors().size(); k++) {
                List<Item> from = chain.sides().get(k);
                List<Item> to = chain.sides().get(k + 1);
                List<PortPairing.Pair> pairs = PortPairing.pair(from.stream().map(Item::outputPorts).toList(),
                        to.stream().map(Item::inputPorts).toList(), chain.connectors().get(k).parallel(), _ -> { });
                for (PortPairing.Pair pair : pairs) {
                    if (isPseudo(body, from.get(pair.fromItem()), "input")) {
                        counts[0] = Math.max(counts[0], pair.fromPort() + 1);
                    }
                    if (isPseudo(body, to.get(pair.toItem()), "output")) {
                        counts[1] = Math.max(counts[1], pair.toPort() + 1);
                    }
                }
            }
        }
        return counts;
    }

    private static boolean isPseudo(Body body, Item item, String name) {
        return item.element() instanceof Reference(Ast.Name reference)
                && reference.text().equals(name) && !body.declared().contains(name);
    }

    /**
     * Click's description of a class's candidates and instances in "no match" messages:
     * {@code Foo(<arg>, KEYWORD, ...)[1 input, 1 output]}, or {@code Foo[2 arguments, 1 input, 1 output]}.
     */
    static String signature(String name, Body body) {
        StringBuilder sb = new StringBuilder(name == null ? "<anonymous>" : name);
        if (!body.formals().isEmpty()) {
            sb.append('(');
            for (int i = 0; i < body.formals().size(); i++) {
                Ast.Formal formal = body.formals().get(i);
                sb.append(i == 0 ? "" : ", ").append(switch (formal.kind()) {
                    case POSITIONAL -> "<arg>";
                    case KEYWORD -> formal.keyword();
                    case REST -> "...";
                });
            }
            sb.append(')');
        }
        int[] ports = of(body);
        return sb.append('[').append(portWords(ports[0], ports[1])).append(']').toString();
    }

    static String signature(String name, int arguments, int inputs, int outputs) {
        return (name == null ? "<anonymous>" : name) + "[" + (arguments > 0 ? plural(arguments, "argument") + ", " : "")
                + portWords(inputs, outputs) + "]";
    }

    private static String portWords(int inputs, int outputs) {
        return plural(inputs, "input") + ", " + plural(outputs, "output");
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
