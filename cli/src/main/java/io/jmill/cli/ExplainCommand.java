package io.jmill.cli;

import io.jmill.engine.element.Element;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Connection;
import io.jmill.engine.router.Router;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code jmill explain}: the flattened graph as text, or as Graphviz DOT. */
final class ExplainCommand {
    static final String USAGE = """
            usage: jmill explain FILE|-e CONFIG [VAR=value ...] [--dot | --plan [--json] [--profile-in P [--layout hot]] [--backend graal]]

            Prints the flattened router graph: every element with its class, configuration
            and resolved push/pull ports, then every connection. --dot prints Graphviz DOT
            instead (render with: jmill explain F --dot | dot -Tsvg > graph.svg).
            --plan prints the specializer's plan: every decision (edges devirtualized,
            constants folded, elements left generic) with its reason; from a saved profile
            with --profile-in, else for the whole graph. --json prints it as JSON.
            --layout hot (with --profile-in) plans a hot-first metadata layout from the
            profile, prints its decisions and plans the code under it. With a profile, the
            plan is followed by the busiest metadata-field accesses: measured ones (a profile
            written by jmill run --jvmci-profile) next to their estimates.
            --backend graal plans for the Graal backend (or says why it falls back to C2).
            """;

    private final PrintStream out;
    private final PrintStream err;

    ExplainCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) throws UsageException {
        CommandLine cl = CommandLine.parse(args, Set.of("-e", "--memory", "--profile-in", "--layout", "--backend"),
                Set.of("--help", "--dot", "--plan", "--json"));
        if (cl.has("--help")) {
            out.print(USAGE);
            return Main.OK;
        }
        Main.applyMemoryOption(cl);
        ConfigSource source = ConfigSource.from(cl);
        Router router;
        try {
            router = source.build(32);
        } catch (ConfigException e) {
            e.errors().forEach(x -> err.println(x));
            return Main.CONFIG_ERROR;
        }
        try {
            if (cl.has("--plan")) {
                io.jmill.profiler.Profile profile = cl.has("--profile-in")
                        ? Specialization.readProfile(java.nio.file.Path.of(cl.value("--profile-in", ""))) : null;
                io.jmill.specializer.control.LayoutMode layoutMode;
                try {
                    layoutMode = io.jmill.specializer.control.LayoutMode.parse(cl.value("--layout", "generic"));
                } catch (IllegalArgumentException e) {
                    throw new UsageException("--layout: " + e.getMessage());
                }
                if (layoutMode == io.jmill.specializer.control.LayoutMode.AB) {
                    throw new UsageException("--layout ab: an A/B test needs live traffic (jmill run --layout ab)");
                }
                if (layoutMode == io.jmill.specializer.control.LayoutMode.HOT && profile == null) {
                    throw new UsageException("--layout hot: needs --profile-in (fields are ordered by measured accesses)");
                }
                io.jmill.layout.MetadataLayout before = io.jmill.layout.MetadataLayout.active();
                io.jmill.specializer.layout.LayoutPlanner.Planned planned = null;
                if (layoutMode == io.jmill.specializer.control.LayoutMode.HOT) {
                    planned = io.jmill.specializer.layout.LayoutPlanner.hotFirst(profile);
                    io.jmill.specializer.layout.LayoutSwap.swap(router, planned.layout()); // not started: no packet
                }
                try {
                    io.jmill.specializer.Specializer specializer = new io.jmill.specializer.Specializer(router);
                    try {
                        specializer.backend(cl.value("--backend", "c2"));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--backend: " + e.getMessage());
                    }
                    io.jmill.specializer.Plan plan = specializer.plan(io.jmill.specializer.control.ProfileViews.of(profile));
                    if (cl.has("--json")) {
                        out.print(plan.toJson() + "\n");
                    } else {
                        if (planned != null) {
                            out.print(planned.decisions());
                        }
                        out.print(plan.toText());
                        if (profile != null) {
                            out.print(profile.fieldSummary(20));
                        }
                    }
                } finally {
                    if (planned != null) {
                        io.jmill.specializer.layout.LayoutSwap.swap(router, before);
                    }
                }
                return Main.OK;
            }
            out.print(cl.has("--dot") ? dot(router) : text(router, source.name()));
            return Main.OK;
        } finally {
            router.close();
        }
    }

    static String text(Router router, String name) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(name).append(": ").append(router.elements().size()).append(" elements, ")
                .append(router.connections().size()).append(" connections\n\n");
        for (Element e : router.elements()) {
            sb.append(e.name()).append(" :: ").append(e.className());
            if (!e.configText().isEmpty()) {
                sb.append('(').append(e.configText()).append(')');
            }
            sb.append("    // ").append(e.location()).append('\n');
            for (String line : e.describePorts().split("\n")) {
                sb.append("    ").append(line).append('\n');
            }
        }
        sb.append('\n');
        for (Connection c : router.connections()) {
            String kind = c.from().outputIsPush(c.fromPort()) ? "push" : "pull";
            sb.append(c).append(";    // ").append(kind).append('\n');
        }
        return sb.toString();
    }

    static String dot(Router router) {
        StringBuilder sb = new StringBuilder("digraph jmill {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n");
        for (Element e : router.elements()) {
            sb.append("  ").append(quote(e.name())).append(" [label=").append(quote(e.name() + "\n" + e.className()))
                    .append("];\n");
        }
        for (Connection c : router.connections()) {
            boolean push = c.from().outputIsPush(c.fromPort());
            sb.append("  ").append(quote(c.from().name())).append(" -> ").append(quote(c.to().name()))
                    .append(" [taillabel=\"").append(c.fromPort()).append("\", headlabel=\"").append(c.toPort())
                    .append('"').append(push ? "" : ", style=dashed").append("];\n");
        }
        return sb.append("}\n").toString();
    }

    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
