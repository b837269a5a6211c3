package io.jmill.engine.lang;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.jmill.engine.lang.Ast.Anonymous;
import io.jmill.engine.lang.Ast.Body;
import io.jmill.engine.lang.Ast.Chain;
import io.jmill.engine.lang.Ast.ClassDefinition;
import io.jmill.engine.lang.Ast.ClassRef;
import io.jmill.engine.lang.Ast.Declaration;
import io.jmill.engine.lang.Ast.Define;
import io.jmill.engine.lang.Ast.Definition;
import io.jmill.engine.lang.Ast.InlineCompound;
import io.jmill.engine.lang.Ast.InlineDeclaration;
import io.jmill.engine.lang.Ast.Item;
import io.jmill.engine.lang.Ast.Name;
import io.jmill.engine.lang.Ast.NamedClass;
import io.jmill.engine.lang.Ast.Reference;
import io.jmill.engine.lang.Graph.Edge;
import io.jmill.engine.lang.Graph.Node;
import io.jmill.engine.lang.Graph.Real;
import io.jmill.engine.lang.Graph.Tunnel;

/**
 * Expands an {@link Ast} into a {@link FlatConfig}: creates the elements of each body (naming
 * anonymous ones {@code Class@N}), expands compound instances recursively under the prefix
 * {@code instance/}, substitutes variables in argument text, and hands the resulting graph of
 * elements and compound tunnels to {@link TunnelResolver}.
 *
 * <p>Within a body, element names are visible everywhere (a connection may mention an element
 * declared further down); a name that is not declared is a class used anonymously.
 */
final class Flattener {

    private static final String ANONYMOUS_COMPOUND = "Compound";

    /** An element of the body being flattened. */
    private static final class LocalElement {
        final String fullName;
        final Location location;
        final Fragment config;
        final ClassTarget target;
        Tunnel input;
        Tunnel output;

        LocalElement(String fullName, Location location, Fragment config, ClassTarget target) {
            this.fullName = fullName;
            this.location = location;
            this.config = config;
            this.target = target;
        }
    }

    /** A chain endpoint before forward references are resolved. */
    private sealed interface Endpoint {
    }

    private record Named(String name) implements Endpoint {
    }

    private record Local(LocalElement element) implements Endpoint {
    }

    private record Pseudo(boolean input, Location location) implements Endpoint {
    }

    private record PendingEdge(Endpoint from, int fromPort, Endpoint to, int toPort, Location location) {
    }

    private final Diagnostics diagnostics;
    private final List<FlatElement> elements = new ArrayList<>();
    private final List<Tunnel> tunnels = new ArrayList<>();
    /** Compound bodies currently being expanded, to stop recursion. */
    private final Set<Body> expanding = Collections.newSetFromMap(new IdentityHashMap<>());

    private Flattener(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * @param checkPorts whether to report compound ports used on one side only
     */
    static FlatConfig flatten(Parser.Program program, Map<String, String> overrides, Diagnostics diagnostics,
                              boolean checkPorts) {
        Flattener flattener = new Flattener(diagnostics);
        VarEnv global = VarEnv.global(overrides);
        ClassScope scope = new ClassScope(null, -1, program.body(), global);
        List<Edge> edges = flattener.body(program.body(), "", global, scope, null, null);
        List<FlatConnection> connections = TunnelResolver.resolve(edges, flattener.tunnels, diagnostics, checkPorts);
        flattener.checkUniqueNames();
        return new FlatConfig(flattener.elements, connections, program.requirements());
    }

    /**
     * Flattened names can clash even without a redeclaration: a declared {@code Counter@2} and a
     * generated one, or a declared {@code c/x} and the inner {@code x} of compound {@code c}.
     */
    private void checkUniqueNames() {
        Map<String, FlatElement> seen = new HashMap<>();
        for (FlatElement element : elements) {
            FlatElement first = seen.putIfAbsent(element.name(), element);
            if (first != null) {
                diagnostics.error(element.location(), element.name(),
                        "name already used by the element at " + first.location());
            }
        }
    }

    /**
     * Flattens one body instance: its elements go to {@link #elements}; its edges, followed by
     * those of the compound instances it declares, are returned.
     *
     * @param input  the enclosing compound's input tunnel ({@code null} at top level)
     * @param output the enclosing compound's output tunnel ({@code null} at top level)
     */
    private List<Edge> body(Body body, String prefix, VarEnv env, ClassScope scope, Tunnel input, Tunnel output) {
        defineVariables(body, env);
        BodyWalk walk = new BodyWalk(body, prefix, env, scope, input, output);
        walk.run();
        List<Edge> edges = walk.edges();
        for (LocalElement element : walk.locals) {
            switch (element.target) {
                case ClassTarget.Primitive primitive -> elements.add(new FlatElement(element.fullName,
                        primitive.className(), expand(element.config, env, element.fullName), element.location));
                case ClassTarget.Compound compound -> edges.addAll(instantiate(element, compound, env));
                case ClassTarget.Unresolvable _ -> {
                    // already reported; the element is dropped
                }
            }
        }
        return edges;
    }

    /** Processes a body's {@code define}s in order; command-line overrides win over them. */
    private void defineVariables(Body body, VarEnv env) {
        for (Ast.Statement statement : body.statements()) {
            if (!(statement instanceof Define define)) {
                continue;
            }
            for (Definition definition : define.definitions()) {
                String name = definition.variable();
                if (env.isFixed(name)) {
                    continue;
                }
                if (env.definesLocally(name)) {
                    diagnostics.error(definition.location(), null, "variable $" + name + " is already defined");
                    continue;
                }
                env.define(name, ConfigText.substitute(definition.value(), env, diagnostics, null).trim().value());
            }
        }
    }

    private String expand(Fragment config, VarEnv env, String element) {
        return config == null ? "" : ConfigText.substitute(config, env, diagnostics, element).trim().value();
    }

    private List<Edge> instantiate(LocalElement element, ClassTarget.Compound compound, VarEnv outerEnv) {
        if (expanding.contains(compound.body())) {
            diagnostics.error(element.location, element.fullName,
                    "recursive element class '" + compound.displayName() + "'");
            element.input.broken = element.output.broken = true;
            return List.of();
        }
        List<String> arguments = element.config == null ? List.of()
                : ArgSplitter.split(ConfigText.substitute(element.config, outerEnv, diagnostics, element.fullName))
                        .stream().map(Fragment::value).toList();
        Map<String, String> parameters = ArgBinder.bind(compound, arguments, element.location, element.fullName, diagnostics);
        if (parameters == null) {
            element.input.broken = element.output.broken = true;
            return List.of();
        }
        VarEnv env = VarEnv.child(compound.env(), parameters);
        ClassScope scope = new ClassScope(compound.scope(), compound.index(), compound.body(), env);
        expanding.add(compound.body());
        try {
            return body(compound.body(), element.fullName + "/", env, scope, element.input, element.output);
        } finally {
            expanding.remove(compound.body());
        }
    }

    /** Creates the elements of one body and records its connections. */
    private final class BodyWalk {
        private final Body body;
        private final String prefix;
        private final VarEnv env;
        private final ClassScope scope;
        private final Tunnel input;
        private final Tunnel output;
        final List<LocalElement> locals = new ArrayList<>();
        private final Map<String, LocalElement> byName = new HashMap<>();
        private final List<PendingEdge> pending = new ArrayList<>();

        BodyWalk(Body body, String prefix, VarEnv env, ClassScope scope, Tunnel input, Tunnel output) {
            this.body = body;
            this.prefix = prefix;
            this.env = env;
            this.scope = scope;
            this.input = input;
            this.output = output;
        }

        void run() {
            List<Ast.Statement> statements = body.statements();
            for (int index = 0; index < statements.size(); index++) {
                switch (statements.get(index)) {
                    case Declaration declaration -> {
                        for (Name name : declaration.names()) {
                            create(name.text(), declaration.elementClass(), declaration.config(), name.location(), index);
                        }
                    }
                    case Chain chain -> chain(chain, index);
                    case ClassDefinition _, Define _ -> {
                        // handled before the walk (defines) or by ClassScope (classes)
                    }
                }
            }
        }

        private void chain(Chain chain, int index) {
            List<List<Endpoint>> endpoints = new ArrayList<>();
            for (List<Item> side : chain.sides()) {
                List<Endpoint> sideEndpoints = new ArrayList<>();
                for (Item item : side) {
                    sideEndpoints.add(endpoint(item.element(), index));
                }
                endpoints.add(sideEndpoints);
            }
            for (int k = 0; k < chain.connectors().size(); k++) {
                Ast.Connector connector = chain.connectors().get(k);
                List<Ast.Ports> outputs = chain.sides().get(k).stream().map(Item::outputPorts).toList();
                List<Ast.Ports> inputs = chain.sides().get(k + 1).stream().map(Item::inputPorts).toList();
                List<PortPairing.Pair> pairs = PortPairing.pair(outputs, inputs, connector.parallel(),
                        message -> diagnostics.error(connector.location(), null, message));
                for (PortPairing.Pair pair : pairs) {
                    Endpoint from = endpoints.get(k).get(pair.fromItem());
                    Endpoint to = endpoints.get(k + 1).get(pair.toItem());
                    if (from instanceof Pseudo(boolean isInput, Location location) && !isInput) {
                        diagnostics.error(location, null, "'output' cannot be the source of a connection");
                        continue;
                    }
                    if (to instanceof Pseudo(boolean isInput, Location location) && isInput) {
                        diagnostics.error(location, null, "'input' cannot be the destination of a connection");
                        continue;
                    }
                    pending.add(new PendingEdge(from, pair.fromPort(), to, pair.toPort(), connector.location()));
                }
            }
        }

        private Endpoint endpoint(Ast.ElementRef ref, int index) {
            return switch (ref) {
                case Reference(Name name) -> {
                    if (body.declared().contains(name.text())) {
                        yield new Named(name.text());
                    }
                    if (input != null && name.text().equals("input")) {
                        yield new Pseudo(true, name.location());
                    }
                    if (output != null && name.text().equals("output")) {
                        yield new Pseudo(false, name.location());
                    }
                    yield new Local(create(null, new NamedClass(name.text(), name.location()), null, name.location(), index));
                }
                case InlineDeclaration declaration -> new Local(create(declaration.name().text(),
                        declaration.elementClass(), declaration.config(), declaration.name().location(), index));
                case Anonymous anonymous -> new Local(create(null, anonymous.elementClass(), anonymous.config(),
                        anonymous.location(), index));
            };
        }

        /** Creates an element; {@code name == null} makes it anonymous ({@code Class@N}). */
        private LocalElement create(String name, ClassRef classRef, Fragment config, Location location, int index) {
            if (name != null && byName.containsKey(name)) {
                return byName.get(name); // a redeclaration, already reported by the parser
            }
            ClassTarget target = switch (classRef) {
                case NamedClass named -> scope.resolve(named.name(), index, diagnostics);
                case InlineCompound inline -> new ClassTarget.Compound(inline.body(), env, scope, index, null);
            };
            String localName = name != null ? name : anonymousName(classRef);
            LocalElement element = new LocalElement(prefix + localName, location, config, target);
            if (target instanceof ClassTarget.Compound compound) {
                element.input = new Tunnel(element.fullName, compound.describe(), true, location);
                element.output = new Tunnel(element.fullName, compound.describe(), false, location);
                tunnels.add(element.input);
                tunnels.add(element.output);
            }
            locals.add(element);
            if (name != null) {
                byName.putIfAbsent(name, element);
            }
            return element;
        }

        /** Click's numbering: N counts every element created in this body so far, this one included. */
        private String anonymousName(ClassRef classRef) {
            String className = classRef instanceof NamedClass named ? named.name() : ANONYMOUS_COMPOUND;
            return className + "@" + (locals.size() + 1);
        }

        List<Edge> edges() {
            List<Edge> edges = new ArrayList<>();
            for (PendingEdge edge : pending) {
                Node from = node(edge.from(), false);
                Node to = node(edge.to(), true);
                if (from != null && to != null) {
                    edges.add(new Edge(from, edge.fromPort(), to, edge.toPort(), edge.location()));
                }
            }
            return edges;
        }

        /** The graph node for an endpoint used as a destination ({@code asDestination}) or a source. */
        private Node node(Endpoint endpoint, boolean asDestination) {
            return switch (endpoint) {
                case Pseudo(boolean isInput, Location _) -> isInput ? input : output;
                case Named(String name) -> node(byName.get(name), asDestination);
                case Local(LocalElement local) -> node(local, asDestination);
            };
        }

        private static Node node(LocalElement element, boolean asDestination) {
            if (element == null) {
                return null; // its declaration was dropped after a syntax error
            }
            return switch (element.target) {
                case ClassTarget.Primitive _ -> new Real(element.fullName);
                case ClassTarget.Compound _ -> asDestination ? element.input : element.output;
                case ClassTarget.Unresolvable _ -> null;
            };
        }
    }
}
