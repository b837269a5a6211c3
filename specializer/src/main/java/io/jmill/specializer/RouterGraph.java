package io.jmill.specializer;

import io.jmill.engine.element.Element;
import io.jmill.engine.router.Connection;
import io.jmill.engine.router.Router;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The router's graph as the code generator sees it: who calls whom. On a push connection the
 * upstream element calls the downstream one's {@code push}; on a pull connection the downstream
 * element calls the upstream one's {@code pull}. Built from the router's connections, so profiling
 * proxies that redirect ports at run time are not part of it.
 */
final class RouterGraph {
    private final Router router;
    private final Map<Element, Connection[]> outputs = new IdentityHashMap<>();
    private final Map<Element, Connection[]> inputs = new IdentityHashMap<>();

    RouterGraph(Router router) {
        this.router = router;
        for (Element e : router.elements()) {
            outputs.put(e, new Connection[e.noutputs()]);
            inputs.put(e, new Connection[e.ninputs()]);
        }
        for (Connection c : router.connections()) {
            outputs.get(c.from())[c.fromPort()] = c;
            inputs.get(c.to())[c.toPort()] = c;
        }
    }

    List<Element> elements() {
        return router.elements();
    }

    List<Connection> connections() {
        return router.connections();
    }

    /** The connection from output {@code port} of {@code e}, or null. */
    Connection output(Element e, int port) {
        return outputs.get(e)[port];
    }

    /** The connection into input {@code port} of {@code e} (for a pull input, the only one), or null. */
    Connection input(Element e, int port) {
        return inputs.get(e)[port];
    }

    static boolean isPush(Connection c) {
        return c.from().outputIsPush(c.fromPort());
    }

    /** The element whose code makes the call along {@code c}. */
    static Element caller(Connection c) {
        return isPush(c) ? c.from() : c.to();
    }

    /** The element called along {@code c}. */
    static Element callee(Connection c) {
        return isPush(c) ? c.to() : c.from();
    }

    /** The connection whose subject text ({@code Connection.toString()}) is {@code text}, or null. */
    Connection connection(String text) {
        for (Connection c : router.connections()) {
            if (c.toString().equals(text)) {
                return c;
            }
        }
        return null;
    }

    /** Order in which copies are generated, and the calls that cannot reach a copy. */
    record Order(List<Element> elements, Set<Connection> backEdges) {
    }

    /**
     * Callees before callers, so that a caller's constants can be its callees' specialized copies.
     * On a cycle, the call that closes it goes to the generic element: that is a back edge.
     */
    Order generationOrder(Set<String> specialized) {
        List<Element> order = new ArrayList<>();
        Set<Connection> back = new LinkedHashSet<>();
        Map<Element, Integer> mark = new HashMap<>();
        for (Element e : router.elements()) {
            if (specialized.contains(e.name()) && !mark.containsKey(e)) {
                visit(e, specialized, mark, order, back);
            }
        }
        return new Order(List.copyOf(order), Set.copyOf(back));
    }

    private void visit(Element e, Set<String> specialized, Map<Element, Integer> mark, List<Element> order,
                       Set<Connection> back) {
        // Iterative depth-first search: graphs of thousands of elements must not overflow the stack.
        record Frame(Element element, List<Connection> calls, int next) {
        }
        List<Frame> stack = new ArrayList<>();
        mark.put(e, 1);
        stack.add(new Frame(e, calls(e), 0));
        while (!stack.isEmpty()) {
            Frame f = stack.getLast();
            if (f.next() == f.calls().size()) {
                stack.removeLast();
                mark.put(f.element(), 2);
                order.add(f.element());
                continue;
            }
            stack.set(stack.size() - 1, new Frame(f.element(), f.calls(), f.next() + 1));
            Connection c = f.calls().get(f.next());
            Element callee = callee(c);
            if (!specialized.contains(callee.name())) {
                continue;
            }
            int m = mark.getOrDefault(callee, 0);
            if (m == 1) {
                back.add(c);
            } else if (m == 0) {
                mark.put(callee, 1);
                stack.add(new Frame(callee, calls(callee), 0));
            }
        }
    }

    /** The connections along which {@code e}'s code calls other elements. */
    List<Connection> calls(Element e) {
        List<Connection> result = new ArrayList<>();
        for (Connection c : outputs.get(e)) {
            if (c != null && isPush(c)) {
                result.add(c);
            }
        }
        for (Connection c : inputs.get(e)) {
            if (c != null && !isPush(c)) {
                result.add(c);
            }
        }
        return result;
    }

    /** Every connection touching {@code e} (a push input may have several). */
    Set<Connection> incident(Element e) {
        Set<Connection> result = new HashSet<>();
        for (Connection c : router.connections()) {
            if (c.from() == e || c.to() == e) {
                result.add(c);
            }
        }
        return result;
    }
}
