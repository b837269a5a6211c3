package io.jmill.elements.device;

import io.jmill.engine.testing.AllocatedBytes;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToNICTest {
    private static long stat(String stats, String name) {
        Matcher m = Pattern.compile("queue 0: .*\\b" + name + " (\\d+)").matcher(stats);
        assertTrue(m.find(), name + " in " + stats);
        return Long.parseLong(m.group(1));
    }

    @Test
    void sendsAndCountsPushedPackets() throws Exception {
        try (Harness h = Harness.element("ToNIC(nic0)")) {
            h.push(0, new byte[60]);
            h.push(0, new byte[100]);
            Packet empty = Harness.packet(new byte[0]);
            h.push(0, empty);
            assertEquals("2", h.read("count"));
            assertEquals("160", h.read("bytes"));
            assertEquals("1", h.read("drops"));
            String stats = h.read("stats");
            assertEquals(2, stat(stats, "opackets"));
            assertEquals(160, stat(stats, "obytes"));
            assertEquals(1, stat(stats, "tx_drops"));
        }
    }

    @Test
    void pullInputIsATask() throws Exception {
        try (Harness h = Harness.graph("input -> TQueue -> t :: ToNIC(nic0, BURST 4);", 1, 0)) {
            for (int i = 0; i < 10; i++) {
                h.push(0, new byte[64]);
            }
            assertEquals(4, h.runTask("e/t"));
            assertEquals(4, h.runTask("e/t"));
            assertEquals(2, h.runTask("e/t"));
            assertEquals("10", h.read("e/t.count"));
        }
    }

    @Test
    void xchangeForwardingCirculatesBuffersWithoutThePool() throws Exception {
        try (Harness h = Harness.graph("f :: FromNIC(nic0, FLOWS 64, SRC 10.0.0.0/26) -> t :: ToNIC(nic0);", 0, 0)) {
            for (int i = 0; i < 1000; i++) {
                h.runTask("e/f");
            }
            String stats = h.read("e/t.stats");
            assertEquals(32_000, stat(stats, "opackets"));
            assertTrue(stat(stats, "pool_allocs") <= 1024 + 32, stats);
            assertTrue(stat(stats, "exchange_takes") >= 32_000 - 64, stats);
            assertEquals(0, stat(stats, "pool_frees"));
            assertEquals("xchange", h.read("e/t.model"));
        }
    }

    @Test
    void copyingForwardingGoesThroughThePoolPerPacket() throws Exception {
        try (Harness h = Harness.graph("f :: FromNIC(nic0, MODEL copying) -> t :: ToNIC(nic0);", 0, 0)) {
            for (int i = 0; i < 100; i++) {
                h.runTask("e/f");
            }
            String stats = h.read("e/t.stats");
            assertEquals(3200 + 1024, stat(stats, "pool_allocs"));
            assertEquals(0, stat(stats, "exchange_takes"));
        }
    }

    @Test
    void forwardingAMillionPacketsAllocatesNothing() throws Exception {
        for (String model : new String[] {"copying", "overlaying", "xchange"}) {
            try (Harness h = Harness.graph("f :: FromNIC(nic0, MODEL " + model
                    + ", FLOWS 4096, SRC 10.0.0.0/16) -> c :: Counter -> t :: ToNIC(nic0);", 0, 0)) {
                for (int i = 0; i < 10_000; i++) {
                    h.runTask("e/f");
                }
                long[] moved = {0};
                long allocated = AllocatedBytes.during(() -> {
                    while (moved[0] < 1_000_000) {
                        moved[0] += h.runTask("e/f");
                    }
                });
                assertTrue(allocated < 4096, model + ": " + allocated + " bytes allocated for " + moved[0] + " packets");
                assertEquals(Long.toString(moved[0] + 320_000), h.read("e/c.count"));
            }
        }
    }
}
