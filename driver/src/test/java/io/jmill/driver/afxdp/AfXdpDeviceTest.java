package io.jmill.driver.afxdp;

import io.jmill.driver.MetadataModel;
import io.jmill.driver.Xchange;
import io.jmill.driver.afpacket.AfPacketDevice;
import io.jmill.driver.afpacket.AfPacketOptions;
import io.jmill.driver.afpacket.VethLab;
import io.jmill.layout.MetadataField;
import io.jmill.layout.MetadataLayout;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The AF_XDP device on veth pairs in network namespaces (copy mode; veth has native XDP but no
 * zero-copy): a sender in namespace A sends with AF_PACKET on vA, the device receives on vB; the
 * device sends on vC and a receiver in namespace D reads vD. Needs root; skipped otherwise, and
 * where the kernel lacks AF_XDP or BPF (not when a permission is missing).
 */
class AfXdpDeviceTest {
    private static VethLab lab;
    private static byte[] macB;

    @BeforeAll
    static void buildLab() throws Exception {
        lab = VethLab.create();
        XdpSupport.assumeKernelHasIt();
        try (AfXdpDevice d = AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).build())) {
            macB = d.macAddress();
        }
    }

    @AfterAll
    static void removeLab() {
        if (lab != null) {
            lab.close();
        }
    }

    static AfPacketDevice sender() throws Exception {
        return AfPacketDevice.open(AfPacketOptions.builder(lab.vA).netns(lab.nsA).receive(false).build());
    }

    static void send(AfPacketDevice tx, List<byte[]> frames) {
        for (byte[] f : frames) {
            assertTrue(tx.transmit(0, PacketPool.alloc(f)), "send failed: " + tx.stats(0));
        }
    }

    /** Receives until {@code n} packets came in on {@code queue} or 5 s passed; the caller kills them. */
    static List<Packet> receive(AfXdpDevice dev, int queue, int n) {
        List<Packet> got = new ArrayList<>();
        PacketBatch batch = new PacketBatch(32);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (got.size() < n && System.nanoTime() < deadline) {
            dev.awaitReceive(queue, 20);
            batch.clear();
            int k = dev.receive(queue, batch, 32);
            for (int i = 0; i < k; i++) {
                got.add(batch.get(i));
            }
        }
        return got;
    }

    static void killAll(List<Packet> packets) {
        for (Packet p : packets) {
            p.kill();
        }
    }

    @ParameterizedTest
    @EnumSource(value = MetadataModel.class, names = {"COPYING", "XCHANGE"})
    void framesArriveIntactAndInOrderAndNoBufferIsLost(MetadataModel model) throws Exception {
        int inUse = PacketPool.inUse();
        List<byte[]> sent = XdpFrames.mixed(500, macB);
        try (AfPacketDevice tx = sender();
             AfXdpDevice rx = AfXdpDevice.open(AfXdpOptions.builder(lab.vB).model(model).transmit(false).build())) {
            assertEquals("xdp native, copy, need-wakeup, metadata by "
                    + (model == MetadataModel.XCHANGE ? "the XDP program (x-change)" : "the worker (copying)"), rx.mode());
            assertEquals(2048, rx.held(), "buffers posted");
            send(tx, sent);
            List<Packet> got = receive(rx, 0, sent.size());
            assertEquals(sent.size(), got.size());
            long bytes = 0;
            for (int i = 0; i < got.size(); i++) {
                Packet p = got.get(i);
                assertArrayEquals(sent.get(i), p.toByteArray(), "frame " + i);
                assertEquals(model == MetadataModel.XCHANGE ? XdpProgram.XCHANGE_DATA_OFFSET : PacketPool.HEADROOM,
                        p.dataOffset());
                bytes += p.length();
            }
            killAll(got);
            assertEquals(sent.size(), rx.stats(0).ipackets());
            assertEquals(bytes, rx.stats(0).ibytes());
            assertEquals(0, rx.unstamped());
            assertEquals(0, rx.kernelDrops());
            assertEquals(2048, rx.held(), "buffers posted after refilling");
        }
        assertEquals(inUse, PacketPool.inUse(), "buffers lost");
    }

    /** The fields of one received packet, positions relative to the data, as the elements see them. */
    static Map<String, Long> fields(Packet p) {
        Map<String, Long> m = new HashMap<>();
        m.put("length", (long) p.length());
        m.put("mac_header", p.hasMacHeader() ? p.macHeaderOffset() : -1L);
        m.put("network_header", p.hasNetworkHeader() ? p.networkHeaderOffset() : -1L);
        m.put("transport_header", p.hasTransportHeader() ? p.transportHeaderOffset() : -1L);
        m.put("packet_type", (long) p.packetType());
        m.put("input_device", (long) p.inputDevice());
        m.put("input_queue", (long) p.inputQueue());
        m.put("vlan_tci", (long) p.vlanTci());
        m.put("rss_hash", (long) p.rssHash());
        m.put("paint", (long) p.paint());
        return m;
    }

    private static List<Map<String, Long>> receiveFields(AfXdpOptions o, List<byte[]> frames) throws Exception {
        List<Map<String, Long>> out = new ArrayList<>();
        try (AfPacketDevice tx = sender(); AfXdpDevice rx = AfXdpDevice.open(o)) {
            send(tx, frames);
            long before = System.currentTimeMillis() * 1_000_000L;
            List<Packet> got = receive(rx, 0, frames.size());
            long after = System.currentTimeMillis() * 1_000_000L;
            assertEquals(frames.size(), got.size());
            for (Packet p : got) {
                out.add(fields(p));
                // Sent just before; the clocks are CLOCK_REALTIME at ns precision from two sources.
                assertTrue(p.timestampNanos() > before - 5_000_000_000L && p.timestampNanos() <= after + 1_000_000_000L,
                        "timestamp " + p.timestampNanos() + " not near " + before);
            }
            killAll(got);
            assertEquals(0, rx.unstamped());
        }
        return out;
    }

    @Test
    void metadataWrittenByTheXdpProgramEqualsWhatTheWorkerComputes() throws Exception {
        List<byte[]> frames = XdpFrames.mixed(300, macB);
        AfXdpOptions.Builder base = AfXdpOptions.builder(lab.vB).transmit(false).paintQueue(true).port(7);
        List<Map<String, Long>> xdp = receiveFields(base.model(MetadataModel.XCHANGE).build(), frames);
        List<Map<String, Long>> copying = receiveFields(base.model(MetadataModel.COPYING).build(), frames);
        List<Map<String, Long>> worker = receiveFields(base.model(MetadataModel.XCHANGE).xdpMetadata(false).build(), frames);
        for (int i = 0; i < frames.size(); i++) {
            assertEquals(copying.get(i), xdp.get(i), "frame " + i);
            assertEquals(copying.get(i), worker.get(i), "frame " + i);
        }
        // The frames cover every branch of the parser.
        assertTrue(xdp.stream().anyMatch(m -> m.get("vlan_tci") != 0 && m.get("network_header") == 18));
        assertTrue(xdp.stream().anyMatch(m -> m.get("transport_header") == 14 + 24));
        assertTrue(xdp.stream().anyMatch(m -> m.get("transport_header") == 14 + 40));
        assertTrue(xdp.stream().anyMatch(m -> m.get("network_header") == -1));
        for (int type : new int[] {Packet.HOST, Packet.BROADCAST, Packet.MULTICAST, Packet.OTHERHOST}) {
            assertTrue(xdp.stream().anyMatch(m -> m.get("packet_type") == type), "packet type " + type);
        }
        assertTrue(xdp.stream().allMatch(m -> m.get("input_device") == 7 && m.get("paint") == 0 && m.get("mac_header") == 0));
        assertTrue(xdp.stream().filter(m -> m.get("rss_hash") != 0).count() > frames.size() / 2);
    }

    @Test
    void theProgramIsRegeneratedWhenTheFieldSetOrTheLayoutChanges() throws Exception {
        int inUse = PacketPool.inUse();
        List<byte[]> frames = XdpFrames.mixed(40, macB);
        MetadataLayout reordered = MetadataLayout.builder("reordered-for-test")
                .place(MetadataField.RSS_HASH, 0).place(MetadataField.LENGTH, 4).place(MetadataField.DATA_OFFSET, 8)
                .place(MetadataField.NETWORK_HEADER, 10).place(MetadataField.TRANSPORT_HEADER, 12)
                .place(MetadataField.MAC_HEADER, 14).place(MetadataField.VLAN_TCI, 16)
                .place(MetadataField.INPUT_DEVICE, 18).place(MetadataField.INPUT_QUEUE, 20)
                .place(MetadataField.PACKET_TYPE, 22).place(MetadataField.PAINT, 23)
                .place(MetadataField.TIMESTAMP, 24).build();
        try (AfPacketDevice tx = sender();
             AfXdpDevice rx = AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).build())) {
            List<Map<String, Long>> reference = new ArrayList<>();
            send(tx, frames);
            List<Packet> got = receive(rx, 0, frames.size());
            got.forEach(p -> reference.add(fields(p)));
            killAll(got);
            int first = rx.programId();

            // A field set without the RSS hash: the new program leaves it zero.
            rx.xchangeFields(Xchange.mask(List.of(MetadataField.DATA_OFFSET, MetadataField.LENGTH,
                    MetadataField.NETWORK_HEADER, MetadataField.TRANSPORT_HEADER)));
            send(tx, frames);
            got = receive(rx, 0, frames.size());
            assertEquals(1, rx.regenerations());
            int second = rx.programId();
            assertNotEquals(first, second);
            // The first burst was written by the old program before the swap: filled on the worker.
            long unstamped = rx.unstamped();
            assertTrue(unstamped > 0 && unstamped <= frames.size(), "unstamped " + unstamped);
            for (int i = 0; i < got.size(); i++) {
                Packet p = got.get(i);
                assertEquals(reference.get(i).get("network_header"), fields(p).get("network_header"), "frame " + i);
                assertEquals(reference.get(i).get("length"), fields(p).get("length"));
            }
            killAll(got);
            send(tx, frames);
            got = receive(rx, 0, frames.size());
            assertEquals(unstamped, rx.unstamped(), "frames of the new program are stamped");
            for (Packet p : got) {
                assertEquals(0, p.rssHash());
            }
            killAll(got);

            // A new layout (no packet in flight but those posted, whose metadata the program writes).
            rx.xchangeFields(Xchange.ALL_FIELDS);
            MetadataLayout.activate(reordered);
            try {
                send(tx, frames);
                got = receive(rx, 0, frames.size());
                send(tx, frames);
                got.addAll(receive(rx, 0, frames.size()));
                assertEquals(2 * frames.size(), got.size());
                assertTrue(rx.regenerations() >= 2);
                for (int i = 0; i < got.size(); i++) {
                    assertEquals(reference.get(i % frames.size()), fields(got.get(i)), "frame " + i);
                }
                killAll(got);
            } finally {
                MetadataLayout.activate(MetadataLayout.generic());
            }
        }
        assertEquals(inUse, PacketPool.inUse(), "buffers lost");
    }

    @ParameterizedTest
    @EnumSource(value = MetadataModel.class, names = {"COPYING", "XCHANGE"})
    void transmitsPacketBuffersAndTakesThemBack(MetadataModel model) throws Exception {
        int inUse = PacketPool.inUse();
        List<byte[]> sent = XdpFrames.mixed(400, new byte[] {2, 0, 0, 0, 0, 9});
        try (AfXdpDevice tx = AfXdpDevice.open(AfXdpOptions.builder(lab.vC).model(model).receive(false).build());
             AfPacketDevice rx = AfPacketDevice.open(AfPacketOptions.builder(lab.vD).netns(lab.nsD).transmit(false).build())) {
            assertEquals("copy, need-wakeup", tx.mode());
            // In bursts of 25, each read before the next is sent: the AF_PACKET reader on vD is the
            // slow side on a busy machine, and this test is about the AF_XDP sender.
            List<byte[]> got = new ArrayList<>();
            PacketBatch batch = new PacketBatch(32);
            for (int first = 0; first < sent.size(); first += 25) {
                for (byte[] f : sent.subList(first, Math.min(first + 25, sent.size()))) {
                    assertTrue(tx.transmit(0, PacketPool.alloc(f)));
                }
                tx.flush(0);
                int expected = Math.min(first + 25, sent.size());
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (got.size() < expected && System.nanoTime() < deadline) {
                    rx.awaitReceive(0, 20);
                    batch.clear();
                    int n = rx.receive(0, batch, 32);
                    for (int i = 0; i < n; i++) {
                        got.add(batch.get(i).toByteArray());
                    }
                    batch.killAll();
                    tx.flush(0);
                }
                assertEquals(expected, got.size(), "frames at vD; kernel drops there " + rx.kernelDrops());
            }
            assertEquals(sent.size(), got.size());
            for (int i = 0; i < got.size(); i++) {
                assertArrayEquals(sent.get(i), got.get(i), "frame " + i);
            }
            assertEquals(sent.size(), tx.stats(0).opackets());
            assertEquals(0, tx.held(), "every sent buffer came back");
            var s = tx.stats(0);
            assertEquals(sent.size(), model == MetadataModel.XCHANGE ? s.exchangeReturns() + s.poolFrees() : s.poolFrees());
        }
        if (model == MetadataModel.XCHANGE) {
            io.jmill.driver.ExchangeList.releaseIdle();
        }
        assertEquals(inUse, PacketPool.inUse(), "buffers lost");
    }

    @Test
    void queuesGoToTheirOwnSocketsInOrder() throws Exception {
        String a = "jmqa" + lab.vA.substring(3);
        String b = "jmqb" + lab.vA.substring(3);
        lab.addPair(a, b, 2);
        int inUse = PacketPool.inUse();
        List<byte[]> sent = XdpFrames.mixed(400, new byte[6]);
        try (AfPacketDevice tx = AfPacketDevice.open(AfPacketOptions.builder(a).netns(lab.nsA).receive(false).build());
             AfXdpDevice rx = AfXdpDevice.open(AfXdpOptions.builder(b).queues(2).paintQueue(true).transmit(false).build())) {
            send(tx, sent);
            List<List<Integer>> sequences = List.of(new ArrayList<>(), new ArrayList<>());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            PacketBatch batch = new PacketBatch(32);
            while (sequences.get(0).size() + sequences.get(1).size() < sent.size() && System.nanoTime() < deadline) {
                for (int q = 0; q < 2; q++) {
                    rx.awaitReceive(q, 5);
                    batch.clear();
                    int n = rx.receive(q, batch, 32);
                    for (int i = 0; i < n; i++) {
                        Packet p = batch.get(i);
                        byte[] f = p.toByteArray();
                        int seq = XdpFrames.sequence(f);
                        assertArrayEquals(sent.get(seq), f);
                        assertEquals(q, p.inputQueue());
                        assertEquals(q, p.paint());
                        sequences.get(q).add(seq);
                    }
                    batch.killAll();
                }
            }
            assertEquals(sent.size(), sequences.get(0).size() + sequences.get(1).size());
            assertFalse(sequences.get(0).isEmpty(), "queue 0 got frames");
            assertFalse(sequences.get(1).isEmpty(), "queue 1 got frames");
            for (List<Integer> s : sequences) {
                for (int i = 1; i < s.size(); i++) {
                    assertTrue(s.get(i - 1) < s.get(i), "in order per queue: " + s);
                }
            }
        }
        assertEquals(inUse, PacketPool.inUse(), "buffers lost");
    }

    @Test
    void theProgramIsDetachedOnCloseAndWhenTheProcessDies() throws Exception {
        int id;
        try (AfXdpDevice rx = AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).build())) {
            id = rx.programId();
            assertTrue(VethLab.linkShow(null, lab.vB).contains("prog/xdp id " + id), VethLab.linkShow(null, lab.vB));
        }
        assertFalse(VethLab.linkShow(null, lab.vB).contains("prog/xdp"), VethLab.linkShow(null, lab.vB));

        // A JMill that dies without closing (kill -9): the kernel detaches the program with the link.
        Process child = new ProcessBuilder(java(), "--enable-native-access=ALL-UNNAMED",
                "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), XdpHolder.class.getName(), lab.vB)
                .redirectErrorStream(true).start();
        try {
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream())).readLine();
            assertTrue(line != null && line.startsWith("attached "), "child said: " + line);
            assertTrue(VethLab.linkShow(null, lab.vB).contains("prog/xdp"), VethLab.linkShow(null, lab.vB));
        } finally {
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (VethLab.linkShow(null, lab.vB).contains("prog/xdp") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(VethLab.linkShow(null, lab.vB).contains("prog/xdp"), VethLab.linkShow(null, lab.vB));
        try (AfXdpDevice again = AfXdpDevice.open(AfXdpOptions.builder(lab.vB).transmit(false).build())) {
            assertTrue(again.programId() > 0);
        }
    }

    private static String java() {
        return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
