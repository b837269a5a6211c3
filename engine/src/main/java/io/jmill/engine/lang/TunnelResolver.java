package io.jmill.engine.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.jmill.engine.lang.Graph.Edge;
import io.jmill.engine.lang.Graph.Node;
import io.jmill.engine.lang.Graph.Real;
import io.jmill.engine.lang.Graph.Tunnel;

/**
 * Removes compound ports from the graph: every path {@code a -> tunnel ... -> tunnel -> b} becomes one
 * connection {@code a -> b} (so {@code input -> output} pass-throughs and nested compounds resolve
 * transitively), and reports compound ports that are used on one side only.
 */
final class TunnelResolver {

    private record Port(Node node, int port) {
    }

    private final Map<Port, List<Edge>> bySource = new HashMap<>();
    private final Map<Port, List<Edge>> byDestination = new HashMap<>();
    private final Map<Tunnel, Set<Integer>> tunnelPorts = new LinkedHashMap<>();

    private TunnelResolver(List<Edge> edges) {
        for (Edge edge : edges) {
            bySource.computeIfAbsent(new Port(edge.from(), edge.fromPort()), p -> new ArrayList<>()).add(edge);
            byDestination.computeIfAbsent(new Port(edge.to(), edge.toPort()), p -> new ArrayList<>()).add(edge);
            notePort(edge.from(), edge.fromPort());
            notePort(edge.to(), edge.toPort());
        }
    }

    private void notePort(Node node, int port) {
        if (node instanceof Tunnel tunnel) {
            tunnelPorts.computeIfAbsent(tunnel, t -> new TreeSet<>()).add(port);
        }
    }

    /**
     * @param edges      all edges, in the order connections should be reported
     * @param tunnels    all tunnels, in the order their port errors should be reported
     * @param checkPorts false to skip the one-sided port checks (after syntax errors they mostly echo
     *                   statements that were dropped)
     */
    static List<FlatConnection> resolve(List<Edge> edges, List<Tunnel> tunnels, Diagnostics diagnostics,
                                        boolean checkPorts) {
        TunnelResolver resolver = new TunnelResolver(edges);
        if (checkPorts) {
            resolver.checkPorts(tunnels, diagnostics);
        }
        return resolver.connections(edges);
    }

    /** A connection is reported at the edge leaving its real source, in that edge's order. */
    private List<FlatConnection> connections(List<Edge> edges) {
        Set<List<Object>> seen = new HashSet<>();
        List<FlatConnection> connections = new ArrayList<>();
        for (Edge edge : edges) {
            if (!(edge.from() instanceof Real from)) {
                continue;
            }
            Set<Port> targets = new LinkedHashSet<>();
            collectTargets(edge.to(), edge.toPort(), targets, new HashSet<>());
            for (Port target : targets) {
                String to = ((Real) target.node()).name();
                // the same pair reached twice (or written twice) is one connection
                if (seen.add(List.of(from.name(), edge.fromPort(), to, target.port()))) {
                    connections.add(new FlatConnection(from.name(), edge.fromPort(), to, target.port(), edge.location()));
                }
            }
        }
        return connections;
    }

    private void collectTargets(Node node, int port, Set<Port> into, Set<Port> visited) {
        switch (node) {
            case Real real -> into.add(new Port(real, port));
            case Tunnel tunnel -> {
                Port here = new Port(tunnel, port);
                if (tunnel.broken || !visited.add(here)) {
                    return; // a broken compound, or a cycle of pass-throughs
                }
                for (Edge edge : bySource.getOrDefault(here, List.of())) {
                    collectTargets(edge.to(), edge.toPort(), into, visited);
                }
            }
        }
    }

    private void checkPorts(List<Tunnel> tunnels, Diagnostics diagnostics) {
        for (Tunnel tunnel : tunnels) {
            if (tunnel.broken) {
                continue;
            }
            for (int port : tunnelPorts.getOrDefault(tunnel, Set.of())) {
                Port key = new Port(tunnel, port);
                List<Edge> into = byDestination.getOrDefault(key, List.of());
                List<Edge> outOf = bySource.getOrDefault(key, List.of());
                // input tunnel: outside edges end here, inside edges start here; output tunnel: the reverse
                List<Edge> outside = tunnel.input ? into : outOf;
                List<Edge> inside = tunnel.input ? outOf : into;
                String side = tunnel.input ? "input" : "output";
                if (!outside.isEmpty() && inside.isEmpty()) {
                    diagnostics.error(outside.getFirst().location(), tunnel.owner,
                            tunnel.classDescription + " has no " + side + " port " + port);
                } else if (outside.isEmpty() && !inside.isEmpty()) {
                    diagnostics.error(tunnel.declaration, tunnel.owner,
                            side + " port " + port + " of " + tunnel.classDescription + " is not connected");
                }
            }
        }
    }
}
