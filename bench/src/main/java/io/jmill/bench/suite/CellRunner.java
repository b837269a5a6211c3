package io.jmill.bench.suite;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.lang.FlatConfig;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import org.HdrHistogram.Histogram;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link RunSpec} in this JVM: build the router (IMIX expanded, measuring elements
 * added), start it, warm up (the mode's action halfway through), then measure for the window.
 * Normally called in a JVM of its own ({@link CellMain}), so that runs do not share JIT profiles.
 */
final class CellRunner {
    /** Prefix of the router's worker thread names (see {@code Router.start}). */
    static final String WORKER_PREFIX = "jmill-worker-";

    private CellRunner() {
    }

    /** A built router and the names of its measuring elements. */
    record Built(Router router, ConfigRewriter.Instrumented config) {
    }

    /**
     * Parses the spec's configuration with its variables, expands IMIX, adds the measuring
     * elements and builds the router (not started).
     *
     * @throws ConfigException          with every configuration error
     * @throws IllegalArgumentException when the configuration cannot be measured (IMIX with BURST,
     *                                  no sink)
     */
    static Built build(RunSpec spec, ElementRegistry registry) throws ConfigException {
        FlatConfig flat = ConfigRewriter.expandImix(Nf.parse(spec.origin(), spec.variables()));
        ConfigRewriter.Instrumented config = ConfigRewriter.instrument(flat, registry, spec.latencySample());
        if (config.probes().isEmpty()) {
            throw new IllegalArgumentException(spec.nf() + ": no sink to measure at (an element with no outputs, "
                    + "such as Discard or ToNIC, fed by the graph)");
        }
        return new Built(new RouterBuilder(registry).batch(spec.batch()).build(config.config()), config);
    }

    /** Why {@code spec} cannot be built, or null if it builds (the router is closed again at once). */
    static String check(RunSpec spec, ElementRegistry registry) {
        try {
            build(spec, registry).router().close();
            return null;
        } catch (ConfigException e) {
            return String.join("\n", e.errors().stream().map(Object::toString).toList());
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    static RunResult run(RunSpec spec, PrintStream log) {
        Mode mode = Modes.find(spec.mode());
        if (mode == null) {
            return RunResult.failed("unknown mode '" + spec.mode() + "'");
        }
        Built built;
        try {
            built = build(spec, ConfigRewriter.registry());
        } catch (ConfigException e) {
            return RunResult.failed("configuration errors:\n  "
                    + String.join("\n  ", e.errors().stream().map(Object::toString).toList()));
        } catch (IllegalArgumentException e) {
            return RunResult.failed(e.getMessage());
        }
        Router router = built.router();
        router.errorLog(log);
        List<SinkProbe> probes = new ArrayList<>();
        built.config().probes().forEach(name -> probes.add((SinkProbe) router.element(name)));
        try {
            return measure(spec, mode, router, probes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunResult.failed("interrupted");
        } catch (Exception e) {
            return RunResult.failed(mode.name() + ": " + e);
        } finally {
            router.close();
        }
    }

    private static RunResult measure(RunSpec spec, Mode mode, Router router, List<SinkProbe> probes)
            throws Exception {
        router.start(spec.threads());
        long half = spec.warmupNanos() / 2;
        if (router.awaitStop(half, TimeUnit.NANOSECONDS)) {
            return RunResult.failed("the router stopped during the warm-up: " + router.stopReason());
        }
        mode.afterWarmup().apply(router);
        if (router.awaitStop(spec.warmupNanos() - half, TimeUnit.NANOSECONDS)) {
            return RunResult.failed("the router stopped during the warm-up: " + router.stopReason());
        }

        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(WORKER_PREFIX) && t.isAlive()).toList();
        List<Long> tids = Cycles.perfAvailable() ? Cycles.nativeThreadIds(WORKER_PREFIX) : List.of();
        probes.forEach(SinkProbe::takeInterval); // latencies of the warm-up are dropped
        Snapshot start = Snapshot.take(router, probes, workers);
        Process perf = tids.isEmpty() ? null : Cycles.start(tids, spec.durationNanos());
        boolean stopped = router.awaitStop(spec.durationNanos(), TimeUnit.NANOSECONDS);
        long cycles = perf == null ? -1 : Cycles.finish(perf, 10);
        Snapshot end = Snapshot.take(router, probes, workers);
        Histogram latency = RunResult.emptyHistogram();
        for (SinkProbe p : probes) {
            latency.add(p.takeInterval());
        }
        if (stopped) {
            return RunResult.failed("the router stopped during the measurement: " + router.stopReason());
        }
        long window = end.nanos - start.nanos;
        if (cycles >= 0) {
            // perf counted while its sleep ran; the window also covers perf's start and exit
            cycles = Math.round(cycles * (double) window / spec.durationNanos());
        }
        return new RunResult(end.delivered - start.delivered, end.sourcePackets - start.sourcePackets,
                end.sourceBytes - start.sourceBytes, window,
                start.allocBytes < 0 || end.allocBytes < 0 ? -1 : end.allocBytes - start.allocBytes,
                end.cpuNanos - start.cpuNanos, cycles, end.drops - start.drops, router.taskErrors(), latency,
                router.taskErrors() > 0 ? "tasks threw: " + router.firstTaskError() : null);
    }

    /** Counters at one instant. */
    private record Snapshot(long nanos, long delivered, long sourcePackets, long sourceBytes, long allocBytes,
                            long cpuNanos, long drops) {

        static Snapshot take(Router router, List<SinkProbe> probes, List<Thread> workers) {
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long alloc = 0;
            long cpu = 0;
            boolean counting = mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled();
            for (Thread t : workers) {
                long a = counting ? mx.getThreadAllocatedBytes(t.threadId()) : -1;
                if (a < 0 && t.isAlive()) {
                    counting = false; // -1: not counted; reading it as 0 would claim no allocation
                }
                alloc += Math.max(0, a);
                cpu += Math.max(0, mx.getThreadCpuTime(t.threadId()));
            }
            long delivered = 0;
            for (SinkProbe p : probes) {
                delivered += p.count();
            }
            return new Snapshot(System.nanoTime(), delivered, router.sourcePackets(), router.sourceBytes(),
                    counting ? alloc : -1, cpu,
                    router.drops());
        }
    }
}
