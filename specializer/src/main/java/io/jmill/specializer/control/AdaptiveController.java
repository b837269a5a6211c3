package io.jmill.specializer.control;

import io.jmill.engine.router.Router;
import io.jmill.profiler.Profile;
import io.jmill.profiler.Profiler;
import io.jmill.specializer.Decision;
import io.jmill.specializer.Plan;
import io.jmill.specializer.Specializer;
import io.jmill.specializer.layout.LayoutPlanner;
import io.jmill.specializer.layout.LayoutAB;
import io.jmill.specializer.layout.LayoutSwap;
import io.jmill.specializer.observe.CompilationWatcher;
import io.jmill.layout.MetadataLayout;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Makes a generic router fast while it runs. In {@link SpecializeMode#AUTO}: run generic for a
 * warm-up, measure its rate, profile a window, plan from the profile, swap the specialized code
 * in, measure again and report the speed-up; then, every {@code resampleEvery}, go back to the
 * generic path for a short profiling window and compare: a material change (a new hot edge, a
 * shift of traffic share beyond {@code threshold}) seen in two samples in a row re-plans and
 * re-specializes — the hysteresis that keeps it from oscillating. {@link SpecializeMode#NOW}
 * specializes before the first packet, from a saved profile if one is given.
 *
 * <pre>{@code
 * AdaptiveController c = new AdaptiveController(router, "router.click", Options.defaults(), System.err);
 * c.beforeStart();      // NOW: swaps the code in
 * router.start(1);
 * c.start();            // AUTO: the controller thread takes it from here
 * ...
 * c.close();
 * }</pre>
 */
public final class AdaptiveController implements AutoCloseable {
    /** Tuning; {@link #defaults()} suits a router that should be fast within a few seconds. */
    public record Options(SpecializeMode mode, Duration warmup, Duration measure, Duration profileFor,
                          Duration resampleEvery, Duration resampleFor, double threshold, Profile profileIn,
                          LayoutMode layout, boolean jvmciProfile, String backend) {
        public Options {
            layout = layout == null ? LayoutMode.GENERIC : layout;
            backend = io.jmill.specializer.backend.Backends.parse(backend == null ? "C2" : backend);
        }

        /** Options with estimated field accesses and the C2 backend. */
        public Options(SpecializeMode mode, Duration warmup, Duration measure, Duration profileFor,
                       Duration resampleEvery, Duration resampleFor, double threshold, Profile profileIn,
                       LayoutMode layout) {
            this(mode, warmup, measure, profileFor, resampleEvery, resampleFor, threshold, profileIn, layout, false, null);
        }

        /** Options with the generic layout. */
        public Options(SpecializeMode mode, Duration warmup, Duration measure, Duration profileFor,
                       Duration resampleEvery, Duration resampleFor, double threshold, Profile profileIn) {
            this(mode, warmup, measure, profileFor, resampleEvery, resampleFor, threshold, profileIn, LayoutMode.GENERIC);
        }

        public static Options defaults() {
            return new Options(SpecializeMode.AUTO, Duration.ofMillis(2000), Duration.ofMillis(1000),
                    Duration.ofMillis(500), Duration.ofSeconds(10), Duration.ofMillis(300), 0.10, null);
        }

        public Options withMode(SpecializeMode m) {
            return new Options(m, warmup, measure, profileFor, resampleEvery, resampleFor, threshold, profileIn, layout,
                    jvmciProfile, backend);
        }

        public Options withProfileIn(Profile p) {
            return new Options(mode, warmup, measure, profileFor, resampleEvery, resampleFor, threshold, p, layout,
                    jvmciProfile, backend);
        }

        /** {@link LayoutMode#HOT}: also plan a hot-first layout from the profile and swap it in live. */
        public Options withLayout(LayoutMode l) {
            return new Options(mode, warmup, measure, profileFor, resampleEvery, resampleFor, threshold, profileIn, l,
                    jvmciProfile, backend);
        }

        /** True: profiles measure field accesses from HotSpot's branch profiles ({@code --jvmci-profile}). */
        public Options withJvmciProfile(boolean on) {
            return new Options(mode, warmup, measure, profileFor, resampleEvery, resampleFor, threshold, profileIn, layout,
                    on, backend);
        }

        /** The compiler backend: {@code c2} or {@code graal} ({@code --backend}). */
        public Options withBackend(String b) {
            return new Options(mode, warmup, measure, profileFor, resampleEvery, resampleFor, threshold, profileIn, layout,
                    jvmciProfile, b);
        }
    }

    /** What the controller is doing. */
    public enum State { GENERIC, PROFILING, SPECIALIZED, STOPPED }

    private final Router router;
    private final Specializer specializer;
    private final Profiler profiler;
    private final Options options;
    private final PrintStream log;
    private final CompilationWatcher jit;
    private final List<String> events = new ArrayList<>();
    private volatile State state = State.GENERIC;
    private volatile Plan plan;
    private volatile Profile profile;
    private volatile double genericMpps = Double.NaN;
    private volatile double specializedMpps = Double.NaN;
    private volatile double hotLayoutMpps = Double.NaN;
    private volatile LayoutPlanner.Planned layoutPlan;
    private volatile LayoutSwap.Result lastLayoutSwap;
    private volatile LayoutAB.Result lastAbTest;
    private volatile boolean closed;
    private Thread thread;
    /** The layout active when the controller was made; {@link #close()} restores it. */
    private final MetadataLayout startLayout = MetadataLayout.active();

    public AdaptiveController(Router router, String configName, Options options, PrintStream log) {
        this.router = router;
        this.specializer = new Specializer(router);
        this.profiler = new Profiler(router, configName);
        this.options = options;
        this.log = log;
        this.profile = options.profileIn();
        profiler.measureWithJvmci(options.jvmciProfile());
        specializer.backend(options.backend());
        this.jit = options.mode() == SpecializeMode.OFF ? null
                : CompilationWatcher.start(type -> type.contains("$$JMill"));
        addHandlers(router);
    }

    /**
     * The router's global handlers {@value #STATE_HANDLER} ({@code generic} or {@code specialized}:
     * what the task slots run), {@value #PLAN_HANDLER} (the decisions of the code in force as they
     * turned out, as {@link Plan#toText()} prints them, or {@code none}) and {@value #SWAPS_HANDLER}
     * (the swap history, one line each): what {@code jmill run -h} and tests read to know that a run
     * was specialized, and how.
     */
    private void addHandlers(Router router) {
        router.globalHandlers()
                .read(STATE_HANDLER, () -> specializer.state().name().toLowerCase(Locale.ROOT))
                .read(PLAN_HANDLER, () -> {
                    io.jmill.specializer.Specialization s = specializer.inForce();
                    if (s == null) {
                        return "none";
                    }
                    Plan p = s.plan();
                    return new Plan(s.decisions(), s.backend(), p.layout(), p.xchangeFields(), p.cloneFields()).toText().stripTrailing();
                })
                .read(SWAPS_HANDLER, () -> String.join("\n", specializer.history().stream().map(Object::toString)
                        .toList()));
    }

    /** Global handler: {@code generic} or {@code specialized}. */
    public static final String STATE_HANDLER = "specializer_state";
    /** Global handler: the decisions of the specialized code in force, or {@code none}. */
    public static final String PLAN_HANDLER = "specializer_plan";
    /** Global handler: swaps and reverts, oldest first. */
    public static final String SWAPS_HANDLER = "specializer_swaps";

    /** The specializer this controller drives (plans, history). */
    public Specializer specializer() {
        return specializer;
    }

    public Profiler profiler() {
        return profiler;
    }

    public State state() {
        return state;
    }

    /** The plan in force, or the one that would be applied; null before any planning. */
    public Plan plan() {
        return plan;
    }

    /** The latest profile (measured or loaded), or null. */
    public Profile profile() {
        return profile;
    }

    /** Generic and specialized throughput measured around the first swap (NaN until measured). */
    public double genericMpps() {
        return genericMpps;
    }

    public double specializedMpps() {
        return specializedMpps;
    }

    /** Throughput after the live swap to a hot-first layout (NaN until measured, or without {@code --layout hot}). */
    public double hotLayoutMpps() {
        return hotLayoutMpps;
    }

    /** The layout every packet's metadata is stored in now. */
    public MetadataLayout layout() {
        return MetadataLayout.active();
    }

    /** The hot-first layout planned by this controller with its decisions, or null. */
    public LayoutPlanner.Planned layoutPlan() {
        return layoutPlan;
    }

    /** The latest live layout swap done by this controller, or null. */
    public LayoutSwap.Result lastLayoutSwap() {
        return lastLayoutSwap;
    }

    /** The latest A/B test of layouts, or null. */
    public LayoutAB.Result lastAbTest() {
        return lastAbTest;
    }

    /** Pairs of epochs of the A/B test that {@link LayoutMode#AB} runs. */
    static final int AB_PAIRS = 6;
    static final Duration AB_SETTLE = Duration.ofMillis(300);
    static final Duration AB_MEASURE = Duration.ofMillis(700);

    /**
     * A/B-tests the active layout (A) against a hot-first layout planned from the latest profile
     * (B) on the live traffic, and keeps the winner (see {@link LayoutAB}); the JMX operation, and
     * what {@link LayoutMode#AB} does after the first specialization. Blocks for about
     * {@code 2 * (pairs + 1) * epoch}. The re-sampling of the controller thread waits meanwhile.
     *
     * @throws IllegalStateException if there is no profile yet or the router is not running
     */
    public synchronized LayoutAB.Result abTestLayout(int pairs, Duration epoch) throws InterruptedException {
        if (profile == null) {
            throw new IllegalStateException("no profile yet to plan a hot-first layout from");
        }
        if (!router.started() || router.stopping()) {
            throw new IllegalStateException("the router is not running");
        }
        LayoutPlanner.Planned planned = LayoutPlanner.hotFirst(profile);
        layoutPlan = planned;
        note(String.format(Locale.ROOT, "A/B test of layouts %s vs %s: %d pairs of %.1f s epochs after a warm-up pair"
                        + " (about %.0f s)", MetadataLayout.active().name(), planned.layout().name(), pairs,
                epoch.toMillis() / 1e3, 2.0 * (pairs + 1) * epoch.toMillis() / 1e3));
        Duration settle = epoch.multipliedBy(3).dividedBy(10);
        LayoutAB.Result r = LayoutAB.run(router, state == State.SPECIALIZED ? specializer : null,
                MetadataLayout.active(), planned.layout(), pairs, settle, epoch.minus(settle), ProfileViews.of(profile));
        lastAbTest = r;
        if (state == State.SPECIALIZED) {
            // the plan in force is the one made under the winner's layout (cached: no new code)
            Plan p = specializer.plan(ProfileViews.of(profile));
            specializer.apply(p);
            plan = p;
        }
        note(r.summary());
        return r;
    }

    /** What the controller did, oldest first ("time: what"). */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** JIT compilations and deoptimizations of generated code seen so far. */
    public String jitSummary() {
        return jit == null ? "not watched" : jit.summary();
    }

    public List<String> jitEvents() {
        return jit == null ? List.of() : jit.events().stream().map(Object::toString).toList();
    }

    /** In {@link SpecializeMode#NOW}: plans (from the saved profile, if any) and installs the code. */
    public void beforeStart() {
        if (options.mode() != SpecializeMode.NOW) {
            return;
        }
        if (options.layout() == LayoutMode.HOT) {
            if (profile == null) {
                note("layout hot-first needs a profile (measured in auto mode, or --profile-in): layout stays "
                        + MetadataLayout.active().name());
            } else {
                swapLayout(profile);
            }
        }
        Plan p = specializer.plan(ProfileViews.of(profile));
        specializer.apply(p);
        plan = p;
        state = State.SPECIALIZED;
        note("specialized before the first packet" + (profile == null ? "" : " from the saved profile") + ": "
                + summary(p) + "; " + backendSummary());
    }

    /**
     * Plans a hot-first layout from {@code from} and swaps it in live (re-specializing running
     * specialized code under it); notes what it did.
     */
    private void swapLayout(Profile from) {
        LayoutPlanner.Planned planned = LayoutPlanner.hotFirst(from);
        LayoutSwap.Result r = LayoutSwap.swap(router, planned.layout(), specializer, ProfileViews.of(from));
        layoutPlan = planned;
        lastLayoutSwap = r;
        if (r.plan() != null) {
            plan = r.plan();
        }
        note(planned.summary() + " (" + hottest(planned, from) + "); " + r.summary());
    }

    private static String hottest(LayoutPlanner.Planned planned, Profile from) {
        java.util.Map<String, Long> totals = from.fieldTotals();
        return planned.layout().fields().stream().filter(f -> planned.layout().offset(f) < 64)
                .filter(f -> totals.getOrDefault(f.name(), 0L) > 0)
                .map(f -> f.name() + "@" + planned.layout().offset(f))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** In {@link SpecializeMode#AUTO}: starts the controller thread (call after {@code router.start}). */
    public synchronized void start() {
        if (options.mode() != SpecializeMode.AUTO || thread != null) {
            return;
        }
        thread = new Thread(this::runAuto, "jmill-specializer");
        thread.setDaemon(true);
        thread.start();
    }

    private void runAuto() {
        try {
            if (!sleep(options.warmup())) {
                return;
            }
            genericMpps = measure(options.measure());
            if (Double.isNaN(genericMpps)) {
                return;
            }
            state = State.PROFILING;
            Profile measured = profileWindow(options.profileFor());
            if (measured == null) {
                return;
            }
            profile = measured;
            specialize(measured, "after " + secondsSinceStart() + " s of generic running");
            java.time.Instant swapped = java.time.Instant.now();
            if (specializer.installed() != null) {
                if (!sleep(Duration.ofMillis(500))) { // compiled before the swap: only let the rate settle
                    return;
                }
            } else if (!awaitCompiled(Duration.ofSeconds(10))) {
                return;
            }
            specializedMpps = measure(options.measure());
            if (!Double.isNaN(specializedMpps)) {
                note(String.format(Locale.ROOT, "speed-up: generic %.2f Mpps -> specialized %.2f Mpps (x%.2f)",
                        genericMpps, specializedMpps, specializedMpps / genericMpps));
            }
            if (specializer.installed() != null && jit != null) {
                note(jitSince(swapped));
            }
            if (options.layout() == LayoutMode.HOT && !closed && !router.stopping()) {
                long compiledBefore = compiledTaskBodies();
                swapLayout(measured);
                if (specializer.installed() == null && !awaitCompiledMore(compiledBefore, Duration.ofSeconds(10))) {
                    return;
                }
                hotLayoutMpps = measure(options.measure());
                if (!Double.isNaN(hotLayoutMpps)) {
                    note(String.format(Locale.ROOT, "layout speed-up: specialized on layout generic %.2f Mpps -> on layout %s"
                                    + " %.2f Mpps (x%.2f; x%.2f over generic code)", specializedMpps,
                            MetadataLayout.active().name(), hotLayoutMpps, hotLayoutMpps / specializedMpps,
                            hotLayoutMpps / genericMpps));
                }
            }
            if (options.layout() == LayoutMode.AB && !closed && !router.stopping()) {
                abTestLayout(AB_PAIRS, AB_SETTLE.plus(AB_MEASURE));
            }
            watch();
        } catch (RuntimeException e) {
            note("controller stopped: " + e);
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** Periodic re-sampling; re-specializes after two material changes in a row. */
    private void watch() {
        int changesInARow = 0;
        while (sleep(options.resampleEvery())) {
            synchronized (this) { // not while an A/B test or a JMX operation runs
                if (closed || router.stopping()) {
                    return;
                }
                Plan current = plan;
                specializer.suspend(); // Graal's code waits for the plan's return
                state = State.PROFILING;
                Profile sample = profileWindow(options.resampleFor());
                if (sample == null) {
                    return;
                }
                Profile reference = profile;
                List<String> changes = reference == null ? List.of()
                        : reference.materialDifferences(sample, options.threshold());
                if (!changes.isEmpty()) {
                    changesInARow++;
                } else {
                    changesInARow = 0;
                }
                if (changesInARow >= 2) {
                    changesInARow = 0;
                    profile = sample;
                    specialize(sample, "the profile changed: " + String.join("; ", changes));
                } else {
                    specializer.apply(current);
                    state = State.SPECIALIZED;
                }
            }
        }
    }

    private void specialize(Profile from, String why) {
        Plan p = specializer.plan(ProfileViews.of(from));
        specializer.apply(p);
        plan = p;
        state = State.SPECIALIZED;
        note("specialized " + why + ": " + summary(p) + "; " + backendSummary());
    }

    /**
     * The backend of the code in force, one line: {@code Graal: 58 methods compiled ...},
     * {@code C2}, or {@code C2 (fallback from Graal: why)}; what JMX's {@code Backend} shows.
     */
    public String backendSummary() {
        io.jmill.specializer.Specialization s = specializer.inForce();
        if (s == null) {
            return "none (generic code)";
        }
        if (specializer.installed() != null) {
            return "backend Graal: " + specializer.installed().summary() + ", " + specializer.installed().alive()
                    + " still installed";
        }
        String fallback = s.decisions().stream().filter(d -> d.kind().equals(Decision.BACKEND)
                && d.reason().startsWith("fallback")).map(Decision::reason).findFirst().orElse(null);
        return "backend " + s.backend() + (fallback == null ? "" : " (" + fallback + ")");
    }

    /** Swaps the code back in (re-planning from the latest profile); the JMX operation. */
    public synchronized void respecialize() {
        specialize(profile, "on request");
    }

    /** Back to the generic path; stays there until {@link #respecialize()}. */
    public synchronized void revert() {
        stopThread();
        specializer.revert();
        state = State.GENERIC;
        note("reverted to generic on request");
    }

    /**
     * Waits until C2 has compiled the generated task bodies (their {@code runTask}), as JFR reports,
     * so that the speed-up is measured on machine code and not during warm-up; at most
     * {@code max}. Returns false if the router stopped meanwhile.
     */
    private boolean awaitCompiled(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            boolean compiled = jit != null && jit.events().stream().anyMatch(e -> e.kind()
                    == io.jmill.specializer.observe.JitEvent.Kind.COMPILED && e.level() == 4 && e.method().equals("runTask"));
            if (compiled) {
                note("generated code compiled by C2 " + secondsSinceStart() + " s after start (" + jit.summary() + ")");
                return sleep(Duration.ofMillis(500));
            }
            if (!sleep(Duration.ofMillis(100))) {
                return false;
            }
        }
        note("C2 had not compiled the generated code after " + max.toSeconds() + " s; measuring anyway");
        return true;
    }

    /**
     * What HotSpot compiled or deoptimized of the generated classes since {@code swap}, one line:
     * with the chain inlined into Graal's installed batch loops, nothing (the copies' methods are
     * never called on their own).
     */
    String jitSince(java.time.Instant swap) {
        List<io.jmill.specializer.observe.JitEvent> after = jit.events().stream()
                .filter(e -> !e.time().isBefore(swap)).toList();
        long c1 = after.stream().filter(e -> e.kind() == io.jmill.specializer.observe.JitEvent.Kind.COMPILED
                && e.level() > 0 && e.level() < 4).count();
        long c2 = after.stream().filter(e -> e.kind() == io.jmill.specializer.observe.JitEvent.Kind.COMPILED
                && e.level() == 4).count();
        long deopt = after.stream().filter(e -> e.kind() == io.jmill.specializer.observe.JitEvent.Kind.DEOPTIMIZED).count();
        return "JIT after the swap: HotSpot compiled " + c1 + " methods of the generated classes with C1 and " + c2
                + " with C2, " + deopt + " deoptimizations" + (c1 + c2 + deopt == 0 ? " (the chain runs in Graal's code only)" : "");
    }

    private long compiledTaskBodies() {
        return jit == null ? 0 : jit.events().stream().filter(e -> e.kind()
                == io.jmill.specializer.observe.JitEvent.Kind.COMPILED && e.level() == 4 && e.method().equals("runTask"))
                .count();
    }

    /** Like {@link #awaitCompiled}, for code generated after {@code before} task bodies were compiled. */
    private boolean awaitCompiledMore(long before, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (compiledTaskBodies() > before) {
                return sleep(Duration.ofMillis(500));
            }
            if (!sleep(Duration.ofMillis(100))) {
                return false;
            }
        }
        note("C2 had not compiled the code generated for the new layout after " + max.toSeconds() + " s; measuring anyway");
        return true;
    }

    private Profile profileWindow(Duration d) {
        profiler.reset();
        profiler.start();
        boolean ran = sleep(d);
        profiler.stop();
        return ran ? profiler.snapshot() : null;
    }

    /** Mpps over {@code d}, from the sources' counters; NaN if the router stopped meanwhile. */
    private double measure(Duration d) {
        long p0 = router.sourcePackets();
        long t0 = System.nanoTime();
        if (!sleep(d)) {
            return Double.NaN;
        }
        long p1 = router.sourcePackets();
        return (p1 - p0) * 1e3 / (System.nanoTime() - t0);
    }

    /** Sleeps; false if the router stopped or the controller closed. */
    private boolean sleep(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < deadline) {
            if (closed || router.stopping()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(20, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                return false;
            }
        }
        return !closed && !router.stopping();
    }

    private String secondsSinceStart() {
        return String.format(Locale.ROOT, "%.1f", router.elapsedNanos() / 1e9);
    }

    static String summary(Plan p) {
        long specialized = p.decisions().stream().filter(d -> d.kind().equals(Decision.FOLD_CONSTANTS)).count();
        long edges = p.decisions().stream().filter(d -> d.kind().equals(Decision.DEVIRTUALIZE_EDGE)).count();
        long generic = p.decisions().stream().filter(d -> d.kind().equals(Decision.KEEP_GENERIC)).count();
        long cold = p.decisions().stream()
                .filter(d -> d.kind().equals(Decision.KEEP_GENERIC) && d.reason().startsWith("cold")).count();
        boolean xchange = p.decisions().stream().anyMatch(d -> d.kind().equals(Decision.XCHANGE_FIELDS)
                && !d.detail().startsWith("none"));
        String fields = "";
        if (xchange && p.xchangeFields() != io.jmill.engine.runtime.XchangeReceiver.ALL_FIELDS) {
            List<io.jmill.layout.MetadataField> all = io.jmill.layout.MetadataField.all();
            long filled = all.stream().filter(f -> (p.xchangeFields() & (1L << f.id())) != 0).count();
            fields = "; X-Change drivers fill " + filled + " of " + all.size() + " metadata fields";
        }
        return specialized + " elements specialized, " + edges + " edges devirtualized, " + generic + " left generic"
                + (cold == 0 ? "" : " (" + cold + " of them saw no traffic)") + fields;
    }

    private void note(String what) {
        String line = Instant.now() + ": " + what;
        synchronized (events) { // not this: an A/B test holds that for seconds
            events.add(line);
        }
        if (log != null) {
            log.println("jmill: " + what);
        }
    }

    private void stopThread() {
        Thread t = thread;
        thread = null;
        if (t != null && t != Thread.currentThread()) {
            t.interrupt(); // its sleeps end, and so does its loop
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Stops the controller thread and the profiler; leaves the code in place (the router is
     * stopping anyway). If another layout than the one active when the controller was made is
     * active (after {@code --layout hot}, an A/B test or a JMX operation), makes that one active
     * again (the layout is process-wide; live if the router still runs).
     */
    @Override
    public void close() {
        closed = true;
        stopThread();
        profiler.close();
        if (options.layout() != LayoutMode.GENERIC || MetadataLayout.active() != startLayout) {
            // Leave the process as found: the layout is process-wide. After router.close() this
            // only re-activates; while the router runs, the swap is live and re-specializes. (Runs
            // after any swap of the controller thread still in progress: swaps are serialized.)
            try {
                LayoutSwap.Result r = LayoutSwap.swap(router, startLayout, specializer, ProfileViews.of(profile));
                if (r.from() != r.to()) {
                    note("back to the " + startLayout.name() + " layout: " + r.summary());
                }
            } catch (RuntimeException e) {
                note("could not restore the " + startLayout.name() + " layout: " + e);
            }
        }
        if (jit != null) {
            jit.close();
        }
        state = State.STOPPED;
    }
}
