package io.jmill.elements.device;

import io.jmill.driver.ExchangeList;
import io.jmill.driver.afpacket.AfPacketDevice;
import io.jmill.driver.afpacket.AfPacketOptions;
import io.jmill.driver.afpacket.VethLab;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FromDevice and ToDevice with METHOD AF_XDP on veth pairs of their own: frames sent in namespace A
 * on vA cross a running router {@code FromDevice(vB, METHOD AF_XDP) -> Counter -> ToDevice(vC,
 * METHOD AF_XDP)} and are read in namespace D on vD. Needs root; skipped otherwise.
 */
class AfXdpElementsTest {
    private static final int ETHERTYPE = 0x88B6;
    private static VethLab lab;

    @BeforeAll
    static void buildLab() {
        lab = VethLab.create();
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    private static List<byte[]> frames(int n) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] f = new byte[60 + (i * 53) % 1400];
            for (int k = 0; k < 6; k++) {
                f[k] = (byte) (0x02 + k);
                f[6 + k] = (byte) (0x12 + k);
            }
            f[12] = (byte) (ETHERTYPE >>> 8);
            f[13] = (byte) ETHERTYPE;
            f[14] = (byte) (i >>> 8);
            f[15] = (byte) i;
            for (int k = 16; k < f.length; k++) {
                f[k] = (byte) (k ^ i);
            }
            frames.add(f);
        }
        return frames;
    }

    private static boolean ours(Packet p) {
        return p.length() >= 14 && p.u16(12) == ETHERTYPE;
    }

    private static void await(Harness h, String handler, long value) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Long.parseLong(h.read(handler)) < value && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(value, Long.parseLong(h.read(handler)), handler);
    }

    @ParameterizedTest
    @ValueSource(strings = {"copying", "xchange"})
    void routerForwardsEveryFrameExactly(String model) throws Exception {
        int inUse = PacketPool.inUse();
        List<byte[]> sent = frames(400);
        long sentBytes = sent.stream().mapToLong(f -> f.length).sum();
        try (AfPacketDevice a = AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build());
             AfPacketDevice d = AfPacketDevice.open(AfPacketOptions.builder(lab.vD).netns(lab.nsD).transmit(false).build());
             Harness h = Harness.graph("f :: FromDevice(" + lab.vB + ", METHOD AF_XDP, MODEL " + model
                     + ") -> c :: Counter -> t :: ToDevice(" + lab.vC + ", METHOD AF_XDP, MODEL " + model + ");", 0, 0)) {
            h.router().start(1);
            assertEquals("xdp native, copy, need-wakeup, metadata by "
                    + (model.equals("xchange") ? "the XDP program (x-change)" : "the worker (copying)"), h.read("e/f.xdp_mode"));
            for (byte[] f : sent) {
                assertTrue(a.transmit(0, PacketPool.alloc(f)));
            }
            await(h, "e/f.count", sent.size());
            await(h, "e/t.count", sent.size());
            assertEquals(Long.toString(sentBytes), h.read("e/f.bytes"));
            assertEquals("0", h.read("e/t.drops"));
            assertEquals("0", h.read("e/f.drops"));
            assertEquals("0", h.read("e/f.kernel_drops"));
            assertTrue(h.read("e/f.stats").startsWith("AF_XDP " + lab.vB + ": port "), h.read("e/f.stats"));

            List<byte[]> got = new ArrayList<>();
            PacketBatch batch = new PacketBatch(32);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (got.size() < sent.size() && System.nanoTime() < deadline) {
                d.awaitReceive(0, 20);
                batch.clear();
                int n = d.receive(0, batch, 32);
                for (int i = 0; i < n; i++) {
                    Packet p = batch.get(i);
                    if (ours(p)) {
                        got.add(p.toByteArray());
                    }
                }
                batch.killAll();
            }
            assertEquals(sent.size(), got.size(), "frames at " + lab.vD);
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i), "frame " + i);
            }
        }
        ExchangeList.releaseIdle();
        assertEquals(inUse, PacketPool.inUse(), "packets leaked");
    }
}
