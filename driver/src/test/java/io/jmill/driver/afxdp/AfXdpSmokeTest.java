package io.jmill.driver.afxdp;

import io.jmill.driver.afpacket.AfPacketDevice;
import io.jmill.driver.afpacket.AfPacketOptions;
import io.jmill.driver.afpacket.VethLab;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.List;

class AfXdpSmokeTest {
    @Test
    void smoke() throws Exception {
        try (VethLab lab = VethLab.create();
             AfXdpDevice rx = AfXdpDevice.open(AfXdpOptions.builder(lab.vB).build());
             AfPacketDevice tx = AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build())) {
            System.out.println(rx.describe() + " prog " + rx.programId());
            List<byte[]> frames = XdpFrames.mixed(50, new byte[6]);
            for (byte[] f : frames) {
                tx.transmit(0, PacketPool.alloc(f));
            }
            PacketBatch b = new PacketBatch(32);
            int got = 0;
            long end = System.nanoTime() + 3_000_000_000L;
            while (got < 50 && System.nanoTime() < end) {
                rx.awaitReceive(0, 20);
                b.clear();
                int n = rx.receive(0, b, 32);
                for (int i = 0; i < n; i++) {
                    Packet p = b.get(i);
                    System.out.println(p.length() + " off " + p.dataOffset() + " seq " + XdpFrames.sequence(p.toByteArray())
                            + " type " + p.packetType() + " vlan " + p.vlanTci() + " nh " + (p.hasNetworkHeader() ? p.networkHeaderOffset() : -1)
                            + " rss " + p.rssHash() + " ts " + p.timestampNanos());
                    p.kill();
                }
                got += n;
            }
            System.out.println(rx.describe() + " unstamped " + rx.unstamped());
        }
    }
}
