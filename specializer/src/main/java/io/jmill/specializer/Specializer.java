package io.jmill.specializer;


import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.PortRef;
import io.jmill.engine.element.Processing;
import io.jmill.engine.router.Connection;
import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.PipelineSlot;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.XchangeReceiver;
import io.jmill.layout.CloneFields;
import io.jmill.layout.MetadataLayout;
import io.jmill.specializer.codegen.ElementAnalysis;
import io.jmill.specializer.codegen.ElementCodegen;
import io.jmill.specializer.codegen.ElementCodegen.Link;

import java.io.IOException;
import java.lang.constant.ClassDesc;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Specializes a running router: PacketMill's devirtualization and constant embedding, done at run
 * time. For each element it generates a hidden class from the element's own bytecode in which
 * calls to downstream elements are direct calls on constants and packet metadata is reached at
 * constant offsets, then swaps the task bodies of the router's workers to the specialized copies
 * between two batches. Element state is shared, so nothing is lost or counted twice, and
 * {@link #revert()} goes back to the generic code the same way.
 *
 * <pre>{@code
 * Specializer s = new Specializer(router);   // after build; registers a task-error listener
 * router.start(1);
 * Plan plan = s.plan(null);                  // or s.plan(profile)
 * System.out.print(plan.toText());           // every decision, with its reason
 * s.apply(plan);                             // returns once every worker runs the new code
 * ...
 * s.revert();                                // generic again
 * }</pre>
 *
 * <p>If specialized code throws, the router puts that task back on the generic path at once; the
 * specializer records it in its {@link #history()}. One specializer per router. Methods that
 * change what runs are synchronized; {@link #state()} and {@link #history()} may be called from
 * any thread.
 */
public final class Specializer {
    /** System property naming a directory where every generated class file is written, for inspection. */
    public static final String DUMP_PROPERTY = "jmill.specializer.dump";
    /** Default time {@link #apply} and {@link #revert} wait for the workers to acknowledge a swap. */
    public static final Duration DEFAULT_ACK_TIMEOUT = Duration.ofSeconds(10);
    /** How many events {@link #history()} keeps (the oldest are dropped). */
    public static final int HISTORY_SIZE = 1000;
    private static final int CACHED_SPECIALIZATIONS = 4;
    private static final AtomicLong DUMP_SEQUENCE = new AtomicLong();
    private static final ClassDesc ELEMENT = ClassDesc.of(Element.class.getName());

    /** Which code the router's tasks run. */
    public enum State {
        /** Every task runs the elements' own code. */
        GENERIC,
        /** Profiling before a specialization (set by the adaptive controller, not by this class). */
        PROFILING,
        /** At least one task runs specialized code. */
        SPECIALIZED
    }

    private final Router router;
    private final RouterGraph graph;
    private final long ackTimeoutNanos;
    private final Deque<SwapEvent> history = new ArrayDeque<>();
    /** Tasks whose slot holds code swapped in by this specializer. */
    private final Set<ScheduledTask> swapped = ConcurrentHashMap.newKeySet();
    /** The code of the latest {@link #apply}, until {@link #revert}; null when generic. */
    private volatile Specialization inForce;
    /** The backend plans are made for ({@link #backend(String)}). */
    private volatile String backend = Planner.BACKEND_C2;
    /** Code Graal installed for the code in force; invalidated at revert and at the next apply. */
    private io.jmill.specializer.backend.GraalBackend.Installed installed;
    /**
     * Graal code set aside by {@link #suspend()} for the specialization it was compiled for: the
     * same specialization applied again runs it at once instead of compiling it again.
     */
    private io.jmill.specializer.backend.GraalBackend.Installed kept;
    private Specialization keptFor;
    private final Map<Plan, Specialization> generated = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Plan, Specialization> eldest) {
            return size() > CACHED_SPECIALIZATIONS;
        }
    };

    public Specializer(Router router) {
        this(router, DEFAULT_ACK_TIMEOUT);
    }

    /** A specializer that waits at most {@code ackTimeout} for workers to take up swapped code. */
    public Specializer(Router router, Duration ackTimeout) {
        this.router = router;
        this.graph = new RouterGraph(router);
        this.ackTimeoutNanos = ackTimeout.toNanos();
        router.addTaskErrorListener(this::taskFailed);
    }

    /**
     * Plans from a profile: every element that can be specialized is, unless the profile shows it
     * saw no traffic. {@code null} plans every element.
     */
    public Plan plan(ProfileView profile) {
        return new Planner(graph, profile, backend).plan();
    }

    /**
     * The backend that plans from now on name ({@code Backends.C2}, the default, or
     * {@code Backends.GRAAL}); a plan for Graal made where Graal is unavailable names C2 and why.
     */
    public void backend(String name) {
        this.backend = io.jmill.specializer.backend.Backends.parse(name);
    }

    /**
     * Generates and defines the code of {@code plan} without swapping it in. An element whose copy
     * cannot be generated or defined stays generic; the result's decisions say why.
     *
     * @throws IllegalStateException    if the plan was made for another layout than the active one
     * @throws IllegalArgumentException if the plan names elements the router does not have, or a
     *                                  backend other than C2
     */
    public synchronized Specialization generate(Plan plan) {
        MetadataLayout layout = MetadataLayout.active();
        if (!layout.name().equals(plan.layout())) {
            throw new IllegalStateException("the plan was made for layout '" + plan.layout() + "', but layout '"
                    + layout.name() + "' is active: plan again");
        }
        if (!plan.backend().equals(Planner.BACKEND_C2) && !plan.backend().equals(Planner.BACKEND_GRAAL)) {
            throw new IllegalArgumentException("backend '" + plan.backend() + "' is not available ("
                    + Planner.BACKEND_C2 + " or " + Planner.BACKEND_GRAAL + ")");
        }
        Set<String> names = plan.specializedElements();
        for (String name : names) {
            if (router.element(name) == null) {
                throw new IllegalArgumentException("the plan specializes '" + name + "', which the router does not have");
            }
        }
        Map<Element, Element> copies = new LinkedHashMap<>(); // Element has identity equality
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        for (Element e : graph.generationOrder(names).elements()) {
            ElementAnalysis a = ElementAnalysis.of(e.getClass());
            if (!a.specializable()) {
                failures.put(e.name(), a.reason());
                continue;
            }
            List<Link> outputs = new ArrayList<>();
            for (int k = 0; k < e.noutputs(); k++) {
                Connection c = graph.output(e, k);
                outputs.add(c != null && e.outputIsPush(k) ? link(c.to(), c.toPort(), copies, e) : null);
            }
            List<Link> inputs = new ArrayList<>();
            for (int k = 0; k < e.ninputs(); k++) {
                Connection c = graph.input(e, k);
                inputs.add(c != null && !e.inputIsPush(k) ? link(c.from(), c.fromPort(), copies, e) : null);
            }
            ElementCodegen.Generated g;
            try {
                g = ElementCodegen.generate(a, outputs, inputs, layout);
            } catch (RuntimeException ex) {
                failures.put(e.name(), "code generation failed: " + ex.getMessage());
                continue;
            }
            dump(e, g.bytes());
            try {
                ElementConfig config = new ElementConfig(e.name(), e.className(), e.configText(), e.location(),
                        e.ninputs(), e.noutputs(), new Args(e.name(), ""), router.batch());
                Element copy = ElementCodegen.instantiate(g, e, config);
                wire(copy, e, outputs, inputs);
                copies.put(e, copy);
                bytes.put(e.name(), g.bytes());
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                failures.put(e.name(), "definition failed: " + t);
            }
        }
        return new Specialization(plan, effectiveDecisions(plan, failures), copies, bytes, layout.name());
    }

    /**
     * Generates (or reuses, for a plan applied before) the code of {@code plan} and swaps it into
     * the router's task slots; returns once every affected worker has started a batch on it.
     * Applying while specialized replaces the previous code directly; a task that the plan leaves
     * generic goes back to generic.
     *
     * Before the router starts, the code is simply installed: the first batch runs it (this is
     * how a saved profile specializes a router before its first packet).
     *
     * @throws IllegalStateException if a worker did not acknowledge in time (the code is
     *     installed nevertheless and runs from that worker's next batch)
     */
    public synchronized Specialization apply(Plan plan) {
        Specialization s = generated.get(plan);
        if (s == null || !s.layout().equals(MetadataLayout.active().name())) {
            s = generate(plan);
            generated.put(plan, s);
        }
        io.jmill.specializer.backend.GraalBackend.Installed previous = installed;
        s = compileWithBackend(s);
        Map<ScheduledTask, Long> epochs = new LinkedHashMap<>();
        List<String> bodies = new ArrayList<>();
        for (ScheduledTask t : router.tasks()) {
            Task body = s.taskBody(t.element());
            PipelineSlot slot = t.slot();
            if (body != null) {
                swapped.add(t);
                epochs.put(t, slot.swap(body));
                bodies.add(t.element().name());
            } else if (slot.current() != slot.generic()) {
                swapped.remove(t);
                epochs.put(t, slot.revert());
            }
        }
        inForce = s;
        List<String> late = awaitAll(epochs);
        if (previous != null && previous != installed) {
            previous.invalidate();
        }
        xchangeFields(plan.xchangeFields());
        // The same reads decide what a clone must copy: no element of this router reads the rest.
        if (plan.cloneFields() == XchangeReceiver.ALL_FIELDS) {
            CloneFields.widen(router);
        } else {
            CloneFields.narrow(router, plan.cloneFields());
        }
        record(SwapEvent.Kind.APPLY, bodies.size() + " task bodies swapped " + bodies + "; "
                + s.specializedElements().size() + " elements specialized, "
                + (router.elements().size() - s.specializedElements().size()) + " generic"
                + (late.isEmpty() ? "" : "; not yet acknowledged: " + late));
        if (!late.isEmpty()) {
            throw new IllegalStateException("workers did not take up the specialized code within "
                    + Duration.ofNanos(ackTimeoutNanos) + " for tasks " + late
                    + "; it is installed and runs from their next batch");
        }
        return s;
    }

    /**
     * Puts every task back on the generic code; returns once the workers have acknowledged.
     *
     * @throws IllegalStateException if a worker did not acknowledge in time
     */
    public synchronized void revert() {
        revert(false);
    }

    /**
     * Puts every task back on the generic code for a while, as {@link #revert()} does, but keeps
     * the code Graal installed for the specialization in force: applying the same specialization
     * again (the controller's re-sampling windows, which end with the plan they started from)
     * reuses it instead of compiling it again, a compilation of seconds during which the tasks
     * would run generic. Applying another plan, or {@link #revert()}, invalidates it.
     */
    public synchronized void suspend() {
        revert(true);
    }

    private void revert(boolean keepCompiled) {
        Specialization was = inForce;
        Map<ScheduledTask, Long> epochs = new LinkedHashMap<>();
        for (ScheduledTask t : router.tasks()) {
            PipelineSlot slot = t.slot();
            if (slot.current() != slot.generic()) {
                epochs.put(t, slot.revert());
            }
            swapped.remove(t);
        }
        inForce = null;
        List<String> late = awaitAll(epochs);
        invalidateKept();
        if (keepCompiled && installed != null) {
            kept = installed;
            keptFor = was;
            installed = null;
        } else {
            invalidateInstalled();
        }
        xchangeFields(XchangeReceiver.ALL_FIELDS);
        CloneFields.widen(router);
        List<String> names = epochs.keySet().stream().map(t -> t.element().name()).toList();
        record(SwapEvent.Kind.REVERT, names.size() + " task bodies reverted " + names
                + (late.isEmpty() ? "" : "; not yet acknowledged: " + late));
        if (!late.isEmpty()) {
            throw new IllegalStateException("workers did not return to the generic code within "
                    + Duration.ofNanos(ackTimeoutNanos) + " for tasks " + late + "; they will at their next batch");
        }
    }

    /** Tells the router's XCHANGE receive drivers which metadata fields to fill. */
    private void xchangeFields(long fields) {
        for (Element e : router.elements()) {
            if (e instanceof XchangeReceiver r) {
                r.xchangeFields(fields);
            }
        }
    }

    /** GENERIC, or SPECIALIZED while any task runs specialized code. */
    public State state() {
        for (ScheduledTask t : router.tasks()) {
            if (t.slot().current() != t.slot().generic()) {
                return State.SPECIALIZED;
            }
        }
        return State.GENERIC;
    }

    /**
     * The code the latest {@link #apply} swapped in, with its decisions as they turned out (an
     * element whose copy could not be generated is listed as kept generic, with the error); null
     * before any apply and after {@link #revert}. A task whose specialized code threw runs generic
     * again although this still names the code: {@link #history()} records that.
     */
    public Specialization inForce() {
        return inForce;
    }

    /** The latest swaps, oldest first (at most {@value #HISTORY_SIZE}). */
    public List<SwapEvent> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /**
     * Code Graal installed for the code in force (null with C2, after a fallback, and after
     * {@link #revert}).
     */
    public io.jmill.specializer.backend.GraalBackend.Installed installed() {
        return installed;
    }

    // ------------------------------------------------------------------ internals

    /**
     * For a Graal plan: compiles and installs the copies' entry methods now, before the swap; on
     * failure the code stays with C2 and the returned specialization's backend decision says why.
     */
    private Specialization compileWithBackend(Specialization s) {
        installed = null;
        if (kept != null && keptFor == s && kept.alive() == kept.methods().size()) {
            installed = kept;
            kept = null;
            keptFor = null;
            record(SwapEvent.Kind.COMPILE, "Graal code of " + installed.methods().size()
                    + " methods kept through the generic window, run again");
            return s;
        }
        invalidateKept();
        if (!s.backend().equals(Planner.BACKEND_GRAAL)) {
            return s;
        }
        try {
            installed = io.jmill.specializer.backend.GraalBackend.compile(s.copiesByOriginal(), Element.BATCHES, router,
                    detail -> record(SwapEvent.Kind.COMPILE, detail));
            record(SwapEvent.Kind.COMPILE, installed.summary());
            return s;
        } catch (io.jmill.specializer.backend.GraalBackend.Fallback f) {
            record(SwapEvent.Kind.COMPILE, "Graal failed, C2 compiles instead: " + f.getMessage());
            return s.fallBackToC2(f.getMessage());
        }
    }

    private void invalidateKept() {
        if (kept != null) {
            kept.invalidate();
            kept = null;
            keptFor = null;
        }
    }

    private void invalidateInstalled() {
        if (installed != null) {
            installed.invalidate();
            record(SwapEvent.Kind.COMPILE, "Graal code of " + installed.methods().size() + " methods invalidated");
            installed = null;
        }
    }

    private void taskFailed(ScheduledTask task, Throwable error) {
        // The router has already put the generic body back; this only records it.
        if (swapped.remove(task)) {
            StackTraceElement[] trace = error.getStackTrace();
            record(SwapEvent.Kind.REVERT_ON_ERROR, "task " + task.element().name() + ": specialized code threw "
                    + error + (trace.length > 0 ? " at " + trace[0] : "") + "; back on the generic path");
        }
    }

    private void record(SwapEvent.Kind kind, String detail) {
        synchronized (history) {
            if (history.size() == HISTORY_SIZE) {
                history.removeFirst();
            }
            history.addLast(new SwapEvent(Instant.now(), kind, detail));
        }
    }

    /** Waits for each task's acknowledgement; returns the names of those that did not in time. */
    private List<String> awaitAll(Map<ScheduledTask, Long> epochs) {
        List<String> late = new ArrayList<>();
        if (!router.started()) {
            return late; // no worker runs the old code
        }
        for (Map.Entry<ScheduledTask, Long> en : epochs.entrySet()) {
            ScheduledTask t = en.getKey();
            if (!t.slot().awaitAcknowledged(en.getValue(), ackTimeoutNanos, () -> !t.done() && !router.stopping())) {
                late.add(t.element().name());
            }
        }
        return late;
    }

    /** What a copy calls along a connection: the callee's copy if it has one, else the callee itself. */
    private static Link link(Element callee, int port, Map<Element, Element> copies, Element caller) {
        Element copy = copies.get(callee);
        if (copy != null) {
            return new Link(copy, ELEMENT, port); // a hidden class cannot be named
        }
        return new Link(callee, calleeType(callee.getClass(), caller.getClass()), port);
    }

    /** Wires the copy like the original, except that its ports lead to the copies it calls. */
    private void wire(Element copy, Element original, List<Link> outputs, List<Link> inputs) {
        PortRef[] outs = new PortRef[original.noutputs()];
        Processing[] outProcessing = new Processing[original.noutputs()];
        for (int k = 0; k < outs.length; k++) {
            Link l = outputs.get(k);
            outs[k] = l != null ? new PortRef(l.element(), l.port()) : original.outputTarget(k);
            outProcessing[k] = original.outputIsPush(k) ? Processing.PUSH : Processing.PULL;
        }
        PortRef[] ins = new PortRef[original.ninputs()];
        Processing[] inProcessing = new Processing[original.ninputs()];
        for (int k = 0; k < ins.length; k++) {
            Link l = inputs.get(k);
            ins[k] = l != null ? new PortRef(l.element(), l.port()) : original.inputSource(k);
            inProcessing[k] = original.inputIsPush(k) ? Processing.PUSH : Processing.PULL;
        }
        copy.wire(outs, ins, inProcessing, outProcessing, router);
    }

    /** The plan's decisions, with elements whose copy failed moved to keep-generic. */
    private List<Decision> effectiveDecisions(Plan plan, Map<String, String> failures) {
        if (failures.isEmpty()) {
            return plan.decisions();
        }
        List<Decision> result = new ArrayList<>();
        for (Decision d : plan.decisions()) {
            switch (d.kind()) {
                case Decision.FOLD_CONSTANTS -> {
                    String why = failures.get(d.subject());
                    result.add(why == null ? d : new Decision(Decision.KEEP_GENERIC, d.subject(),
                            router.element(d.subject()).getClass().getName(), why));
                }
                case Decision.BATCH_LOOP -> {
                    if (!failures.containsKey(d.subject())) {
                        result.add(d);
                    }
                }
                case Decision.DEVIRTUALIZE_EDGE -> {
                    Connection c = graph.connection(d.subject());
                    if (c == null || !failures.containsKey(RouterGraph.caller(c).name())) {
                        Element callee = c == null ? null : RouterGraph.callee(c);
                        result.add(callee != null && failures.containsKey(callee.name())
                                ? new Decision(d.kind(), d.subject(), d.detail() + "; but " + callee.name()
                                        + " stays generic (its copy could not be defined), so the call goes to it", d.reason())
                                : d);
                    }
                }
                default -> result.add(d);
            }
        }
        return result;
    }

    private static void dump(Element e, byte[] bytes) {
        String dir = System.getProperty(DUMP_PROPERTY);
        if (dir == null || dir.isBlank()) {
            return;
        }
        String file = DUMP_SEQUENCE.incrementAndGet() + "-" + e.name().replaceAll("[^A-Za-z0-9_.@-]", "_") + "-"
                + e.getClass().getSimpleName() + "$$JMill.class";
        try {
            Path d = Path.of(dir);
            Files.createDirectories(d);
            Files.write(d.resolve(file), bytes);
        } catch (IOException | RuntimeException ex) {
            System.err.println("jmill: specializer: cannot dump " + file + " into " + dir + ": " + ex);
        }
    }

    /**
     * The type a copy's constant for {@code callee} is declared with: the callee's own class if code
     * generated next to {@code caller} can name it (public, final, visible from the caller's
     * loader), else Element. A constant receiver is exact to C2 either way; the interpreter and C1
     * profit from the exact type.
     */
    private static ClassDesc calleeType(Class<?> callee, Class<?> caller) {
        if (Modifier.isPublic(callee.getModifiers()) && Modifier.isFinal(callee.getModifiers()) && !callee.isHidden()) {
            try {
                if (Class.forName(callee.getName(), false, caller.getClassLoader()) == callee) {
                    return ClassDesc.of(callee.getName());
                }
            } catch (ClassNotFoundException | LinkageError ex) {
                // not visible from the caller: fall through
            }
        }
        return ELEMENT;
    }
}
