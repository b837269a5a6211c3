package io.jmill.driver.sim;

import io.jmill.driver.MetadataModel;
import io.jmill.driver.net.Addresses;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The receive → transmit path allocates nothing per packet, in every model. */
class SimNicAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static volatile byte[] escape;

    /** Fails unless the allocation counter works here: else every measurement below would read 0 and pass. */
    static void assertCounting() {
        assertTrue(THREADS.isThreadAllocatedMemorySupported(), "this JVM cannot count allocation per thread");
        assertTrue(THREADS.isThreadAllocatedMemoryEnabled(), "per-thread allocation counting is switched off");
        long before = THREADS.getCurrentThreadAllocatedBytes();
        escape = new byte[1 << 20];
        long seen = THREADS.getCurrentThreadAllocatedBytes() - before;
        escape = null;
        assertTrue(before >= 0 && seen >= 1 << 20, "the allocation counter saw " + seen + " bytes of a 1 MiB array");
    }

    private static long forward(SimNic nic, PacketBatch batch, long packets) {
        long n = 0;
        while (n < packets) {
            batch.clear();
            int k = nic.receive(0, batch, 32);
            for (int i = 0; i < k; i++) {
                Packet p = batch.get(i);
                p.setPaint(p.u8(30));
                nic.transmit(0, p);
            }
            n += k;
        }
        return n;
    }

    @ParameterizedTest
    @SuppressWarnings("try") // the pool cache only needs to be attached during the run
    @EnumSource(MetadataModel.class)
    void forwardingAMillionPacketsAllocatesNothing(MetadataModel model) throws Exception {
        int before = PacketPool.inUse();
        TrafficSpec t = TrafficSpec.builder().src(Addresses.ip("10.0.0.0"), 65536).flows(4096).sizes(TrafficSpec.IMIX).build();
        try (AutoCloseable cache = PacketPool.attachCurrentThread();
             SimNic nic = SimNic.open(SimNicConfig.builder("nic0").model(model).traffic(t).build())) {
            PacketBatch batch = new PacketBatch(32);
            forward(nic, batch, 300_000);   // warm up: JIT, thread cache, exchange list
            assertCounting();
            long start = THREADS.getCurrentThreadAllocatedBytes();
            long n = forward(nic, batch, 1_000_000);
            long allocated = THREADS.getCurrentThreadAllocatedBytes() - start;
            assertTrue(allocated < 4096, model + ": " + allocated + " bytes allocated for " + n + " packets");
        }
        assertEquals(before, PacketPool.inUse());
    }
}
