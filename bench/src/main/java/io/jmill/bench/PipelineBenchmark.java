package io.jmill.bench;

import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.PacketPool;
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

import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole generic pipeline on the benchmark thread: each invocation runs one batch of the
 * source task (32 packets: allocate, fill, push through the graph, free). Reported per packet.
 *
 * <pre>./bench/run PipelineBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=40", "-XX:InlineSmallCode=6000", "-XX:+UseParallelGC", "-Djmill.memory=64m"})
public class PipelineBenchmark {
    static final int BATCH = 32;

    /** The graph after the source. */
    @Param({"Counter -> Discard", "Null -> Null -> Null -> Null -> Counter -> Discard"})
    public String graph;

    private AutoCloseable cache;
    private Router router;
    private Task source;

    @Setup
    public void setUp() throws Exception {
        cache = PacketPool.attachCurrentThread();
        router = new RouterBuilder(ElementRegistry.load()).batch(BATCH)
                .build(ClickParser.parse("bench", "src :: InfiniteSource -> " + graph + ";", Map.of()));
        source = (Task) router.element("src");
    }

    @TearDown
    public void tearDown() throws Exception {
        router.close();
        cache.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int batch() {
        return source.runTask();
    }
}
