package io.jmill.specializer;

import io.jmill.driver.afpacket.AfPacketDevice;
import io.jmill.driver.afpacket.AfPacketOptions;
import io.jmill.driver.afpacket.VethLab;
import io.jmill.engine.router.Router;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Specializing a router that reads an AF_XDP device hands the X-Change field set to the device,
 * which regenerates its XDP program for it; reverting hands back every field. On a veth pair in
 * a network namespace; needs root.
 */
class AfXdpSpecializationTest {
    private static byte[] udp(int i) {
        byte[] f = new byte[60];
        for (int k = 0; k < 6; k++) {
            f[k] = (byte) (0x02 + k);
            f[6 + k] = (byte) (0x12 + k);
        }
        f[12] = 0x08;
        f[14] = 0x45;
        f[17] = 46; // total length
        f[22] = 64;
        f[23] = 17;
        f[26] = 10;
        f[29] = 1;
        f[30] = 10;
        f[33] = (byte) (2 + i % 5);
        int sum = 0;
        for (int k = 14; k < 34; k += 2) {
            sum += (f[k] & 0xFF) << 8 | f[k + 1] & 0xFF;
        }
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = ~((sum & 0xFFFF) + (sum >>> 16)) & 0xFFFF;
        f[24] = (byte) (sum >>> 8);
        f[25] = (byte) sum;
        return f;
    }

    private static void sendAndAwait(AfPacketDevice tx, Router r, int n) throws Exception {
        long before = Long.parseLong(r.read("c.count"));
        for (int i = 0; i < n; i++) {
            assertTrue(tx.transmit(0, PacketPool.alloc(udp(i))));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Long.parseLong(r.read("c.count")) < before + n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(before + n, Long.parseLong(r.read("c.count")), r.read("f.stats"));
    }

    @Test
    void reSpecializationRegeneratesTheXdpProgram() throws Exception {
        try (VethLab lab = VethLab.create();
             AfPacketDevice tx = AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build())) {
            Router r = Routers.build("f :: FromDevice(" + lab.vB + ", METHOD AF_XDP) -> CheckIPHeader(14) -> c :: Counter"
                    + " -> Discard");
            try {
                r.start(1);
                sendAndAwait(tx, r, 50);
                assertTrue(r.read("f.stats").contains("program regenerated 0 times, 0 frames filled on the worker"),
                        r.read("f.stats"));
                Specializer s = new Specializer(r);
                Plan plan = s.plan(null);
                s.apply(plan);
                sendAndAwait(tx, r, 50);
                assertTrue(r.read("f.stats").contains("program regenerated 1 times"), r.read("f.stats"));
                s.revert();
                sendAndAwait(tx, r, 50);
                assertTrue(r.read("f.stats").contains("program regenerated 2 times"), r.read("f.stats"));
                assertEquals("0", r.read("f.drops"));
            } finally {
                r.close();
            }
        }
    }
}
