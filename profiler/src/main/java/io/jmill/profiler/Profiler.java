package io.jmill.profiler;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.PortRef;
import io.jmill.engine.router.Connection;
import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.BranchProfile;
import io.jmill.engine.runtime.PipelineSlot;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.Task;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Profiles a built router, running or not, and can be switched on and off while it runs.
 *
 * <pre>{@code
 * Profiler profiler = new Profiler(router);   // after router.start(): tasks get batch times too
 * profiler.start();
 * Thread.sleep(1000);
 * profiler.stop();                            // nothing of the profiler is left on the data path
 * Profile p = profiler.snapshot();            // immutable; p.toJson()
 * }</pre>
 *
 * <p>While on, the profiler collects:
 * <ul>
 * <li><b>edges</b>: packets pushed along every push edge and pulled (non-null) along every pull
 *     edge, counted by a probe element spliced into the edge with
 *     {@link Element#setOutputTarget} / {@link Element#setInputSource};</li>
 * <li><b>elements</b>: packets in (the sum over the element's input edges; for sources, packets
 *     out), and for task elements the number of batches and the time of every 16th batch, by a
 *     wrapper swapped into the task's {@link PipelineSlot};</li>
 * <li><b>fields</b>: reads and writes per (element, metadata field), estimated as static access
 *     sites ({@link FieldAccessSites}) × measured packets into the element; or, after
 *     {@link #measureWithJvmci(boolean) measureWithJvmci(true)}, measured: each site weighed by
 *     HotSpot's own branch profile of the element's methods, read through JVMCI at
 *     {@link #snapshot()} (no probe on the data path), with the estimate kept next to it;</li>
 * <li><b>branches</b>: rule hits of elements that implement {@link BranchProfile}.</li>
 * </ul>
 * Counts add up over all periods the profiler was on, until {@link #reset()}.
 *
 * <p>On a running router, the probes of the edges that one task drives (the push path behind a
 * source, the pull path in front of an {@code Unqueue} and the push path behind it) are put in
 * and taken out by that task's worker between two batches, so that those edges start and stop
 * counting at the same packet: their counts form a consistent cut. {@link #stop()} returns once
 * that is done and every slot's previous body is back, so the counts it leaves are final. A
 * slot or an edge that someone else (a specializer) redirected in the meantime is left as it
 * is, and the profile says so in its notes.
 *
 * <p>Single writer: each probe and each timing wrapper is written by the one worker thread that
 * drives its edge or task, and read here with opaque loads. An edge reached from tasks on two
 * workers may lose counts; the profile notes such edges. Code that bypasses the generic
 * {@code output()}/{@code input()} calls (specialized pipelines calling elements directly) is
 * not seen by the probes.
 *
 * <p>The methods of this class may be called from any thread; they are serialized.
 */
public final class Profiler implements AutoCloseable {
    /** How long {@link #stop()} waits for a worker to pass a batch boundary. */
    static final long ACK_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final Router router;
    private final String configName;
    private final List<EdgeState> edges = new ArrayList<>();
    private final List<ScheduledTask> callerTasks = new ArrayList<>();
    private final Map<ScheduledTask, TaskState> timings = new LinkedHashMap<>();
    private final Map<Element, BranchState> branches = new LinkedHashMap<>();
    private final Map<Element, FieldAccessSites> sites = new IdentityHashMap<>();
    /** Added to by workers too (an edge found redirected when they take a probe out). */
    private final Set<String> notes = Collections.synchronizedSet(new LinkedHashSet<>());
    private boolean on;
    private boolean jvmci;
    private long onSince;
    private long onNanos;

    /** A profiler for {@code router}, named after its configuration file. */
    public Profiler(Router router) {
        this(router, router.elements().isEmpty() ? "" : router.elements().getFirst().location().file());
    }

    /** A profiler for {@code router}; {@code configName} is recorded in every profile. */
    public Profiler(Router router, String configName) {
        this.router = router;
        this.configName = configName;
        for (Connection c : router.connections()) {
            edges.add(new EdgeState(c, c.from().outputIsPush(c.fromPort())));
        }
        for (Element e : router.elements()) {
            if (e instanceof BranchProfile b) {
                branches.put(e, new BranchState(b));
            }
        }
    }

    /**
     * Also times {@code task}, a task that the caller runs itself through its slot
     * ({@code task.slot().current().runTask()}) instead of {@link Router#start} (benchmarks,
     * tests). Takes effect at the next {@link #start()}.
     */
    public synchronized void timeTask(ScheduledTask task) {
        if (!router.tasks().contains(task) && !callerTasks.contains(task)) {
            callerTasks.add(task);
        }
    }

    /**
     * Switches profiling on. Does nothing if it is on. On a running router, the edges that one
     * task drives are switched by that task's worker at a batch boundary, all at once, so their
     * counts start at the same packet; this call returns once that happened (or after two
     * seconds per task, when the profiler switches them itself).
     */
    public synchronized void start() {
        if (on) {
            return;
        }
        for (BranchState b : branches.values()) {
            b.begin();
        }
        for (EdgeState e : edges) {
            e.prepare(); // here: defining probe classes has no place on a worker's data path
        }
        Map<ScheduledTask, List<EdgeState>> owned = new LinkedHashMap<>();
        for (EdgeState e : edgesOwnedByOneTask(owned)) {
            e.splice();
        }
        List<ScheduledTask> tasks = tasks();
        Map<ScheduledTask, BoundaryAction> pending = new LinkedHashMap<>();
        for (ScheduledTask t : tasks) {
            TaskState state = timings.computeIfAbsent(t, k -> new TaskState());
            List<EdgeState> mine = owned.getOrDefault(t, List.of());
            BoundaryAction install = mine.isEmpty() ? null : new BoundaryAction(() -> mine.forEach(EdgeState::splice));
            state.owned = mine;
            state.begin(t, install);
            if (install != null) {
                pending.put(t, install);
            }
        }
        awaitBoundaryActions(pending);
        Set<Element> timed = Collections.newSetFromMap(new IdentityHashMap<>());
        tasks.forEach(t -> timed.add(t.element()));
        List<String> untimed = router.elements().stream()
                .filter(e -> movesPackets(e) && !timed.contains(e)).map(Element::name).toList();
        if (!untimed.isEmpty()) {
            notes.add("tasks " + String.join(", ", untimed) + " were not scheduled when profiling started"
                    + " (router not started?): their batch times are not sampled");
        }
        on = true;
        onSince = System.nanoTime();
    }

    /**
     * Switches profiling off: takes every probe and timing wrapper out again (probes of one
     * task's edges at one batch boundary, by its worker, as in {@link #start()}) and waits until
     * the workers have moved past them, so that the counts left are final. Does nothing if it is
     * off.
     */
    public synchronized void stop() {
        if (!on) {
            return;
        }
        onNanos += System.nanoTime() - onSince;
        on = false;
        Map<ScheduledTask, BoundaryAction> pending = new LinkedHashMap<>();
        Set<EdgeState> byWorkers = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<ScheduledTask, TaskState> t : timings.entrySet()) {
            List<EdgeState> mine = t.getValue().owned;
            if (!mine.isEmpty() && t.getValue().wrapper != null) {
                BoundaryAction remove = new BoundaryAction(() -> mine.forEach(EdgeState::remove));
                t.getValue().wrapper.runBeforeNextBatch(remove);
                pending.put(t.getKey(), remove);
                byWorkers.addAll(mine);
            }
        }
        for (EdgeState e : edges) {
            if (!byWorkers.contains(e)) {
                e.remove();
            }
        }
        awaitBoundaryActions(pending);
        Map<ScheduledTask, Long> epochs = new LinkedHashMap<>();
        for (Map.Entry<ScheduledTask, TaskState> t : timings.entrySet()) {
            epochs.put(t.getKey(), t.getValue().end(t.getKey()));
        }
        for (Map.Entry<ScheduledTask, Long> e : epochs.entrySet()) {
            ScheduledTask t = e.getKey();
            if (!t.slot().awaitAcknowledged(e.getValue(), ACK_TIMEOUT_NANOS, () -> scheduled(t))) {
                notes.add("task " + t.element().name() + " did not reach a batch boundary within "
                        + TimeUnit.NANOSECONDS.toMillis(ACK_TIMEOUT_NANOS)
                        + " ms of stop(): its last counts may still move");
            }
        }
        for (TaskState t : timings.values()) {
            t.retire();
        }
        for (BranchState b : branches.values()) {
            b.end();
        }
    }

    /**
     * With {@code true}, snapshots measure field accesses from HotSpot's branch profiles through
     * JVMCI (the JVM needs {@code -XX:+EnableJVMCI} and the exports that {@code jmill
     * --jvmci-profile} adds); where that is not possible, the snapshot keeps the estimate and its
     * notes say why.
     */
    public synchronized void measureWithJvmci(boolean measure) {
        this.jvmci = measure;
    }

    /** True while profiling is on. */
    public synchronized boolean running() {
        return on;
    }

    /**
     * Zeroes every count and the duration; profiling stays on or off as it was, and the notes
     * stay. While the router runs, the cut is not at a batch boundary: give or take the batches
     * in flight.
     */
    public synchronized void reset() {
        for (EdgeState e : edges) {
            e.offset = -e.probeCount();
        }
        for (TaskState t : timings.values()) {
            t.reset();
        }
        for (BranchState b : branches.values()) {
            b.reset();
        }
        onNanos = 0;
        onSince = System.nanoTime();
    }

    /** A snapshot of everything counted so far (while on: up to now). */
    public synchronized Profile snapshot() {
        long duration = onNanos + (on ? System.nanoTime() - onSince : 0);
        Map<Element, Long> in = new IdentityHashMap<>();
        Map<Element, Long> out = new IdentityHashMap<>();
        List<Profile.Edge> edgeList = new ArrayList<>();
        for (EdgeState e : edges) {
            Connection c = e.connection;
            long n = e.packets();
            in.merge(c.to(), n, Long::sum);
            out.merge(c.from(), n, Long::sum);
            edgeList.add(new Profile.Edge(c.from().name(), c.fromPort(), c.to().name(), c.toPort(),
                    e.push ? Profile.Kind.PUSH : Profile.Kind.PULL, n));
        }
        Map<Element, TaskState> byElement = new IdentityHashMap<>();
        timings.forEach((t, s) -> byElement.put(t.element(), s));
        List<Profile.ElementStats> elementList = new ArrayList<>();
        List<Profile.FieldAccess> fieldList = new ArrayList<>();
        Set<String> allNotes;
        synchronized (notes) {
            allNotes = new LinkedHashSet<>(notes);
        }
        for (Element e : router.elements()) {
            long packets = e.ninputs() == 0 ? out.getOrDefault(e, 0L) : in.getOrDefault(e, 0L);
            TaskState t = byElement.get(e);
            elementList.add(new Profile.ElementStats(e.name(), e.className(), e instanceof Task, packets,
                    t == null ? 0 : t.batches(), t == null ? 0 : t.sampledBatches(), t == null ? 0 : t.sampledNanos()));
            FieldAccessSites s = sites.computeIfAbsent(e, FieldAccessSites::of);
            for (String problem : s.problems()) {
                allNotes.add(e.name() + " (" + e.className() + "): field analysis: " + problem);
            }
            MeasuredFieldAccesses m = null;
            if (jvmci && !s.fields().isEmpty()) {
                m = MeasuredFieldAccesses.of(e, s);
                if (m.problem() != null) {
                    allNotes.add(e.name() + " (" + e.className() + "): field accesses estimated, not measured: "
                            + m.problem());
                    m = null;
                } else if (m.guessedBranches() > 0) {
                    allNotes.add(e.name() + " (" + e.className() + "): " + m.guessedBranches()
                            + " branch(es) on its path had no profile data; taken as 50%");
                }
            }
            long batches = t == null ? 0 : t.batches();
            for (String f : s.fields()) {
                int rs = s.readSites(f);
                int ws = s.writeSites(f);
                if (m == null) {
                    fieldList.add(new Profile.FieldAccess(e.name(), f, rs * packets, ws * packets, rs, ws,
                            Profile.FieldAccess.STATIC_SITES_X_PACKETS));
                } else {
                    long reads = Math.round(m.readsPerPacket(f) * packets + m.readsPerBatch(f) * batches);
                    long writes = Math.round(m.writesPerPacket(f) * packets + m.writesPerBatch(f) * batches);
                    fieldList.add(new Profile.FieldAccess(e.name(), f, reads, writes, rs, ws,
                            Profile.FieldAccess.JVMCI_BRANCH_PROFILE, rs * packets, ws * packets));
                }
            }
        }
        if (jvmci) {
            if (io.jmill.jvmci.Jvmci.unavailableReason() != null) {
                allNotes.add("--jvmci-profile: " + io.jmill.jvmci.Jvmci.unavailableReason());
            }
            Map<Class<?>, List<String>> byClass = new LinkedHashMap<>();
            for (Element e : router.elements()) {
                byClass.computeIfAbsent(e.getClass(), k -> new ArrayList<>()).add(e.name());
            }
            byClass.forEach((c, names) -> {
                if (names.size() > 1 && !sites.get(router.element(names.getFirst())).fields().isEmpty()) {
                    allNotes.add("measured field accesses of " + String.join(", ", names) + " come from one HotSpot"
                            + " profile (class " + c.getSimpleName() + "): their per-packet frequencies are the class's");
                }
            });
        }
        List<Profile.Branches> branchList = new ArrayList<>();
        branches.forEach((e, b) -> branchList.add(new Profile.Branches(e.name(), b.names(), b.hits())));
        return new Profile(Profile.VERSION, Instant.now(), duration, configName, edgeList, elementList, fieldList,
                branchList, List.copyOf(allNotes));
    }

    /** Stops profiling (see {@link #stop()}). */
    @Override
    public void close() {
        stop();
    }

    /** A task that has packets to move by itself: a source, or one that pulls (not a pushed-to Discard). */
    private static boolean movesPackets(Element e) {
        if (!(e instanceof Task)) {
            return false;
        }
        for (int i = 0; i < e.ninputs(); i++) {
            if (!e.inputIsPush(i)) {
                return true;
            }
        }
        return e.ninputs() == 0;
    }

    private List<ScheduledTask> tasks() {
        List<ScheduledTask> all = new ArrayList<>(router.tasks());
        all.addAll(callerTasks);
        return all;
    }

    /** True while {@code t} runs on a worker of the router (not finished, router not stopped). */
    private boolean scheduled(ScheduledTask t) {
        return router.started() && !router.stopped() && !t.done() && router.tasks().contains(t);
    }

    /**
     * Waits until each task's worker has run its boundary action; runs the ones that a worker
     * does not get to (task finished or no longer wrapped, router stopping, time-out) here.
     */
    private void awaitBoundaryActions(Map<ScheduledTask, BoundaryAction> pending) {
        long deadline = System.nanoTime() + ACK_TIMEOUT_NANOS;
        for (Map.Entry<ScheduledTask, BoundaryAction> p : pending.entrySet()) {
            ScheduledTask t = p.getKey();
            BoundaryAction action = p.getValue();
            TimedTask wrapper = timings.get(t).wrapper;
            while (!action.done() && scheduled(t) && t.slot().current() == wrapper) {
                if (System.nanoTime() > deadline) {
                    notes.add("task " + t.element().name() + " did not reach a batch boundary within "
                            + TimeUnit.NANOSECONDS.toMillis(ACK_TIMEOUT_NANOS)
                            + " ms: its edges were switched while it may have been running");
                    break;
                }
                Thread.onSpinWait();
                Thread.yield();
            }
            action.run(); // no-op if the worker ran it
        }
    }

    /**
     * The edges that one running task alone drives, by task (filled into {@code owned}); returns
     * the others, which the profiler switches itself. Notes the edges that tasks on more than
     * one worker reach: their single-writer counters (and the elements' own) may lose
     * increments. A task drives the push edges downstream of it and the pull edges upstream.
     */
    private List<EdgeState> edgesOwnedByOneTask(Map<ScheduledTask, List<EdgeState>> owned) {
        Map<EdgeState, Set<ScheduledTask>> drivers = new IdentityHashMap<>();
        if (router.started() && !router.stopped()) {
            for (ScheduledTask t : router.tasks()) {
                Set<Element> seen = Collections.newSetFromMap(new IdentityHashMap<>());
                walk(t.element(), true, true, t, seen, drivers);
            }
        }
        List<EdgeState> others = new ArrayList<>();
        for (EdgeState e : edges) {
            Set<ScheduledTask> ts = drivers.getOrDefault(e, Set.of());
            if (ts.size() == 1) {
                owned.computeIfAbsent(ts.iterator().next(), k -> new ArrayList<>()).add(e);
            } else {
                others.add(e);
            }
            Set<Integer> workers = new TreeSet<>();
            ts.forEach(t -> workers.add(t.worker()));
            if (workers.size() > 1) {
                notes.add("edge " + e.connection + " is driven by tasks on workers " + workers
                        + ": its counts may lose increments (single-writer counters)");
            }
        }
        return others;
    }

    private void walk(Element x, boolean pushes, boolean pulls, ScheduledTask task, Set<Element> seen,
                      Map<EdgeState, Set<ScheduledTask>> drivers) {
        if (!seen.add(x)) {
            return;
        }
        for (EdgeState e : edges) {
            Connection c = e.connection;
            if (pushes && e.push && c.from() == x) {
                drivers.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(task);
                walk(c.to(), true, false, task, seen, drivers);
            } else if (pulls && !e.push && c.to() == x) {
                drivers.computeIfAbsent(e, k -> new LinkedHashSet<>()).add(task);
                walk(c.from(), false, true, task, seen, drivers);
            }
        }
    }

    // ------------------------------------------------------------------ per-edge state

    /** One connection: its probe (kept across on/off periods while the edge's target stays) and count. */
    private final class EdgeState {
        final Connection connection;
        final boolean push;
        EdgeProbe probe;
        PortRef probeRef;
        /** Added to the probe's count: counts of replaced probes, minus the count at the last reset. */
        long offset;

        EdgeState(Connection connection, boolean push) {
            this.connection = connection;
            this.push = push;
        }

        /** Makes a probe for where the edge leads now, unless the one of an earlier period still fits. */
        void prepare() {
            Connection c = connection;
            PortRef current = push ? c.from().outputTarget(c.fromPort()) : c.to().inputSource(c.toPort());
            if (probe == null || !probe.target().equals(current)) {
                offset += probeCount();
                String name = "profiler:" + c.from().name() + "[" + c.fromPort() + "]->[" + c.toPort() + "]"
                        + c.to().name();
                probe = push ? ProbeClasses.push(name, current) : ProbeClasses.pull(name, current);
                probeRef = new PortRef(probe, 0);
            }
        }

        /** Puts the prepared probe into the edge. */
        void splice() {
            Connection c = connection;
            if (push) {
                c.from().setOutputTarget(c.fromPort(), probeRef);
            } else {
                c.to().setInputSource(c.toPort(), probeRef);
            }
        }

        void remove() {
            Connection c = connection;
            PortRef current = push ? c.from().outputTarget(c.fromPort()) : c.to().inputSource(c.toPort());
            if (current != probeRef) {
                notes.add("edge " + c + " was redirected to " + current + " while profiling; left as it is"
                        + " (the profiler's probe may still be on the path behind it)");
                return;
            }
            if (push) {
                c.from().setOutputTarget(c.fromPort(), probe.target());
            } else {
                c.to().setInputSource(c.toPort(), probe.target());
            }
        }

        long probeCount() {
            return probe == null ? 0 : probe.packets();
        }

        long packets() {
            return offset + probeCount();
        }
    }

    // ------------------------------------------------------------------ per-task state

    /** Batch counts of one task over all on periods: totals of retired wrappers plus the live one. */
    private final class TaskState {
        TimedTask wrapper;
        /** The edges this task's worker switches (see {@link #edgesOwnedByOneTask}). */
        List<EdgeState> owned = List.of();
        long batches;
        long sampledBatches;
        long sampledNanos;

        /** Wraps the slot's body; the worker runs {@code install} (may be null) before its next batch. */
        void begin(ScheduledTask t, BoundaryAction install) {
            PipelineSlot slot = t.slot();
            long epoch;
            do {
                Task current = slot.current();
                wrapper = new TimedTask(current);
                if (install != null) {
                    wrapper.runBeforeNextBatch(install);
                }
                epoch = slot.compareAndSwap(current, wrapper);
            } while (epoch < 0);
        }

        /** Restores the previous body if the wrapper is still in place; returns the epoch to await. */
        long end(ScheduledTask t) {
            PipelineSlot slot = t.slot();
            if (wrapper == null) {
                return slot.epoch();
            }
            long epoch = slot.compareAndSwap(wrapper, wrapper.body());
            if (epoch >= 0) {
                return epoch;
            }
            notes.add("task " + t.element().name() + ": its pipeline slot was swapped by someone else while profiling;"
                    + " left as it is (batch times end at that swap)");
            return slot.epoch();
        }

        void retire() {
            if (wrapper != null) {
                batches += wrapper.batches();
                sampledBatches += wrapper.sampledBatches();
                sampledNanos += wrapper.sampledNanos();
                wrapper = null;
            }
        }

        void reset() {
            batches = wrapper == null ? 0 : -wrapper.batches();
            sampledBatches = wrapper == null ? 0 : -wrapper.sampledBatches();
            sampledNanos = wrapper == null ? 0 : -wrapper.sampledNanos();
        }

        long batches() {
            return batches + (wrapper == null ? 0 : wrapper.batches());
        }

        long sampledBatches() {
            return sampledBatches + (wrapper == null ? 0 : wrapper.sampledBatches());
        }

        long sampledNanos() {
            return sampledNanos + (wrapper == null ? 0 : wrapper.sampledNanos());
        }
    }

    // ------------------------------------------------------------------ per-classifier state

    /** Rule hits of one {@link BranchProfile} element while on: accumulated deltas of its own counters. */
    private static final class BranchState {
        final BranchProfile element;
        long[] accumulated = new long[0];
        long[] base;

        BranchState(BranchProfile element) {
            this.element = element;
        }

        void begin() {
            base = element.branchHits();
        }

        void end() {
            accumulated = current();
            base = null;
        }

        void reset() {
            accumulated = new long[0];
            if (base != null) {
                base = element.branchHits();
            }
        }

        /** Accumulated hits plus, while on, the hits since {@link #begin()}. */
        long[] current() {
            if (base == null) {
                return accumulated;
            }
            long[] now = element.branchHits();
            long[] sum = Arrays.copyOf(accumulated, Math.max(accumulated.length, now.length));
            for (int i = 0; i < now.length; i++) {
                sum[i] += now[i] - (i < base.length ? base[i] : 0);
            }
            return sum;
        }

        List<String> names() {
            return List.of(element.branchNames());
        }

        List<Long> hits() {
            long[] h = current();
            List<String> names = names();
            List<Long> list = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                list.add(i < h.length ? h[i] : 0L);
            }
            return list;
        }
    }
}
