package io.jmill.specializer;

import io.jmill.engine.element.Element;
import io.jmill.engine.router.Connection;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.MetadataLayout;
import io.jmill.specializer.codegen.ElementAnalysis;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** Makes a {@link Plan} for a router: which elements are specialized, which calls become direct, and why. */
final class Planner {
    static final String BACKEND_C2 = io.jmill.specializer.backend.Backends.C2;
    static final String BACKEND_GRAAL = io.jmill.specializer.backend.Backends.GRAAL;
    private static final int MAX_VALUE_TEXT = 40;

    private final RouterGraph graph;
    private final ProfileView profile;
    private final String backend;

    Planner(RouterGraph graph, ProfileView profile) {
        this(graph, profile, BACKEND_C2);
    }

    /** A planner for {@code backend}: C2, or Graal if it is available here (else C2, with the reason). */
    Planner(RouterGraph graph, ProfileView profile, String backend) {
        this.graph = graph;
        this.profile = profile;
        this.backend = backend;
    }

    Plan plan() {
        MetadataLayout layout = MetadataLayout.active();
        List<Decision> decisions = new ArrayList<>();
        String graalOff = backend.equals(BACKEND_GRAAL)
                ? io.jmill.specializer.backend.GraalBackend.unavailableReason() : null;
        String chosen = backend.equals(BACKEND_GRAAL) && graalOff == null ? BACKEND_GRAAL : BACKEND_C2;
        if (chosen.equals(BACKEND_GRAAL)) {
            decisions.add(new Decision(Decision.BACKEND, BACKEND_GRAAL,
                    "one hidden class per element; at swap time Graal compiles the task batch loops with the whole "
                            + "chain of copies inlined and installs them through JVMCI",
                    "--backend graal: no interpreted or C1 phase after a swap; the copies' configuration arrays "
                            + "are constants and the generic code's branch profile applies"));
        } else {
            decisions.add(new Decision(Decision.BACKEND, BACKEND_C2,
                    "one hidden class per element, compiled by HotSpot C2",
                    graalOff != null ? "fallback from Graal: " + graalOff
                            : "the default backend: needs no JVM flags; static finals and final fields of hidden "
                                    + "classes are constants to C2"));
        }
        decisions.add(new Decision(Decision.LAYOUT, layout.name(),
                "packet metadata accessors use the offsets of layout '" + layout.name() + "' as constants",
                "the active layout: every live packet's metadata is stored in it"));
        boolean profiled = profile != null && totalProfiled() > 0;
        Set<String> specialized = new LinkedHashSet<>();
        for (Element e : graph.elements()) {
            ElementAnalysis a = ElementAnalysis.of(e.getClass());
            if (!a.specializable()) {
                decisions.add(new Decision(Decision.KEEP_GENERIC, e.name(), e.getClass().getName(), a.reason()));
            } else if (profiled && cold(e)) {
                decisions.add(new Decision(Decision.KEEP_GENERIC, e.name(), e.getClass().getName(),
                        "cold: no packets through it in the profile, not worth generating code for"));
            } else {
                specialized.add(e.name());
                decisions.add(new Decision(Decision.FOLD_CONSTANTS, e.name(), foldedFields(e),
                        "final fields of a hidden class are constants to C2: the configuration folds into the code"));
            }
        }
        Set<Connection> backEdges = graph.generationOrder(specialized).backEdges();
        for (Connection c : graph.connections()) {
            Element caller = RouterGraph.caller(c);
            if (!specialized.contains(caller.name())) {
                continue;
            }
            decisions.add(new Decision(Decision.DEVIRTUALIZE_EDGE, c.toString(), edgeDetail(c, specialized, backEdges),
                    "the callee is a static final of the caller's hidden class: a call with a constant port is a "
                            + "direct call on a constant receiver, which C2 inlines"));
        }
        for (Element e : graph.elements()) {
            if (specialized.contains(e.name()) && e instanceof Task) {
                decisions.add(new Decision(Decision.BATCH_LOOP, e.name(),
                        "the task's pipeline slot runs runTask() of the specialized copy",
                        "the batch loop calls the specialized graph directly: no per-packet dispatch through "
                                + "a call site shared by every element"));
            }
        }
        XchangePlanner.Result xchange = XchangePlanner.plan(graph.elements());
        decisions.addAll(xchange.decisions());
        return new Plan(decisions, chosen, layout.name(), xchange.fields(), xchange.reads());
    }

    private String edgeDetail(Connection c, Set<String> specialized, Set<Connection> backEdges) {
        Element callee = RouterGraph.callee(c);
        String call = RouterGraph.isPush(c)
                ? "output(" + c.fromPort() + ") of " + c.from().name() + " calls " + c.to().name() + ".push("
                        + c.toPort() + ")"
                : "input(" + c.toPort() + ") of " + c.to().name() + " calls " + c.from().name() + ".pull("
                        + c.fromPort() + ")";
        String target = !specialized.contains(callee.name()) ? " on the generic element"
                : backEdges.contains(c) ? " on the generic element (the call closes a cycle: "
                        + callee.name() + "'s copy is generated after this one)"
                : " on its specialized copy";
        String packets = profile == null ? "" : "; " + profile.edgePackets(c.from().name(), c.fromPort())
                + " packets in the profile";
        return call + target + packets;
    }

    private long totalProfiled() {
        long n = 0;
        for (Connection c : graph.connections()) {
            n += profile.edgePackets(c.from().name(), c.fromPort());
        }
        return n;
    }

    private boolean cold(Element e) {
        if (profile.elementPackets(e.name()) != 0) {
            return false;
        }
        for (Connection c : graph.incident(e)) {
            if (profile.edgePackets(c.from().name(), c.fromPort()) != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The final instance fields the element's copy holds and their values, e.g.
     * {@code Strip: length=14}: the class's own, then those of its superclasses below the framework
     * class (under the copy's names: {@code table$1} for a superclass's field whose name is taken).
     */
    static String foldedFields(Element e) {
        StringJoiner j = new StringJoiner(", ", e.getClass().getSimpleName() + ": ", "");
        j.setEmptyValue(e.getClass().getSimpleName() + ": no configuration fields");
        ElementAnalysis a = ElementAnalysis.of(e.getClass());
        List<Field> fields = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (a.specializable()) {
            for (ElementAnalysis.FlatField f : a.fields()) {
                fields.add(f.field());
                names.add(f.copyName());
            }
        } else {
            for (Field f : e.getClass().getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())) {
                    fields.add(f);
                    names.add(f.getName());
                }
            }
        }
        for (int i = 0; i < fields.size(); i++) {
            String value;
            try {
                Field f = fields.get(i);
                f.setAccessible(true);
                value = describe(f.get(e));
            } catch (ReflectiveOperationException | RuntimeException ex) {
                value = "?";
            }
            j.add(names.get(i) + "=" + value);
        }
        return j.toString();
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        Class<?> c = v.getClass();
        String text;
        if (v instanceof String s) {
            text = "\"" + s + "\"";
        } else if (v instanceof Number || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>
                || v instanceof io.jmill.layout.MetadataField || c.isRecord()) {
            text = String.valueOf(v);
        } else if (c.isArray()) {
            return c.getComponentType().getSimpleName() + "[" + java.lang.reflect.Array.getLength(v) + "]";
        } else {
            return "(shared " + c.getSimpleName() + ")"; // a state object: shared, not folded
        }
        return text.length() <= MAX_VALUE_TEXT ? text : text.substring(0, MAX_VALUE_TEXT - 3) + "...";
    }
}
