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
     * {@code e0 [o0] -> [i1] e1 [o1] -> ... en}: {@code arrows.get(k)} connects item k to item k+1.
     * A chain of one item just mentions (and possibly declares) an element.
     */
    record Chain(List<Item> items, List<Location> arrows) implements Statement {
    }

    /**
     * One element of a chain with its ports: none written (port 0), one, or a list
     * ({@code x[0,1] -> [1,0]y} connects x[0] to y[1] and x[1] to y[0]).
     */
    record Item(int[] inputPorts, ElementRef element, int[] outputPorts) {
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
