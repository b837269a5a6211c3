package io.jmill.engine.router;

import io.jmill.engine.args.AddressNames;
import io.jmill.engine.args.PortNames;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.element.PortRef;
import io.jmill.engine.element.Processing;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.lang.FlatConfig;
import io.jmill.engine.lang.FlatConnection;
import io.jmill.engine.lang.FlatElement;
import io.jmill.engine.lang.Location;
import io.jmill.engine.lang.Requirement;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a router from a flattened configuration, Click's way: look up classes, count ports from
 * the connections, configure every element, check port counts, connections and push/pull
 * agreement, wire, initialize. Every error of a phase is collected and reported together, each
 * as {@code file:line:col: element: message}; a later phase runs only if the earlier ones found
 * nothing, and nothing runs unless everything passed.
 */
public final class RouterBuilder {
    /** Version checked by {@code require(jmill VERSION)}. */
    public static final String VERSION = "0.1";

    private final ElementRegistry registry;
    private int batch = ElementConfig.DEFAULT_BATCH;
    private final List<ConfigError> errors = new ArrayList<>();
    /** Elements' configuration messages (not errors), in element order. */
    private final List<ConfigError> notes = new ArrayList<>();
    private final Set<String> suspectLines = new HashSet<>();
    private boolean lenient;

    public RouterBuilder(ElementRegistry registry) {
        this.registry = registry;
    }

    /** Batch size: default burst of sources and tasks (default 32). */
    public RouterBuilder batch(int batch) {
        if (batch < 1 || batch > 4096) {
            throw new IllegalArgumentException("batch size must be between 1 and 4096, not " + batch);
        }
        this.batch = batch;
        return this;
    }

    /** Builds, checks, wires and initializes; throws with every error found. */
    public Router build(FlatConfig config) throws ConfigException {
        return build(config, List.of());
    }

    /**
     * As {@link #build(FlatConfig)}, for a configuration that already had parse errors (see
     * {@code ClickParser.parseAll}): those are reported with the router's own, except that
     * errors that would merely echo a parse error (unconnected ports, elements declared on a
     * line with a parse error) are left out. Nothing is initialized when there are errors.
     */
    public Router build(FlatConfig config, List<ConfigError> parseErrors) throws ConfigException {
        errors.addAll(parseErrors);
        for (ConfigError e : parseErrors) {
            suspectLines.add(e.location().file() + ":" + e.location().line());
        }
        lenient = !parseErrors.isEmpty();
        checkRequirements(config.requirements());

        // Port counts come from the connections (highest port used + 1), as in Click.
        Map<String, int[]> ports = new HashMap<>();
        Map<String, FlatElement> declared = new LinkedHashMap<>();
        for (FlatElement fe : config.elements()) {
            declared.put(fe.name(), fe);
            ports.put(fe.name(), new int[2]);
        }
        for (FlatConnection c : config.connections()) {
            int[] from = ports.get(c.from());
            int[] to = ports.get(c.to());
            if (from == null || to == null) {
                error(c.location(), null, "connection names unknown element '" + (from == null ? c.from() : c.to()) + "'");
                continue;
            }
            from[1] = Math.max(from[1], c.fromPort() + 1);
            to[0] = Math.max(to[0], c.toPort() + 1);
        }

        // Configure, with the names AddressInfo elements define in force (as in Click, anywhere in the file).
        AddressNames addressNames = addressNames(config);
        try (AddressNames.Scope names = addressNames.install(); PortNames.Scope portScope = portNames(config).install()) {
            Router router = configureAll(config, ports);
            router.useAddressNames(addressNames); // handlers that parse addresses at run time see them too
            router.useRequirements(config.requirements().stream()
                    .map(r -> r.words().isEmpty() ? r.kind() : r.kind() + " " + String.join(" ", r.words())).toList());
            return router;
        }
    }

    /** The names of every AddressInfo element of the configuration (malformed ones are AddressInfo's to report). */
    private static AddressNames addressNames(FlatConfig config) {
        AddressNames names = new AddressNames();
        for (FlatElement fe : config.elements()) {
            if (!fe.className().equals("AddressInfo")) {
                continue;
            }
            for (String part : Args.split(fe.config())) {
                String[] w = part.strip().split("\\s+", 2);
                if (w.length == 2) {
                    try {
                        names.define(w[0], w[1]);
                    } catch (IllegalArgumentException e) {
                        // reported by AddressInfo itself
                    }
                }
            }
        }
        return names;
    }

    /** The port names of every PortInfo element, each in the scope of its compound (malformed ones are PortInfo's to report). */
    private static PortNames portNames(FlatConfig config) {
        PortNames names = new PortNames();
        for (FlatElement fe : config.elements()) {
            if (fe.className().equals("PortInfo")) {
                int slash = fe.name().lastIndexOf('/');
                String scope = slash < 0 ? "" : fe.name().substring(0, slash);
                for (String part : Args.split(fe.config())) {
                    try {
                        names.define(scope, part);
                    } catch (IllegalArgumentException e) {
                        // reported by PortInfo itself
                    }
                }
            }
        }
        return names;
    }

    private Router configureAll(FlatConfig config, Map<String, int[]> ports) throws ConfigException {
        // Configure.
        List<Element> elements = new ArrayList<>();
        Map<String, Element> byName = new LinkedHashMap<>();
        Map<Element, ElementClass> classes = new HashMap<>();
        for (FlatElement fe : config.elements()) {
            if (suspectLines.contains(fe.location().file() + ":" + fe.location().line())) {
                continue; // its declaration has a parse error already
            }
            ElementClass ec = registry.find(fe.className());
            if (ec == null) {
                String hint = registry.suggest(fe.className());
                error(fe.location(), fe.name(), "unknown element class '" + fe.className() + "'"
                        + (hint == null ? "" : " (did you mean " + hint + "?)"));
                continue;
            }
            int[] np = ports.get(fe.name());
            // Too few ports is reported below as unconnected ports; too many is reported here.
            int nin = Math.max(np[0], ec.ports().minInputs());
            int nout = ec.ports().outputsEqualInputs() ? Math.max(np[1], nin) : Math.max(np[1], ec.ports().minOutputs());
            String inErr = ec.ports().checkInputs(nin);
            String outErr = ec.ports().checkOutputs(nin, nout);
            if (inErr != null || outErr != null) {
                if (inErr != null) {
                    error(fe.location(), fe.name(), ec.name() + " " + inErr);
                }
                if (outErr != null) {
                    error(fe.location(), fe.name(), ec.name() + " " + outErr);
                }
                continue;
            }
            Element e = configure(ec, fe, nin, nout);
            if (e != null) {
                elements.add(e);
                byName.put(e.name(), e);
                classes.put(e, ec);
            }
        }
        // Check the graph among the elements that configured, so that one run reports
        // configuration and connection errors together.
        List<Connection> connections = new ArrayList<>();
        Set<String> toFailed = new HashSet<>();
        for (FlatConnection c : config.connections()) {
            Element from = byName.get(c.from());
            Element to = byName.get(c.to());
            if (from != null && to != null) {
                connections.add(new Connection(from, c.fromPort(), to, c.toPort(), c.location()));
            } else {
                // Not "unconnected": the other end failed and was reported already.
                toFailed.add(c.from() + " out " + c.fromPort());
                toFailed.add(c.to() + " in " + c.toPort());
            }
        }
        Wiring wiring = resolve(elements, classes, connections, toFailed);
        throwIfErrors();
        Router router = new Router(elements, connections, batch);
        router.useNotes(notes);
        for (Element e : elements) {
            int i = wiring.index.get(e);
            e.wire(wiring.outputs[i], wiring.inputs[i], wiring.inputProcessing[i], wiring.outputProcessing[i], router);
        }
        // Handlers exist before initialize(), so elements can check handler names they were given.
        router.finishBuild(classes);
        List<Element> initialized = new ArrayList<>();
        for (Element e : elements) {
            try {
                e.initialize();
                initialized.add(e);
            } catch (Exception ex) {
                error(e.location(), e.name(), messageOf(ex));
            }
        }
        if (!errors.isEmpty()) {
            initialized.forEach(Element::cleanup);
            throwIfErrors();
        }
        return router;
    }

    private Element configure(ElementClass ec, FlatElement fe, int nin, int nout) {
        int mark = errors.size();
        Args args = new Args(fe.name(), fe.config());
        Element e = instantiate(ec, fe, nin, nout, args);
        Set<String> stray = args.strayKeywordWords();
        if (!stray.isEmpty()) {
            // Click counts only the element's own keywords as keywords: read again with the
            // other uppercase words as plain arguments (Print(RX, 4), PaintSwitch(PAINT)), and
            // keep whichever reading has fewer errors (the strict one on a tie).
            List<ConfigError> strict = new ArrayList<>(errors.subList(mark, errors.size()));
            int strictCount = strict.size() + argErrors(args).size();
            errors.subList(mark, errors.size()).clear();
            Args again = new Args(fe.name(), fe.config(), stray);
            Element second = instantiate(ec, fe, nin, nout, again);
            int lenientCount = errors.size() - mark + argErrors(again).size();
            if (second != null && lenientCount < strictCount) {
                return reportArgs(again, fe) ? second : null;
            }
            errors.subList(mark, errors.size()).clear();
            errors.addAll(strict);
        }
        if (e == null) {
            reportArgs(args, fe);
            return null;
        }
        return reportArgs(args, fe) ? e : null;
    }

    private static List<String> argErrors(Args args) {
        try {
            args.complete();
            return List.of();
        } catch (ArgsException ex) {
            return ex.errors();
        }
    }

    /** Runs the element's constructor; a refusal is recorded and gives null. */
    private Element instantiate(ElementClass ec, FlatElement fe, int nin, int nout, Args args) {
        ElementConfig cfg = new ElementConfig(fe.name(), fe.className(), fe.config(), fe.location(), nin, nout, args, batch);
        try {
            return ec.instantiate(cfg);
        } catch (IllegalArgumentException | IllegalStateException ex) {
            error(fe.location(), fe.name(), messageOf(ex));
            return null;
        } catch (Exception ex) {
            error(fe.location(), fe.name(), "cannot configure " + ec.name() + ": " + messageOf(ex));
            return null;
        }
    }

    private boolean reportArgs(Args args, FlatElement fe) {
        for (String note : args.notes()) {
            notes.add(new ConfigError(fe.location(), fe.name(), note, fe.className()));
        }
        try {
            args.complete();
            return true;
        } catch (ArgsException ex) {
            for (String m : ex.errors()) {
                errors.add(new ConfigError(fe.location(), fe.name(), m, fe.className()));
            }
            return false;
        }
    }

    private record Wiring(Map<Element, Integer> index, PortRef[][] outputs, PortRef[][] inputs,
                          Processing[][] inputProcessing, Processing[][] outputProcessing) {
    }

    private Wiring resolve(List<Element> elements, Map<Element, ElementClass> classes, List<Connection> connections,
                           Set<String> toFailed) {
        int n = elements.size();
        Map<Element, Integer> index = new HashMap<>();
        int[] base = new int[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            Element e = elements.get(i);
            index.put(e, i);
            base[i] = total;
            total += e.ninputs() + e.noutputs();
        }
        Processing[] declared = new Processing[total];
        for (int i = 0; i < n; i++) {
            Element e = elements.get(i);
            ElementClass ec = classes.get(e);
            for (int p = 0; p < e.ninputs(); p++) {
                declared[base[i] + p] = ec.processing().input(p);
            }
            for (int p = 0; p < e.noutputs(); p++) {
                declared[base[i] + e.ninputs() + p] = ec.processing().output(p);
            }
        }
        ProcessingResolver resolver = new ProcessingResolver(declared);
        // An element's agnostic ports move packets the same way (Click's default flow code).
        for (int i = 0; i < n; i++) {
            int first = -1;
            int count = elements.get(i).ninputs() + elements.get(i).noutputs();
            for (int k = 0; k < count; k++) {
                if (declared[base[i] + k] == Processing.AGNOSTIC) {
                    if (first < 0) {
                        first = base[i] + k;
                    } else {
                        resolver.tie(first, base[i] + k);
                    }
                }
            }
        }
        Set<Connection> conflicting = new HashSet<>();
        for (Connection c : connections) {
            int out = base[index.get(c.from())] + c.from().ninputs() + c.fromPort();
            int in = base[index.get(c.to())] + c.toPort();
            Processing po = resolver.fixedOf(out);
            Processing pi = resolver.fixedOf(in);
            if (!resolver.tie(out, in)) {
                conflicting.add(c);
                error(c.location(), c.from().name(), po.word() + " output " + c.fromPort() + " connected to "
                        + pi.word() + " input " + c.toPort() + " of '" + c.to().name() + "'");
            }
        }

        PortRef[][] outputs = new PortRef[n][];
        PortRef[][] inputs = new PortRef[n][];
        Processing[][] inProc = new Processing[n][];
        Processing[][] outProc = new Processing[n][];
        for (int i = 0; i < n; i++) {
            Element e = elements.get(i);
            outputs[i] = new PortRef[e.noutputs()];
            inputs[i] = new PortRef[e.ninputs()];
            inProc[i] = new Processing[e.ninputs()];
            outProc[i] = new Processing[e.noutputs()];
            for (int p = 0; p < e.ninputs(); p++) {
                inProc[i][p] = resolver.resolved(base[i] + p);
            }
            for (int p = 0; p < e.noutputs(); p++) {
                outProc[i][p] = resolver.resolved(base[i] + e.ninputs() + p);
            }
        }
        int[][] inUses = new int[n][];
        int[][] outUses = new int[n][];
        for (int i = 0; i < n; i++) {
            inUses[i] = new int[elements.get(i).ninputs()];
            outUses[i] = new int[elements.get(i).noutputs()];
        }
        for (Connection c : connections) {
            int fi = index.get(c.from());
            int ti = index.get(c.to());
            outUses[fi][c.fromPort()]++;
            inUses[ti][c.toPort()]++;
            if (conflicting.contains(c)) {
                continue; // reported; counting it again would only add noise
            }
            if (outProc[fi][c.fromPort()] == Processing.PUSH) {
                if (outputs[fi][c.fromPort()] != null) {
                    String reuse = "illegal reuse of '" + c.from().name() + " :: " + c.from().className()
                            + "' push output " + c.fromPort();
                    errors.add(new ConfigError(c.location(), c.from().name(), reuse + " (connected more than once)")
                            .withClickText(c.from().location().landmark() + ": " + reuse));
                }
                outputs[fi][c.fromPort()] = new PortRef(c.to(), c.toPort());
            }
            if (inProc[ti][c.toPort()] == Processing.PULL) {
                if (inputs[ti][c.toPort()] != null) {
                    String reuse = "illegal reuse of '" + c.to().name() + " :: " + c.to().className()
                            + "' pull input " + c.toPort();
                    errors.add(new ConfigError(c.location(), c.to().name(), reuse + " (connected more than once)")
                            .withClickText(c.to().location().landmark() + ": " + reuse));
                }
                inputs[ti][c.toPort()] = new PortRef(c.from(), c.fromPort());
            }
        }
        for (int i = 0; i < n; i++) {
            Element e = elements.get(i);
            for (int p = 0; p < e.ninputs(); p++) {
                if (inUses[i][p] == 0 && !lenient && !toFailed.contains(e.name() + " in " + p)) {
                    unused(e, "input", p);
                }
            }
            for (int p = 0; p < e.noutputs(); p++) {
                if (outUses[i][p] == 0 && !lenient && !toFailed.contains(e.name() + " out " + p)) {
                    unused(e, "output", p);
                }
            }
        }
        return new Wiring(index, outputs, inputs, inProc, outProc);
    }

    private void checkRequirements(List<Requirement> requirements) {
        for (Requirement r : requirements) {
            switch (r.kind()) {
                case "jmill" -> {
                    if (!r.words().isEmpty() && compareVersions(r.words().getFirst(), VERSION) > 0) {
                        error(r.location(), null, "requires jmill " + r.words().getFirst() + ", this is " + VERSION);
                    }
                }
                case "package" -> {
                    for (String w : r.words()) {
                        String name = w.replace("\"", "");
                        if (!name.equals("jmill")) {
                            error(r.location(), null, "package '" + name + "' is not available (JMill provides: jmill)");
                        }
                    }
                }
                case "library" -> {
                    // Loaded by the parser.
                }
                case "compact_config" -> {
                    // Click keeps no copy of the configuration text then; the config handler is the same here
                }
                default -> error(r.location(), null, "unsupported requirement '" + r.kind() + "'");
            }
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? parseOrZero(x[i]) : 0;
            int yi = i < y.length ? parseOrZero(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }

    private static int parseOrZero(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String messageOf(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    private void unused(Element e, String side, int port) {
        errors.add(new ConfigError(e.location(), e.name(), side + " " + port + " not connected")
                .withClickText(e.location().landmark() + ": '" + e.name() + " :: " + e.className() + "' " + side + " "
                        + port + " unused"));
    }

    private void error(Location location, String element, String message) {
        errors.add(new ConfigError(location, element, message));
    }

    private void throwIfErrors() throws ConfigException {
        if (!errors.isEmpty()) {
            List<ConfigError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparing((ConfigError e) -> e.location().file())
                    .thenComparingInt(e -> e.location().line())
                    .thenComparingInt(e -> e.location().column()));
            throw new ConfigException(sorted);
        }
    }
}
