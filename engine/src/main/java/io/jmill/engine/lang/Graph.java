package io.jmill.engine.lang;

/**
 * The pre-flattening connection graph: edges between real elements and compound port tunnels.
 * A compound instance {@code c} has two tunnels: its input tunnel receives the outside connections
 * into {@code c [k]} and feeds the inside connections from {@code input [k]}; its output tunnel
 * receives inside connections into {@code [k] output} and feeds outside connections from
 * {@code c [k]}. {@link TunnelResolver} then splices every path through tunnels into one connection.
 */
final class Graph {

    private Graph() {
    }

    /** A connection endpoint before tunnels are resolved. */
    sealed interface Node permits Real, Tunnel {
    }

    /** A primitive element of the flattened graph. */
    record Real(String name) implements Node {
    }

    /** One side (inputs or outputs) of a compound instance; compared by identity. */
    static final class Tunnel implements Node {
        final String owner;
        final String classDescription;
        final boolean input;
        final Location declaration;
        /** Set when the compound could not be expanded; its connections are dropped silently. */
        boolean broken;

        Tunnel(String owner, String classDescription, boolean input, Location declaration) {
            this.owner = owner;
            this.classDescription = classDescription;
            this.input = input;
            this.declaration = declaration;
        }

        @Override
        public String toString() {
            return owner + (input ? "/input" : "/output");
        }
    }

    record Edge(Node from, int fromPort, Node to, int toPort, Location location) {
    }
}
