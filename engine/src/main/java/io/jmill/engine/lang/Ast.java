package io.jmill.engine.lang;

import java.util.List;
import java.util.Set;

/**
 * Syntax tree of a Click configuration, as produced by {@link Parser} and consumed by
 * {@link Flattener}. Argument text is kept as a comment-free {@link Fragment} (or {@code null} when
 * there were no parentheses); variables are substituted only during flattening, because compound
 * parameters get different values in every instance.
 *
 * <p>Nodes are compared by identity where it matters (the flattener tracks compound bodies being
 * expanded), never by record equality.
 */
final class Ast {

    private Ast() {
    }

    /** An identifier with its position. */
    record Name(String text, Location location) {
    }

    /**
     * A statement list: the whole file, a compound class body or an inline {@code { ... }}.
     *
     * @param formals  compound parameters ({@code $a, KW $k, __REST__ $r |}); empty for the file
     * @param declared names of elements declared directly in this body (not in nested bodies)
     */
    record Body(List<Formal> formals, List<Statement> statements, Set<String> declared, Location location) {
    }

    enum FormalKind { POSITIONAL, KEYWORD, REST }

    /** A compound parameter: {@code $var}, {@code KEYWORD $var} or {@code __REST__ $var}. */
    record Formal(FormalKind kind, String keyword, String variable, Location location) {
    }

    sealed interface Statement permits Declaration, Chain, ClassDefinition, Define {
    }

    /** {@code a, b :: Class(config)}. */
    record Declaration(List<Name> names, ClassRef elementClass, Fragment config) implements Statement {
    }

    /**
     * {@code e0 [o0] -> [i1] e1 [o1] -> ... en}, where each step may be a comma-separated list of
     * elements ({@code a, b -> c}) and each arrow {@code ->} or {@code =>}: {@code connectors.get(k)}
     * connects the output ports of {@code sides.get(k)} to the input ports of {@code sides.get(k + 1)}
     * as {@link PortPairing} pairs them. A chain of one side just mentions (and possibly declares)
     * elements.
     */
    record Chain(List<List<Item>> sides, List<Connector> connectors) implements Statement {
    }

    /** An arrow of a chain: {@code ->}, or Click's many-to-many {@code =>} ({@code parallel}). */
    record Connector(Location location, boolean parallel) {
    }

    /** One element of a chain with the ports written before and after it. */
    record Item(Ports inputPorts, ElementRef element, Ports outputPorts) {
    }

    /**
     * Ports as written next to an element: nothing, {@code [N]}, a list {@code [0,2]}, a range
     * {@code [0-2]}, or an open list that grows as far as the other side needs: {@code [3-]}, or
     * {@code []} (from port 0).
     *
     * @param numbers the listed ports in order; empty when nothing was written
     * @param open    whether the list ends open ({@code [N-]} or {@code []})
     */
    record Ports(int[] numbers, boolean open) {

        static final Ports NONE = new Ports(new int[0], false);

        boolean written() {
            return numbers.length > 0;
        }
    }

    /** {@code elementclass Name { ... }} (target is an {@link InlineCompound}) or {@code elementclass New Old}. */
    record ClassDefinition(Name name, ClassRef target) implements Statement {
    }

    /** {@code define($A value, $B value)}. */
    record Define(List<Definition> definitions) implements Statement {
    }

    record Definition(String variable, Fragment value, Location location) {
    }

    /** Where an element class comes from: a name, or an inline compound body. */
    sealed interface ClassRef permits NamedClass, InlineCompound {
    }

    record NamedClass(String name, Location location) implements ClassRef {
    }

    record InlineCompound(Body body) implements ClassRef {
    }

    /** An element as it appears in a chain. */
    sealed interface ElementRef permits Reference, InlineDeclaration, Anonymous {
    }

    /** A bare identifier: a declared element, {@code input}/{@code output}, or a class used anonymously. */
    record Reference(Name name) implements ElementRef {
    }

    /** {@code name :: Class(config)} inside a chain. */
    record InlineDeclaration(Name name, ClassRef elementClass, Fragment config) implements ElementRef {
    }

    /** {@code Class(config)} or {@code { ... }(config)} inside a chain. */
    record Anonymous(ClassRef elementClass, Fragment config, Location location) implements ElementRef {
    }
}
