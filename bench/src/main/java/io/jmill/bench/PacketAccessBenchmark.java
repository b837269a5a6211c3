package io.jmill.bench;

import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.foreign.ValueLayout;
import java.util.concurrent.TimeUnit;

import static io.jmill.layout.PacketMemory.MEMORY;

/**
 * Packet memory costs: allocate + free through a thread cache, and metadata / data accessors of
 * the generic layout. Metadata reads come in two forms: {@code metadataReads} through the
 * {@link Packet} accessors, which read each field's offset from the active layout's table, and
 * {@code metadataReadsConstant}, the same fields at the generic layout's offsets written as
 * literals, read straight from {@code PacketMemory.MEMORY}: what the specializer generates
 * (see {@code PacketAccessorTemplate}).
 *
 * <pre>./bench/run PacketAccessBenchmark -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=40", "-XX:InlineSmallCode=6000", "-XX:+UseParallelGC", "-Djmill.memory=64m"})
public class PacketAccessBenchmark {
    private AutoCloseable cache;
    private Packet packet;

    @Setup
    public void setUp() {
        cache = PacketPool.attachCurrentThread();
        packet = PacketPool.alloc(new byte[64]);
        MetadataLayout layout = MetadataLayout.active();
        if (layout.offset(MetadataField.LENGTH) != 4 || layout.offset(MetadataField.PAINT) != 68
                || layout.offset(MetadataField.DST_IP) != 64) {
            throw new IllegalStateException("metadataReadsConstant assumes the generic layout's offsets:\n"
                    + layout.describe());
        }
    }

    @TearDown
    public void tearDown() throws Exception {
        packet.kill();
        cache.close();
    }

    /** One allocation (metadata cleared) and one free. */
    @Benchmark
    public int allocFree() {
        Packet p = PacketPool.alloc();
        int i = p.index();
        p.kill();
        return i;
    }

    /** Read length, paint and destination-IP annotation. */
    @Benchmark
    public int metadataReads() {
        return packet.length() + packet.paint() + packet.dstIpAnno();
    }

    /** The same reads at the generic layout's offsets (length 4, paint 68, destination IP 64) as constants. */
    @Benchmark
    public int metadataReadsConstant() {
        long base = packet.slotBase();
        return MEMORY.get(ValueLayout.JAVA_INT_UNALIGNED, base + 4)
                + (MEMORY.get(ValueLayout.JAVA_BYTE, base + 68) & 0xFF)
                + MEMORY.get(ValueLayout.JAVA_INT_UNALIGNED, base + 64);
    }

    /** Read-modify-write of the IP TTL byte and a 16-bit header field. */
    @Benchmark
    public int dataReadWrite() {
        int ttl = packet.u8(22);
        packet.setU8(22, ttl + 1);
        return packet.u16(12) + ttl;
    }
}
