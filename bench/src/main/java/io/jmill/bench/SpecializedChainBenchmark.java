package io.jmill.bench;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.Specialization;
import io.jmill.specializer.Specializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A source and a chain of five agnostic pass-through elements of five different classes (Counter,
 * Paint, Strip, Unstrip, Null) into Discard: one batch of {@value #BURST} packets per operation,
 * through the elements' own code ({@code generic}: the per-port calls are megamorphic) or through
 * the specialized copies the {@link Specializer} generates ({@code specialized}). Scores are per
 * packet; both include the source's allocation, 60-byte copy and the free, which {@code chain=0}
 * (source straight into Discard) measures alone: the chain costs the difference.
 *
 * <pre>./bench/run SpecializedChainBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(SpecializedChainBenchmark.BURST)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=40", "-XX:InlineSmallCode=6000", "-XX:+UseParallelGC", "-Djmill.memory=64m"})
public class SpecializedChainBenchmark {
    static final int BURST = 32;
    static final String SOURCE = "src :: InfiniteSource(LIMIT -1, BURST " + BURST + ", TIMESTAMP false)";
    static final String CHAIN = " -> Counter -> Paint(1) -> Strip(14) -> Unstrip(14) -> Null";
    static final String SINK = " -> d :: Discard";

    /** Elements between source and sink: 5 (the chain), or 0 (the baseline: source and sink only). */
    @Param({"5", "0"})
    public int chain;

    private Router router;
    private AutoCloseable cache;
    private Task generic;
    private Task specialized;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        String config = SOURCE + (chain == 5 ? CHAIN : "") + SINK;
        router = new RouterBuilder(ElementRegistry.load()).build(ClickParser.parse("bench", config, Map.of()));
        cache = PacketPool.attachCurrentThread();
        generic = (Task) router.element("src");
        Specializer specializer = new Specializer(router);
        Specialization s = specializer.generate(specializer.plan(null));
        specialized = s.taskBody("src");
        if (specialized == null || s.specializedElements().size() != router.elements().size()) {
            throw new IllegalStateException("not everything was specialized:\n" + s.plan().toText());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        router.close();
        cache.close();
    }

    /** The elements' own code: virtual calls through Element.output at every port. */
    @Benchmark
    public int generic() {
        return generic.runTask();
    }

    /** The specialized copies: direct calls on constants, constant metadata offsets. */
    @Benchmark
    public int specialized() {
        return specialized.runTask();
    }
}
