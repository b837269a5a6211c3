package io.jmill.bench;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.layout.PacketPool;
import io.jmill.profiler.Profiler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What profiling costs: the five-element chain
 * {@code InfiniteSource -> Null -> Null -> Null -> Counter -> Discard}, one batch of 32 packets
 * per invocation on the benchmark thread, run through the source's pipeline slot as a worker
 * would, with the profiler off and on (edge probes on all five edges, batch timing on the
 * source). Reported per packet. Each setting runs in its own fork, so "off" has never seen a
 * probe.
 *
 * <pre>./bench/run ProfilerOverheadBenchmark -f 1 -wi 2 -i 3</pre>
 *
 * <p>On a shared, noisy machine the two forks can differ by more than the overhead. {@link #main}
 * compares the two settings paired instead, in one JVM: two routers, measured in alternating
 * short epochs (off on on off ...), reporting the median per-packet times and the median of the
 * per-pair ratios with a 95% confidence interval:
 *
 * <pre>JAVA_HOME=... $JAVA_HOME/bin/java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *     -Djmill.memory=64m -cp "bench/target/jmill-bench.jar:bench/target/lib/*" \
 *     io.jmill.bench.ProfilerOverheadBenchmark [PAIRS [EPOCH_MS]]</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=40", "-XX:InlineSmallCode=6000", "-XX:+UseParallelGC", "-Djmill.memory=64m"})
public class ProfilerOverheadBenchmark {
    static final int BATCH = 32;

    @Param({"off", "on"})
    public String profiling;

    private AutoCloseable cache;
    private Router router;
    private ScheduledTask source;
    private Profiler profiler;

    @Setup
    public void setUp() throws Exception {
        cache = PacketPool.attachCurrentThread();
        router = new RouterBuilder(ElementRegistry.load()).batch(BATCH).build(ClickParser.parse("bench",
                "src :: InfiniteSource -> Null -> Null -> Null -> Counter -> Discard;", Map.of()));
        source = router.tasks().stream().filter(t -> t.element().name().equals("src")).findFirst().orElseThrow();
        profiler = new Profiler(router);
        profiler.timeTask(source);
        if (profiling.equals("on")) {
            profiler.start();
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        profiler.stop();
        router.close();
        cache.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int batch() {
        return source.slot().current().runTask();
    }

    // ------------------------------------------------------------------ paired A/B in one JVM

    private static volatile long sink;

    /** Runs the paired comparison: {@code [PAIRS (default 40) [EPOCH_MS (default 100)]]}. */
    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        long epochNanos = TimeUnit.MILLISECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 100);
        ProfilerOverheadBenchmark off = new ProfilerOverheadBenchmark();
        off.profiling = "off";
        off.setUp();
        ProfilerOverheadBenchmark on = new ProfilerOverheadBenchmark();
        on.profiling = "on";
        on.setUp();
        try {
            for (int i = 0; i < 20; i++) { // warm-up, both settings
                nanosPerPacket(off, epochNanos);
                nanosPerPacket(on, epochNanos);
            }
            double[] offNs = new double[pairs];
            double[] onNs = new double[pairs];
            double[] ratio = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                if ((i & 1) == 0) { // alternate the order so that drift cancels out
                    offNs[i] = nanosPerPacket(off, epochNanos);
                    onNs[i] = nanosPerPacket(on, epochNanos);
                } else {
                    onNs[i] = nanosPerPacket(on, epochNanos);
                    offNs[i] = nanosPerPacket(off, epochNanos);
                }
                ratio[i] = onNs[i] / offNs[i];
            }
            Arrays.sort(offNs);
            Arrays.sort(onNs);
            Arrays.sort(ratio);
            // Distribution-free 95% interval of the median: order statistics n/2 -+ 0.98 sqrt(n).
            int half = (int) Math.ceil(0.98 * Math.sqrt(pairs));
            int lo = Math.max(0, pairs / 2 - half);
            int hi = Math.min(pairs - 1, (pairs - 1) / 2 + half);
            System.out.printf(Locale.ROOT, "pairs %d, epochs of %d ms%n", pairs,
                    TimeUnit.NANOSECONDS.toMillis(epochNanos));
            System.out.printf(Locale.ROOT, "off: median %.2f ns/packet (min %.2f)%n", median(offNs), offNs[0]);
            System.out.printf(Locale.ROOT, "on:  median %.2f ns/packet (min %.2f)%n", median(onNs), onNs[0]);
            System.out.printf(Locale.ROOT, "on/off: median ratio %.3f, 95%% CI [%.3f, %.3f]%n",
                    median(ratio), ratio[lo], ratio[hi]);
            var profile = on.profiler.snapshot();
            System.out.printf(Locale.ROOT, "profiled: %d packets on edge src [0], %d batches of src timed%n",
                    profile.edgePackets("src", 0), profile.element("src").orElseThrow().batches());
        } finally {
            on.tearDown();
            off.tearDown();
        }
    }

    private static double nanosPerPacket(ProfilerOverheadBenchmark b, long epochNanos) {
        long batches = 0;
        long sum = 0;
        long start = System.nanoTime();
        long elapsed;
        do {
            for (int i = 0; i < 1000; i++) {
                sum += b.batch();
            }
            batches += 1000;
            elapsed = System.nanoTime() - start;
        } while (elapsed < epochNanos);
        sink = sum;
        return (double) elapsed / (batches * BATCH);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return (n & 1) == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
