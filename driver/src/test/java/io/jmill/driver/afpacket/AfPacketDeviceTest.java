package io.jmill.driver.afpacket;

import io.jmill.driver.ExchangeList;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.Xchange;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Real frames through real interfaces: a sender in namespace A sends on vA; JMill receives them on
 * vB and sends them on vC; a receiver in namespace D reads them on vD. Needs root.
 */
class AfPacketDeviceTest {
    static final int ETHERTYPE = 0x88B5; // IEEE local experimental
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

    /** {@code n} frames: local-experimental ethertype, sizes 60..1514, every 5th broadcast, every 7th VLAN-tagged. */
    static List<byte[]> frames(int n) {
        List<byte[]> frames = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int size = 60 + (i * 97) % (1514 - 60 + 1);
            boolean vlan = i % 7 == 3;
            if (vlan) {
                size = Math.max(size, 64);
            }
            byte[] f = new byte[size];
            for (int k = 0; k < 6; k++) {
                f[k] = (byte) (i % 5 == 0 ? 0xFF : new int[] {0x02, 0x11, 0x22, 0x33, 0x44, 0x55}[k]);
                f[6 + k] = (byte) new int[] {0x02, 0xAA, 0xBB, 0xCC, 0xDD, i}[k];
            }
            int p = 12;
            if (vlan) {
                f[p++] = (byte) 0x81;
                f[p++] = 0x00;
                f[p++] = (byte) (0x20 | (i >>> 8 & 0x0F));
                f[p++] = (byte) i;
            }
            f[p++] = (byte) (ETHERTYPE >>> 8);
            f[p++] = (byte) ETHERTYPE;
            f[p++] = (byte) (i >>> 8);
            f[p++] = (byte) i;
            for (; p < size; p++) {
                f[p] = (byte) (p * 31 + i);
            }
            frames.add(f);
        }
        return frames;
    }

    static boolean ours(byte[] f) {
        int type = (f[12] & 0xFF) << 8 | (f[13] & 0xFF);
        if (type == 0x8100 && f.length >= 18) {
            type = (f[16] & 0xFF) << 8 | (f[17] & 0xFF);
        }
        return type == ETHERTYPE;
    }

    static void send(AfPacketDevice dev, List<byte[]> frames) {
        for (byte[] f : frames) {
            Packet p = PacketPool.alloc(f);
            assertNotNull(p);
            assertTrue(dev.transmit(0, p), "send failed: " + dev.stats(0));
        }
    }

    /** Receives until {@code n} frames of ours came in (others are dropped) or 5 s passed. */
    static List<Packet> receive(AfPacketDevice dev, int queue, int n) {
        List<Packet> got = new ArrayList<>();
        PacketBatch batch = new PacketBatch(32);
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got.size() < n && System.nanoTime() < deadline) {
            dev.awaitReceive(queue, 20);
            batch.clear();
            int k = dev.receive(queue, batch, 32);
            for (int i = 0; i < k; i++) {
                Packet p = batch.get(i);
                if (ours(p.toByteArray())) {
                    got.add(p);
                } else {
                    p.kill();
                }
            }
        }
        return got;
    }

    @ParameterizedTest
    @EnumSource(MetadataModel.class)
    void forwardsFramesFromNamespaceAToNamespaceDExactly(MetadataModel model) throws Exception {
        int inUse = PacketPool.inUse();
        List<byte[]> sent = frames(300);
        long sentBytes = sent.stream().mapToLong(f -> f.length).sum();
        try (AfPacketDevice a = AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build());
             AfPacketDevice b = AfPacketDevice.open(AfPacketOptions.builder(lab.vB).model(model).transmit(false).build());
             AfPacketDevice c = AfPacketDevice.open(AfPacketOptions.builder(lab.vC).model(model).receive(false).build());
             AfPacketDevice d = AfPacketDevice.open(AfPacketOptions.builder(lab.vD).netns(lab.nsD).transmit(false).build())) {
            long before = System.currentTimeMillis() * 1_000_000L;
            send(a, sent);
            assertEquals(300, a.stats(0).opackets());
            assertEquals(sentBytes, a.stats(0).obytes());

            List<Packet> atB = receive(b, 0, sent.size());
            assertEquals(sent.size(), atB.size(), "frames received on " + lab.vB);
            for (int i = 0; i < atB.size(); i++) {
                Packet p = atB.get(i);
                byte[] f = sent.get(i);
                assertArrayEquals(f, p.toByteArray(), "frame " + i + " on " + lab.vB);
                assertEquals(i % 5 == 0 ? Packet.BROADCAST : Packet.OTHERHOST, p.packetType(), "packet type of frame " + i);
                assertEquals(b.interfaceIndex(), p.inputDevice());
                assertEquals(0, p.inputQueue());
                assertEquals(0, p.macHeaderOffset());
                assertEquals(i % 7 == 3 ? (f[14] & 0xFF) << 8 | (f[15] & 0xFF) : 0, p.vlanTci(), "VLAN TCI of frame " + i);
                assertTrue(p.timestampNanos() >= before - 1_000_000_000L && p.timestampNanos() < before + 60_000_000_000L,
                        "timestamp " + p.timestampNanos());
                assertTrue(c.transmit(0, p));
            }
            assertEquals(300, b.stats(0).ipackets());
            assertEquals(sentBytes, b.stats(0).ibytes());
            assertEquals(300, c.stats(0).opackets());
            assertEquals(sentBytes, c.stats(0).obytes());

            List<Packet> atD = receive(d, 0, sent.size());
            assertEquals(sent.size(), atD.size(), "frames received on " + lab.vD);
            long bytes = 0;
            for (int i = 0; i < atD.size(); i++) {
                byte[] got = atD.get(i).toByteArray();
                assertArrayEquals(sent.get(i), got, "frame " + i + " on " + lab.vD);
                bytes += got.length;
                atD.get(i).kill();
            }
            assertEquals(sentBytes, bytes);
            assertEquals(0, b.kernelDrops());
        }
        assertEquals(inUse, PacketPool.inUse(), "packets leaked");
    }

    @Test
    void anXchangeFieldMaskLimitsWhatTheDriverWrites() throws Exception {
        ExchangeList.releaseIdle(); // buffers from the pool only: their metadata starts clear
        int inUse = PacketPool.inUse();
        List<byte[]> sent = frames(40);
        try (AfPacketDevice a = AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build());
             AfPacketDevice b = AfPacketDevice.open(AfPacketOptions.builder(lab.vB).model(MetadataModel.XCHANGE)
                     .transmit(false).build())) {
            b.xchangeFields(Xchange.mask(List.of(MetadataField.DATA_OFFSET, MetadataField.LENGTH,
                    MetadataField.VLAN_TCI)));
            send(a, sent);
            List<Packet> got = receive(b, 0, sent.size());
            assertEquals(sent.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                Packet p = got.get(i);
                byte[] f = sent.get(i);
                assertArrayEquals(f, p.toByteArray(), "frame " + i);
                assertEquals(i % 7 == 3 ? (f[14] & 0xFF) << 8 | (f[15] & 0xFF) : 0, p.vlanTci(), "VLAN TCI of frame " + i);
                assertEquals(0, p.inputDevice(), "not in the mask: not written (fresh buffers are clear)");
                assertEquals(0, p.timestampNanos(), "not in the mask: not written");
                p.kill();
            }
        }
        assertEquals(inUse, PacketPool.inUse(), "packets leaked");
    }

    @Test
    void fanoutSpreadsFlowsOverQueuesWithTheirRssHash() throws Exception {
        int inUse = PacketPool.inUse();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            sent.add(FrameBuilder.udp().src("10.0.0." + (i % 32 + 1), 1000 + i).dst("10.0.1.1", 9).frameLength(80).build());
        }
        try (AfPacketDevice a = AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build());
             AfPacketDevice b = AfPacketDevice.open(AfPacketOptions.builder(lab.vB).queues(2).transmit(false).build())) {
            send(a, sent);
            int[] perQueue = new int[2];
            PacketBatch batch = new PacketBatch(32);
            long deadline = System.nanoTime() + 5_000_000_000L;
            int total = 0;
            while (total < sent.size() && System.nanoTime() < deadline) {
                for (int q = 0; q < 2; q++) {
                    b.awaitReceive(q, 5);
                    batch.clear();
                    int k = b.receive(q, batch, 32);
                    for (int i = 0; i < k; i++) {
                        Packet p = batch.get(i);
                        assertEquals(q, p.inputQueue());
                        assertNotEquals(0, p.rssHash(), "the kernel's flow hash");
                    }
                    perQueue[q] += k;
                    total += k;
                    batch.killAll();
                }
            }
            assertEquals(sent.size(), total);
            assertTrue(perQueue[0] > 0 && perQueue[1] > 0, "both queues got flows: " + perQueue[0] + "/" + perQueue[1]);
        }
        assertEquals(inUse, PacketPool.inUse(), "packets leaked");
    }

    @Test
    @SuppressWarnings("try")
    void promiscuousModeLastsWhileTheDeviceIsOpen() throws Exception {
        assertEquals(0, VethLab.flags(lab.vB) & 0x100);
        try (AfPacketDevice b = AfPacketDevice.open(AfPacketOptions.builder(lab.vB).promiscuous(true).build())) {
            assertEquals(0x100, VethLab.flags(lab.vB) & 0x100);
        }
        assertEquals(0, VethLab.flags(lab.vB) & 0x100);
    }
}
