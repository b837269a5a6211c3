package io.jmill.driver.sim;

import io.jmill.driver.DeviceException;
import io.jmill.driver.DriverDescriptor;
import io.jmill.driver.ExchangeList;
import io.jmill.driver.FrameList;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.Overlay;
import io.jmill.driver.QueueStats;
import io.jmill.driver.Xchange;
import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import static io.jmill.layout.PacketMemory.MEMORY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimNicTest {
    private int inUseBefore;

    @BeforeEach
    void noteThePool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void nothingLeaked() {
        assertEquals(inUseBefore, PacketPool.inUse(), "packets leaked");
    }

    /** A clock that ticks 1000 ns per reading, the same in every NIC of a test. */
    private static java.util.function.LongSupplier fixedClock() {
        AtomicLong t = new AtomicLong(1_700_000_000_000_000_000L);
        return () -> t.addAndGet(1000);
    }

    private static SimNic open(MetadataModel model, TrafficSpec traffic, int queues) throws DeviceException {
        return SimNic.open(SimNicConfig.builder("nic0").port(3).queues(queues).ringSize(256).model(model)
                .traffic(traffic).clock(fixedClock()).build());
    }

    private static byte[] metadata(Packet p) {
        return MEMORY.asSlice(p.slotBase(), PacketPool.METADATA_SIZE).toArray(ValueLayout.JAVA_BYTE);
    }

    /** What each received packet looked like: bytes and the whole metadata area. */
    private record Seen(byte[] data, byte[] meta, int length, int type, int dev, int queue, long ts, int vlan, int rss,
                        int mac) {
        static Seen of(Packet p) {
            return new Seen(p.toByteArray(), metadata(p), p.length(), p.packetType(), p.inputDevice(), p.inputQueue(),
                    p.timestampNanos(), p.vlanTci(), p.rssHash(), p.macHeaderOffset());
        }
    }

    /**
     * Forwards {@code total} packets from queue 0 to queue 0, dirtying annotations on the way (as
     * elements would) so that recycled buffers must be cleaned, and records what came in.
     */
    private static List<Seen> forward(SimNic nic, int total, int queue) {
        List<Seen> seen = new ArrayList<>();
        PacketBatch batch = new PacketBatch(32);
        while (seen.size() < total) {
            batch.clear();
            int n = nic.receive(queue, batch, Math.min(32, total - seen.size()));
            for (int i = 0; i < n; i++) {
                Packet p = batch.get(i);
                seen.add(Seen.of(p));
                p.setPaint(7);
                p.setDstIpAnno(0x01020304);
                p.setAggregate(99);
                p.pull(14);
                p.setNetworkHeader(0, 20);
                p.push(14);
                nic.transmit(queue, p);
            }
        }
        batch.clear();
        return seen;
    }

    @Test
    void allThreeModelsDeliverIdenticalBytesAndMetadata() throws Exception {
        TrafficSpec t = TrafficSpec.builder().src(Addresses.ip("10.0.0.0"), 256).dst(Addresses.ip("192.168.1.1"), 4)
                .srcPorts(1000, 10).flows(512).sizes(TrafficSpec.IMIX).vlan(0x2064).build();
        List<List<Seen>> runs = new ArrayList<>();
        for (MetadataModel m : MetadataModel.values()) {
            try (SimNic nic = open(m, t, 2)) {
                runs.add(forward(nic, 3000, 1));
            }
        }
        for (int r = 1; r < runs.size(); r++) {
            for (int i = 0; i < runs.get(0).size(); i++) {
                Seen a = runs.get(0).get(i);
                Seen b = runs.get(r).get(i);
                String what = MetadataModel.values()[r] + " packet " + i;
                assertArrayEquals(a.data, b.data, what + " bytes");
                assertArrayEquals(a.meta, b.meta, what + " metadata area");
            }
        }
        Seen s = runs.get(0).get(0);
        assertEquals(3, s.dev);
        assertEquals(1, s.queue);
        assertEquals(0x2064, s.vlan);
        assertEquals(0, s.mac);
        assertEquals(Packet.HOST, s.type);
        assertNotEquals(0, s.ts);
        assertEquals(s.data.length, s.length);
    }

    @Test
    void xchangeWithAFieldMaskFillsOnlyTheFieldsTheApplicationReads() throws Exception {
        long mask = Xchange.mask(List.of(MetadataField.DATA_OFFSET, MetadataField.LENGTH, MetadataField.PAINT,
                MetadataField.VLAN_TCI));
        Xchange x = Xchange.forActiveLayout(null, mask);
        assertEquals(3, x.fieldsWritten(), "data offset, length, vlan");
        assertEquals(1, x.wordsCleared(), "the word of paint");
        assertEquals(9, Xchange.forActiveLayout(null, Xchange.ALL_FIELDS).fieldsWritten());

        try (SimNic nic = open(MetadataModel.XCHANGE, TrafficSpec.builder().src(Addresses.ip("10.0.0.0"), 16).vlan(7).flows(16).build(), 1)) {
            nic.xchangeFields(mask);
            PacketBatch batch = new PacketBatch(32);
            int recycled = 0;
            for (int round = 0; round < 40; round++) {
                batch.clear();
                int n = nic.receive(0, batch, 32);
                for (int i = 0; i < n; i++) {
                    Packet p = batch.get(i);
                    assertEquals(PacketPool.HEADROOM, p.headroom());
                    assertEquals(p.toByteArray().length, p.length());
                    assertEquals(7, p.vlanTci());
                    assertEquals(0, p.paint(), "a field the application reads is cleared");
                    if (p.timestampNanos() == 12345) { // a buffer on its second round
                        recycled++;
                        assertEquals(99, p.aggregate(), "a field nobody reads is left as it was");
                        assertEquals(4321, p.rssHash(), "a completion field nobody reads is not written");
                    }
                    p.setPaint(9);
                    p.setAggregate(99);
                    p.setTimestampNanos(12345);
                    p.setRssHash(4321);
                    p.setVlanTci(1);
                    nic.transmit(0, p);
                }
            }
            assertTrue(recycled > 500, "buffers came round again: " + recycled);

            nic.xchangeFields(Xchange.ALL_FIELDS);
            for (int round = 0; round < 20; round++) {
                batch.clear();
                int n = nic.receive(0, batch, 32);
                for (int i = 0; i < n; i++) {
                    Packet p = batch.get(i);
                    assertNotEquals(12345, p.timestampNanos());
                    assertEquals(0, p.aggregate());
                    assertEquals(Toeplitz.hash(p.u32(30), p.u32(34), p.u16(38), p.u16(40)), p.rssHash(), "behind the VLAN tag");
                    assertEquals(7, p.vlanTci());
                    nic.transmit(0, p);
                }
            }
            nic.flush(0);
        }
    }

    @Test
    void generatedFramesAreWellFormedAndSpreadByRss() throws Exception {
        TrafficSpec t = TrafficSpec.builder().src(Addresses.ip("10.0.0.0"), 65536).dst(Addresses.ip("10.1.0.1"), 1)
                .srcPorts(5000, 3).dstPorts(53, 1).flows(4096).sizes(64, 128, 1500).build();
        try (SimNic nic = open(MetadataModel.XCHANGE, t, 4)) {
            Set<String> tuples = new HashSet<>();
            PacketBatch batch = new PacketBatch(32);
            for (int q = 0; q < 4; q++) {
                int got = 0;
                int sizeIndex = 0;
                while (got < 1200) {
                    batch.clear();
                    int n = nic.receive(q, batch, Math.min(32, 1200 - got));
                    for (int i = 0; i < n; i++) {
                        Packet p = batch.get(i);
                        byte[] f = p.toByteArray();
                        assertEquals(new int[] {64, 128, 1500}[sizeIndex++ % 3], f.length);
                        assertEquals(0x0800, (f[12] & 0xFF) << 8 | (f[13] & 0xFF));
                        assertEquals(0, Checksum.of(f, 14, 20), "IP header checksum");
                        int src = p.u32(26);
                        int dst = p.u32(30);
                        int sport = p.u16(34);
                        int dport = p.u16(36);
                        int udpLen = p.u16(38);
                        assertEquals(f.length - 34, udpLen);
                        assertEquals(0, Checksum.finish(Checksum.add(Checksum.pseudoHeader(src, dst, 17, udpLen), f, 34, udpLen)),
                                "UDP checksum");
                        assertEquals(0x0A010001, dst);
                        assertEquals(53, dport);
                        assertTrue(sport >= 5000 && sport < 5003);
                        int hash = Toeplitz.hash(src, dst, sport, dport);
                        assertEquals(hash, p.rssHash());
                        assertEquals(q, Toeplitz.queue(hash, 4));
                        tuples.add(src + ":" + sport);
                        p.kill();
                    }
                    got += n;
                }
            }
            assertEquals(4096, tuples.size(), "every flow appeared once per round (1200 x 4 > 4096)");
            assertEquals(4800, nic.totals().ipackets());
        }
    }

    @Test
    void tcpFramesHaveValidChecksums() throws Exception {
        TrafficSpec t = TrafficSpec.builder().protocol(TrafficSpec.Protocol.TCP).src(Addresses.ip("172.16.0.1"), 20)
                .flows(20).sizes(60, 61).build();
        try (SimNic nic = open(MetadataModel.COPYING, t, 1)) {
            PacketBatch batch = new PacketBatch(32);
            nic.receive(0, batch, 32);
            assertEquals(32, batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Packet p = batch.get(i);
                byte[] f = p.toByteArray();
                assertEquals(6, f[23]);
                assertEquals(0, Checksum.of(f, 14, 20));
                int tcpLen = f.length - 34;
                assertEquals(0, Checksum.finish(Checksum.add(Checksum.pseudoHeader(p.u32(26), p.u32(30), 6, tcpLen), f, 34, tcpLen)));
            }
            batch.killAll();
        }
    }

    @Test
    void copyingKeepsADriverDescriptorPerSlot() throws Exception {
        try (SimNic nic = open(MetadataModel.COPYING, TrafficSpec.builder().vlan(5).build(), 1)) {
            PacketBatch batch = new PacketBatch(4);
            nic.receive(0, batch, 4);
            var desc = nic.rxDescriptors(0);
            for (int i = 0; i < 4; i++) {
                Packet p = batch.get(i);
                assertEquals(p.slotBase() + PacketPool.METADATA_SIZE, desc.field(i, DriverDescriptor.BUF_ADDR, 8));
                assertEquals(p.length(), desc.field(i, DriverDescriptor.PKT_LEN, 4));
                assertEquals(5, desc.field(i, DriverDescriptor.VLAN_TCI, 2));
                long ol = desc.field(i, DriverDescriptor.OL_FLAGS, 8);
                assertEquals(DriverDescriptor.OL_VLAN | DriverDescriptor.OL_RSS_HASH | DriverDescriptor.OL_IP_CKSUM_GOOD
                        | DriverDescriptor.OL_L4_CKSUM_GOOD, ol);
                assertEquals(DriverDescriptor.PTYPE_L2_ETHER_VLAN | DriverDescriptor.PTYPE_L3_IPV4 | DriverDescriptor.PTYPE_L4_UDP,
                        desc.field(i, DriverDescriptor.PACKET_TYPE, 4));
                assertEquals(Integer.toUnsignedLong(p.rssHash()), desc.field(i, DriverDescriptor.RSS_HASH, 4));
            }
            batch.killAll();
        }
    }

    @Test
    void overlayingKeepsDriverBookkeepingInTheHeadroom() throws Exception {
        try (SimNic nic = open(MetadataModel.OVERLAYING, TrafficSpec.defaults(), 1)) {
            PacketBatch batch = new PacketBatch(4);
            nic.receive(0, batch, 4);
            Packet p = batch.get(0);
            long bufferStart = p.slotBase() + PacketPool.METADATA_SIZE;
            assertEquals(bufferStart, Overlay.privateField(p, Overlay.P_BUF_ADDR, 8));
            assertEquals(1, Overlay.privateField(p, Overlay.P_REFCNT, 2));
            assertEquals(1, Overlay.privateField(p, Overlay.P_NB_SEGS, 2));
            assertEquals(64, Overlay.privateField(p, Overlay.P_DATA_LEN, 2));
            assertEquals(DriverDescriptor.PTYPE_L2_ETHER | DriverDescriptor.PTYPE_L3_IPV4 | DriverDescriptor.PTYPE_L4_UDP,
                    Overlay.privateField(p, Overlay.P_PACKET_TYPE, 4));
            assertEquals(PacketPool.HEADROOM, p.headroom());
            assertEquals(64, p.length());
            batch.killAll();
        }
    }

    @Test
    void xchangeSwapsBuffersWithoutPoolTrafficInSteadyState() throws Exception {
        try (SimNic nic = open(MetadataModel.XCHANGE, TrafficSpec.builder().flows(1).build(), 1)) {
            forward(nic, 10_000, 0);
            QueueStats s = nic.stats(0);
            // The initial fill of the ring (256) plus what the transmit ring holds back (< 32) came
            // from the pool; everything after that was exchanged.
            assertTrue(s.poolAllocs() <= 256 + 32, "pool refills " + s.poolAllocs());
            assertTrue(s.exchangeTakes() >= 10_000 - 64, "exchanges " + s.exchangeTakes());
            assertEquals(s.exchangeTakes(), s.exchangeReturns() - ExchangeList.current().size());
            assertEquals(0, s.poolFrees());
            assertEquals(10_000, s.opackets());
            assertEquals(640_000, s.obytes());
        }
        assertEquals(0, ExchangeList.current().size(), "close gives the exchanged buffers back to the pool");
    }

    @Test
    void copyingAllocatesAndFreesThroughThePoolPerPacket() throws Exception {
        try (SimNic nic = open(MetadataModel.COPYING, TrafficSpec.defaults(), 1)) {
            forward(nic, 5000, 0);
            QueueStats s = nic.stats(0);
            assertEquals(5000 + 256, s.poolAllocs());
            assertTrue(s.poolFrees() >= 5000 - 32);
            assertEquals(0, s.exchangeTakes());
        }
    }

    @Test
    void transmittedBytesReachTheWireTap() throws Exception {
        List<byte[]> wire = new ArrayList<>();
        WireTap tap = (q, address, length) -> wire.add(MEMORY.asSlice(address, length).toArray(ValueLayout.JAVA_BYTE));
        byte[] f1 = FrameBuilder.udp().frameLength(100).build();
        byte[] f2 = FrameBuilder.tcp().frameLength(60).build();
        for (MetadataModel m : MetadataModel.values()) {
            wire.clear();
            try (SimNic nic = SimNic.open(SimNicConfig.builder("tx").model(m).tap(tap).build())) {
                Packet a = PacketPool.alloc(f1);
                a.pull(14);          // elements may move the data start; the NIC sends from it
                assertTrue(nic.transmit(0, a));
                assertTrue(nic.transmit(0, PacketPool.alloc(f2)));
                Packet empty = PacketPool.alloc();
                assertFalse(nic.transmit(0, empty), "an empty packet is dropped");
                nic.flush(0);
                assertEquals(2, wire.size());
                assertArrayEquals(Arrays.copyOfRange(f1, 14, f1.length), wire.get(0), m.toString());
                assertArrayEquals(f2, wire.get(1), m.toString());
                assertEquals(2, nic.stats(0).opackets());
                assertEquals(86 + 60, nic.stats(0).obytes());
                assertEquals(1, nic.stats(0).txDrops());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(MetadataModel.class)
    void replaysFramesPerQueueInOrderWithTheirTimestamps(MetadataModel model) throws Exception {
        FrameList frames = new FrameList();
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            byte[] f = FrameBuilder.udp().src("10.0.0." + (i % 8 + 1), 1000 + i).dst("10.9.9.9", 53).frameLength(60 + i).build();
            sent.add(f);
            frames.add(1_000_000L * i, f);
        }
        byte[] arp = new byte[42];
        Arrays.fill(arp, 0, 6, (byte) 0xFF);
        arp[12] = 0x08;
        arp[13] = 0x06;
        frames.add(5L, arp);
        try (SimNic nic = SimNic.open(SimNicConfig.builder("replay").queues(2).model(model).replay(frames, false).build())) {
            assertEquals(41, nic.replayFrames());
            List<byte[]> got = new ArrayList<>();
            PacketBatch batch = new PacketBatch(8);
            for (int q = 0; q < 2; q++) {
                int last = -1;
                while (!nic.finished(q)) {
                    batch.clear();
                    int n = nic.receive(q, batch, 8);
                    for (int i = 0; i < n; i++) {
                        Packet p = batch.get(i);
                        byte[] b = p.toByteArray();
                        got.add(b);
                        if (b.length == 42) {
                            assertEquals(0, q, "non-IP frames go to queue 0");
                            assertEquals(Packet.BROADCAST, p.packetType());
                            assertEquals(0, p.rssHash());
                            assertEquals(5, p.timestampNanos());
                        } else {
                            int index = b.length - 60;
                            assertTrue(index > last, "queue order follows source order");
                            last = index;
                            assertArrayEquals(sent.get(index), b);
                            assertEquals(1_000_000L * index, p.timestampNanos());
                            assertEquals(q, Toeplitz.queue(p.rssHash(), 2));
                            assertEquals(Toeplitz.hash(p.u32(26), p.u32(30), p.u16(34), p.u16(36)), p.rssHash());
                        }
                        p.kill();
                    }
                }
            }
            assertEquals(41, got.size());
            assertEquals(0, nic.receive(0, batch, 8));
        }
    }

    @Test
    void loopedReplayStartsOver() throws Exception {
        FrameList frames = new FrameList().add(FrameBuilder.udp().frameLength(64).build());
        try (SimNic nic = SimNic.open(SimNicConfig.builder("loop").replay(frames, true).build())) {
            PacketBatch batch = new PacketBatch(32);
            for (int i = 0; i < 10; i++) {
                batch.clear();
                assertEquals(32, nic.receive(0, batch, 32));
                batch.killAll();
            }
            assertFalse(nic.finished(0));
        }
    }

    @Test
    void rateLimitedQueueCountsFramesItMissed() throws Exception {
        try (SimNic nic = SimNic.open(SimNicConfig.builder("slow").ringSize(64).build())) {
            nic.rate(0, 100_000);
            PacketBatch batch = new PacketBatch(64);
            nic.receive(0, batch, 64);     // starts the clock
            batch.killAll();
            Thread.sleep(50);              // ~5000 frames arrive, 64 buffers are posted
            batch.clear();
            int n = nic.receive(0, batch, 64);
            batch.killAll();
            assertEquals(64, n);
            long missed = nic.stats(0).imissed();
            assertTrue(missed > 2000 && missed < 100_000, "missed " + missed);
        }
    }

    @Test
    void queueWithoutFlowsIsFinished() throws Exception {
        try (SimNic nic = open(MetadataModel.XCHANGE, TrafficSpec.defaults(), 4)) {
            int withFlow = Toeplitz.queue(Toeplitz.hash(0x0A000001, 0x0A000002, 1234, 80), 4);
            for (int q = 0; q < 4; q++) {
                assertEquals(q != withFlow, nic.finished(q), "queue " + q);
            }
        }
    }

    @Test
    void badSettingsAreClearErrors() {
        DeviceException e = assertThrows(DeviceException.class,
                () -> SimNic.open(SimNicConfig.builder("nic9").queues(0).build()));
        assertEquals("bad queue count 0 for nic9: must be between 1 and 64", e.getMessage());
        e = assertThrows(DeviceException.class, () -> SimNic.open(SimNicConfig.builder("nic9").ringSize(1000).build()));
        assertEquals("bad ring size 1000 for nic9: must be a power of two between 64 and 32768", e.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> TrafficSpec.builder().flows(5).build());
        assertEquals("5 flows exceed the 1 distinct address/port combinations the ranges allow", t.getMessage());
        t = assertThrows(IllegalArgumentException.class, () -> TrafficSpec.builder().sizes(40).build());
        assertEquals("frame size 40 is out of range (42 to 2048 bytes for UDP)", t.getMessage());
    }

    @Test
    void describeNamesModelQueuesAndTraffic() throws Exception {
        try (SimNic nic = open(MetadataModel.OVERLAYING, TrafficSpec.defaults(), 2)) {
            String d = nic.describe();
            assertTrue(d.startsWith("simulated NIC nic0: port 3, model overlaying, 2 queues, ring 256, UDP 1 flow, sizes [64]\n"), d);
            assertTrue(d.contains("\nqueue 1: ipackets 0"), d);
            assertTrue(d.contains("\ntotal: ipackets 0"), d);
        }
    }
}
