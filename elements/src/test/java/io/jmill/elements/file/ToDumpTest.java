package io.jmill.elements.file;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.driver.pcap.PcapFormat;
import io.jmill.driver.pcap.PcapReader;
import io.jmill.elements.file.Traces.Frame;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jmill.elements.file.Traces.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ToDumpTest {
    @TempDir
    Path dir;

    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    private static Packet packet(byte[] data, long ts) {
        Packet p = Harness.packet(data);
        p.setTimestampNanos(ts);
        return p;
    }

    private static ByteBuffer header(Path f) throws Exception {
        return ByteBuffer.wrap(Files.readAllBytes(f)).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void writesEachPacketAndFreesItWithoutAnOutput() throws Exception {
        Path out = dir.resolve("out.pcap");
        byte[] a = FrameBuilder.udp().build();
        byte[] b = FrameBuilder.tcp().frameLength(300).build();
        try (Harness h = Harness.element("ToDump(" + q(out) + ")", 1, 0)) {
            h.push(0, packet(a, Traces.T0));
            h.push(0, packet(b, Traces.T0 + 1_000));
            assertEquals("2", h.read("count"));
            assertEquals(out.toString(), h.read("filename"));
        }
        List<Frame> written = Traces.read(out);
        assertEquals(2, written.size());
        assertArrayEquals(a, written.get(0).data());
        assertArrayEquals(b, written.get(1).data());
        assertEquals(Traces.T0, written.get(0).tsNanos());
        assertEquals(Traces.T0 + 1_000, written.get(1).tsNanos());
        ByteBuffer h = header(out);
        assertEquals(PcapFormat.MAGIC_MICROS, h.getInt(0));
        assertEquals(2000, h.getInt(16), "Click's default SNAPLEN");
        assertEquals(PcapFormat.LINKTYPE_ETHERNET, h.getInt(20));
    }

    @Test
    void passesPacketsOnWhenItHasAnOutput() throws Exception {
        Path out = dir.resolve("out.pcap");
        byte[] a = FrameBuilder.udp().build();
        try (Harness h = Harness.element("ToDump(" + q(out) + ")", 1, 1)) {
            h.push(0, packet(a, Traces.T0));
            assertEquals(1, h.count(0));
            assertArrayEquals(a, h.outputBytes(0).getFirst());
        }
        assertEquals(1, Traces.read(out).size());
    }

    @Test
    void snaplenCutsAndNanoWritesNanoseconds() throws Exception {
        Path out = dir.resolve("out.pcap");
        byte[] big = FrameBuilder.udp().frameLength(500).fill(9).build();
        try (Harness h = Harness.element("ToDump(" + q(out) + ", 100, NANO true)", 1, 0)) {
            h.push(0, packet(big, Traces.T0 + 123));
        }
        ByteBuffer b = header(out);
        assertEquals(PcapFormat.MAGIC_NANOS, b.getInt(0));
        assertEquals(100, b.getInt(16));
        assertEquals(123, b.getInt(24 + 4), "nanoseconds");
        assertEquals(100, b.getInt(24 + 8));
        assertEquals(500, b.getInt(24 + 12));
        assertEquals(24 + 16 + 100, b.capacity());
    }

    @Test
    void extraLengthCanBeIgnored() throws Exception {
        Path out = dir.resolve("out.pcap");
        try (Harness h = Harness.element("ToDump(" + q(out) + ", EXTRA_LENGTH false)", 1, 0)) {
            Packet p = packet(FrameBuilder.udp().build(), Traces.T0);
            p.setAnno(PcapFormat.EXTRA_LENGTH, 40);
            h.push(0, p);
        }
        assertEquals(60, header(out).getInt(24 + 12));
        try (Harness h = Harness.element("ToDump(" + q(out) + ")", 1, 0)) {
            Packet p = packet(FrameBuilder.udp().build(), Traces.T0);
            p.setAnno(PcapFormat.EXTRA_LENGTH, 40);
            h.push(0, p);
        }
        assertEquals(100, header(out).getInt(24 + 12));
    }

    @Test
    void packetsWithoutATimestampGetTheCurrentTime() throws Exception {
        Path out = dir.resolve("out.pcap");
        long before = System.currentTimeMillis() * 1_000_000L;
        try (Harness h = Harness.element("ToDump(" + q(out) + ")", 1, 0)) {
            h.push(0, FrameBuilder.udp().build());
        }
        long after = System.currentTimeMillis() * 1_000_000L;
        long ts = Traces.read(out).getFirst().tsNanos();
        assertTrue(ts >= before - 1_000_000_000L && ts <= after + 1_000_000_000L, "ts " + ts);
    }

    @Test
    void encapsulationChoices() throws Exception {
        Path out = dir.resolve("out.pcap");
        for (String cfg : List.of(", 2000, IP", ", ENCAP IP", ", ENCAP ip", ", 2000, \"IP\"")) {
            try (Harness h = Harness.element("ToDump(" + q(out) + cfg + ")", 1, 0)) {
                // header only
            }
            assertEquals(PcapFormat.LINKTYPE_RAW, header(out).getInt(20), cfg);
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> Harness.element("ToDump(" + q(out) + ", ENCAP TOKENRING)", 1, 0));
        assertTrue(e.errors().getFirst().message().equals("ENCAP: bad encapsulation type 'TOKENRING' (expected ETHER or IP)"),
                e.errors().toString());
    }

    @Test
    void useEncapFromReadsTheSource() throws Exception {
        Path in = dir.resolve("raw.pcap");
        try (var w = io.jmill.driver.pcap.PcapWriter.create(in, false, 65535, PcapFormat.LINKTYPE_RAW)) {
            byte[] f = FrameBuilder.udp().build();
            w.write(Traces.T0, f, 14, f.length - 14, f.length - 14);
        }
        Path out = dir.resolve("out.pcap");
        // ToDump is declared first: it must still learn the encapsulation of fd's file.
        Router r = Traces.router("td :: ToDump(" + q(out) + ", USE_ENCAP_FROM fd); fd :: FromDump(" + q(in)
                + ", STOP true) -> td;");
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals(PcapFormat.LINKTYPE_RAW, header(out).getInt(20));
        assertEquals(1, Traces.read(out).size());
        ConfigException e = assertThrows(ConfigException.class, () -> Traces.router(
                "ToDump(" + q(out) + ", USE_ENCAP_FROM nobody, ENCAP IP); Idle -> [0]ToDump@1;"));
        assertTrue(e.errors().toString().contains("specify at most one of ENCAP and USE_ENCAP_FROM"), e.errors().toString());
    }

    @Test
    void unwritableFileIsAConfigurationError() {
        Path out = dir.resolve("no/such/dir/out.pcap");
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element("ToDump(" + q(out) + ")", 1, 0));
        assertEquals(out + ": no such file", e.errors().getFirst().message());
    }

    @Test
    void pulledInputWithoutOutputMakesItATask() throws Exception {
        List<Frame> frames = Traces.udpFrames(20);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        Path out = dir.resolve("out.pcap");
        Router r = Traces.router("FromDump(" + q(in) + ") -> Replay(STOP 3, QUEUE 8) -> td :: ToDump(" + q(out)
                + ", SNAPLEN 65535, BURST 5);");
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals("60", r.read("td.count"));
        List<Frame> written = Traces.read(out);
        assertEquals(60, written.size());
        for (int i = 0; i < 60; i++) {
            assertArrayEquals(frames.get(i % 20).data(), written.get(i).data(), "record " + i);
        }
        try (PcapReader reader = PcapReader.open(out)) {
            assertEquals(65535, reader.snaplen());
        }
    }

    @Test
    void snaplenZeroMeansUnlimited() throws Exception {
        Path out = dir.resolve("out.pcap");
        try (Harness h = Harness.element("ToDump(" + q(out) + ", SNAPLEN 0)", 1, 0)) {
            h.push(0, packet(FrameBuilder.udp().frameLength(2000).build(), Traces.T0));
        }
        assertEquals(0xFFFF_FFFFL, header(out).getInt(16) & 0xFFFF_FFFFL);
        assertEquals(2000, Traces.read(out).getFirst().data().length);
    }
}
