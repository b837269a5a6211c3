package io.jmill.bench;

import io.jmill.driver.MetadataModel;
import io.jmill.driver.sim.SimNic;
import io.jmill.driver.sim.SimNicConfig;
import io.jmill.driver.sim.TrafficSpec;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
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

import java.util.concurrent.TimeUnit;

/**
 * The three metadata models on the same work: receive a burst of 32 frames from the simulated NIC
 * (64-byte UDP, 4096 flows), read each packet's destination address and send it back out, on one
 * thread. The wire does the same work in every model (template copy, header writes, completion
 * entry); what differs is the metadata path and where buffers come from and go to. Results are
 * per packet.
 *
 * <pre>./bench/run NicModelBenchmark -f 1 -wi 2 -i 3 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Measurement(iterations = 5, time = 500, timeUnit = TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=40", "-XX:InlineSmallCode=6000", "-XX:+UseParallelGC", "-Djmill.memory=64m"})
public class NicModelBenchmark {
    static final int BURST = 32;

    @Param({"COPYING", "OVERLAYING", "XCHANGE"})
    public MetadataModel model;

    private AutoCloseable cache;
    private SimNic nic;
    private PacketBatch batch;

    @Setup
    public void setUp() throws Exception {
        cache = PacketPool.attachCurrentThread();
        TrafficSpec traffic = TrafficSpec.builder().src(0x0A000000, 65536).flows(4096).sizes(64).build();
        nic = SimNic.open(SimNicConfig.builder("nic0").model(model).traffic(traffic).build());
        batch = new PacketBatch(BURST);
    }

    @TearDown
    public void tearDown() throws Exception {
        nic.close();
        cache.close();
    }

    /** One burst received and sent back out. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public int forward() {
        PacketBatch b = batch;
        b.clear();
        SimNic n = nic;
        int k = n.receive(0, b, BURST);
        int sum = 0;
        for (int i = 0; i < k; i++) {
            Packet p = b.get(i);
            sum += p.u32(30) + p.length();
            n.transmit(0, p);
        }
        return sum;
    }
}
