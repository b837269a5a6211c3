package io.jmill.elements.device;

import io.jmill.driver.afpacket.VethLab;

import io.jmill.driver.afpacket.AfPacketDevice;
import io.jmill.driver.afpacket.AfPacketOptions;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FromDevice and ToDevice on veth pairs: frames sent in namespace A on vA cross a running JMill
 * router {@code FromDevice(vB) -> Counter -> ToDevice(vC)} and are read in namespace D on vD.
 * Needs root; skipped otherwise.
 */
class DeviceElementsTest {
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
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (Long.parseLong(h.read(handler)) < value && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(value, Long.parseLong(h.read(handler)), handler);
    }

    @ParameterizedTest
    @ValueSource(strings = {"copying", "overlaying", "xchange"})
    void routerForwardsEveryFrameExactly(String model) throws Exception {
        int inUse = PacketPool.inUse();
        List<byte[]> sent = frames(400);
        long sentBytes = sent.stream().mapToLong(f -> f.length).sum();
        try (AfPacketDevice a = AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build());
             AfPacketDevice d = AfPacketDevice.open(AfPacketOptions.builder(lab.vD).netns(lab.nsD).transmit(false).build());
             Harness h = Harness.graph("f :: FromDevice(" + lab.vB + ", MODEL " + model + ", PROMISC true) -> c :: Counter -> t :: ToDevice("
                     + lab.vC + ", MODEL " + model + ");", 0, 0)) {
            h.router().start(1);
            for (byte[] f : sent) {
                assertTrue(a.transmit(0, PacketPool.alloc(f)));
            }
            // Read what arrives at D while the router forwards, so that D's ring never has to
            // hold all the frames at once (on a loaded machine the kernel drops what it cannot).
            List<byte[]> got = new ArrayList<>();
            PacketBatch batch = new PacketBatch(32);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
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
            await(h, "e/f.count", sent.size());
            await(h, "e/t.count", sent.size());
            assertEquals(Long.toString(sentBytes), h.read("e/f.bytes"));
            assertEquals(Long.toString(sentBytes), h.read("e/t.bytes"));
            assertEquals("0", h.read("e/t.drops"));
            assertEquals("0", h.read("e/f.drops"));
            assertEquals("0", h.read("e/f.kernel_drops"));
            assertEquals(model, h.read("e/f.model"));
            assertTrue(h.read("e/f.stats").startsWith("AF_PACKET " + lab.vB + ": port "), h.read("e/f.stats"));

            assertEquals(sent.size(), got.size(), "frames at " + lab.vD + ": " + d.describe() + ", kernel drops "
                    + d.kernelDrops() + "; router: " + h.read("e/t.stats"));
            long bytes = 0;
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i), "frame " + i);
                bytes += got.get(i).length;
            }
            assertEquals(sentBytes, bytes);
        }
        assertEquals(inUse, PacketPool.inUse(), "packets leaked");
    }

    /**
     * The interfaces under a running FromDevice and ToDevice are deleted: each element's fault
     * handler names its interface, the router keeps running (ToDevice drops and counts), stops
     * cleanly, and every buffer is back in the pool.
     */
    @Test
    void interfacesDeletedUnderARunningRouterAreReportedAndTheRouterStopsCleanly() throws Exception {
        String inA = "jmra" + lab.vB.substring(3);
        String rx = "jmrb" + lab.vB.substring(3);
        String otherA = "jmsa" + lab.vB.substring(3);
        String txDev = "jmsb" + lab.vB.substring(3);
        lab.addPair(inA, rx, 1);
        lab.addPair(otherA, txDev, 1);
        int inUse = PacketPool.inUse();
        List<byte[]> sent = frames(50);
        try (AfPacketDevice a = AfPacketDevice.open(AfPacketOptions.builder(inA).netns(lab.nsA).receive(false).build());
             Harness h = Harness.graph("f :: FromDevice(" + rx + ") -> c :: Counter -> Discard;\n"
                     + "RatedSource(RATE 2000) -> q :: Queue(64) -> t :: ToDevice(" + txDev + ");", 0, 0)) {
            h.router().start(1);
            for (byte[] f : sent) {
                assertTrue(a.transmit(0, PacketPool.alloc(f)));
            }
            await(h, "e/f.count", sent.size());
            assertEquals("", h.read("e/f.fault"));
            assertEquals("", h.read("e/t.fault"));

            Process del = new ProcessBuilder("sh", "-c", "ip link del " + rx + " && ip link del " + txDev)
                    .redirectErrorStream(true).start();
            assertTrue(del.waitFor(30, TimeUnit.SECONDS) && del.exitValue() == 0, new String(del.getInputStream().readAllBytes()));

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((h.read("e/f.fault").isEmpty() || h.read("e/t.fault").isEmpty()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(h.read("e/f.fault").startsWith("AF_PACKET " + rx + ": the interface was deleted"), h.read("e/f.fault"));
            assertTrue(h.read("e/t.fault").startsWith("AF_PACKET " + txDev + ": the interface was deleted"), h.read("e/t.fault"));
            long drops = Long.parseLong(h.read("e/t.drops"));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (Long.parseLong(h.read("e/t.drops")) <= drops && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(Long.parseLong(h.read("e/t.drops")) > drops, "ToDevice goes on taking packets and drops them");
            assertEquals(Long.toString(sent.size()), h.read("e/c.count"));
        }
        assertEquals(inUse, PacketPool.inUse(), "packets leaked");
    }
}
