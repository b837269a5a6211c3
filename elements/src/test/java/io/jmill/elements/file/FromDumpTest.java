package io.jmill.elements.file;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.driver.pcap.PcapFormat;
import io.jmill.elements.file.Traces.Frame;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jmill.elements.file.Traces.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FromDumpTest {
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

    private static void assertFrames(List<Frame> expected, List<byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "packet count");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).data(), actual.get(i), "packet " + i);
        }
    }

    // ------------------------------------------------------------------ through a running router

    @Test
    void fromDumpToDumpIsByteIdentical() throws Exception {
        List<Frame> frames = new ArrayList<>(Traces.udpFrames(200));
        // One record the capture had cut (original 1500, 100 captured): its original length must survive.
        byte[] cut = Arrays.copyOf(FrameBuilder.tcp().frameLength(1500).fill(7).build(), 100);
        frames.add(new Frame(Traces.T0 + 999_000_000L, cut, 1500));
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        Path out = dir.resolve("out.pcap");
        Router r = Traces.router("fd :: FromDump(" + q(in) + ", STOP true) -> c :: Counter -> td :: ToDump("
                + q(out) + ", SNAPLEN 65535);");
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals("fd: end of " + in, r.stopReason());
        assertEquals("201", r.read("fd.count"));
        assertEquals("201", r.read("c.count"));
        assertEquals("201", r.read("td.count"));
        assertEquals(201, r.sourcePackets());
        assertArrayEquals(Files.readAllBytes(in), Files.readAllBytes(out));
    }

    @Test
    void withoutStopTheTaskEndsAndTheRouterStopsAtEndOfInput() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), Traces.udpFrames(10));
        Router r = Traces.router("fd :: FromDump(" + q(in) + ") -> c :: Counter -> Discard;");
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals("end of input", r.stopReason());
        assertEquals("10", r.read("c.count"));
        assertTrue(r.tasks().getFirst().done());
    }

    // ------------------------------------------------------------------ driven by hand

    @Test
    void emitsBurstsWithMacHeaderAndTimestampsThenIsDone() throws Exception {
        List<Frame> frames = Traces.udpFrames(10);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.element("FromDump(" + q(in) + ", BURST 4)")) {
            assertEquals(4, h.runTask("e"));
            assertEquals(4, h.count(0));
            assertEquals(4, h.runTask("e"));
            assertEquals(2, h.runTask("e"), "the last packets, then the end of the file is seen");
            assertEquals(Task.DONE, h.runTask("e"));
            assertFalse(h.router().stopping(), "STOP false: the router is not asked to stop");
            assertFrames(frames, h.outputBytes(0));
            List<Packet> out = h.output(0);
            for (int i = 0; i < out.size(); i++) {
                assertTrue(out.get(i).hasMacHeader());
                assertEquals(0, out.get(i).macHeaderOffset());
                assertEquals(frames.get(i).tsNanos(), out.get(i).timestampNanos());
            }
            assertEquals("10", h.read("count"));
            assertEquals(in.toString(), h.read("filename"));
            assertEquals(Long.toString(Files.size(in)), h.read("filesize"));
            assertEquals(Long.toString(Files.size(in)), h.read("filepos"));
            assertEquals(Long.toString(Files.size(in) - 16 - frames.getLast().data().length), h.read("packet_filepos"));
            assertEquals("ETHER", h.read("encap"));
            assertEquals("0", h.read("errors"));
            assertEquals("", h.read("error"));
            h.write("reset_counts", "");
            assertEquals("0", h.read("count"));
        }
    }

    @Test
    void stopAsksTheRouterToStopAtTheEnd() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), Traces.udpFrames(3));
        try (Harness h = Harness.element("FromDump(" + q(in) + ", STOP true)")) {
            assertEquals(3, h.runTask("e"));
            assertTrue(h.router().stopping(), "the end was seen in the same run");
            assertEquals("e: end of " + in, h.router().stopReason());
            assertEquals(Task.DONE, h.runTask("e"));
        }
    }

    @Test
    void inactiveUntilTheHandlerSaysSo() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), Traces.udpFrames(3));
        try (Harness h = Harness.element("FromDump(" + q(in) + ", ACTIVE false)")) {
            assertEquals(0, h.runTask("e"));
            assertEquals(0, h.count(0));
            assertEquals("false", h.read("active"));
            h.write("active", "true");
            assertEquals(3, h.runTask("e"));
            HandlerWrite.refused(h, "active", "maybe", "active: expected boolean, got 'maybe'");
        }
    }

    @Test
    void stopHandlerDeactivatesAndStops() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), Traces.udpFrames(3));
        try (Harness h = Harness.element("FromDump(" + q(in) + ")")) {
            h.write("stop", "");
            assertTrue(h.router().stopping());
            assertEquals("false", h.read("active"));
            assertEquals(0, h.runTask("e"));
        }
    }

    @Test
    void timingKeepsTheOriginalSpacing() throws Exception {
        List<Frame> frames = List.of(new Frame(Traces.T0, FrameBuilder.udp().build()),
                new Frame(Traces.T0 + 200_000_000L, FrameBuilder.udp().build()));
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.element("FromDump(" + q(in) + ", TIMING true)")) {
            long start = System.nanoTime();
            assertEquals(1, h.runTask("e"), "the first packet goes at once");
            assertEquals(0, h.runTask("e"), "the second is 200 ms later in the trace");
            int n;
            while ((n = h.runTask("e")) == 0) {
                Thread.sleep(5);
            }
            assertEquals(1, n);
            assertTrue(System.nanoTime() - start >= 200_000_000L, "not before 200 ms");
            assertEquals(Task.DONE, h.runTask("e"));
        }
    }

    @Test
    void forceIpSendsNonIpToOutputOneOrDropsIt() throws Exception {
        byte[] ip = FrameBuilder.udp().build();
        byte[] arp = FrameBuilder.udp().build();
        arp[12] = 0x08;
        arp[13] = 0x06;
        byte[] vlan = FrameBuilder.tcp().vlan(42).build();
        byte[] badIhl = FrameBuilder.udp().build();
        badIhl[14] = 0x44; // IHL 4: not a valid header
        byte[] runt = Arrays.copyOf(ip, 20);
        List<Frame> frames = new ArrayList<>();
        for (byte[] b : List.of(ip, arp, vlan, badIhl, runt)) {
            frames.add(new Frame(Traces.T0, b));
        }
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.element("FromDump(" + q(in) + ", FORCE_IP true)", 0, 2)) {
            while (h.runTask("e") != Task.DONE) {
                // drain
            }
            assertEquals(2, h.count(0));
            assertArrayEquals(ip, h.outputBytes(0).get(0));
            assertArrayEquals(vlan, h.outputBytes(0).get(1));
            assertEquals(14, h.output(0).get(0).networkHeaderOffset());
            assertEquals(20, h.output(0).get(0).networkHeaderLength());
            assertEquals(18, h.output(0).get(1).networkHeaderOffset());
            assertEquals(3, h.count(1));
            assertEquals("2", h.read("count"));
            assertEquals("0", h.read("drops"));
        }
        try (Harness h = Harness.element("FromDump(" + q(in) + ", FORCE_IP true)")) {
            while (h.runTask("e") != Task.DONE) {
                // drain
            }
            assertEquals(2, h.count(0));
            assertEquals("3", h.read("drops"));
            assertEquals(3, ((FromDump) h.element()).drops());
        }
    }

    @Test
    void endCallWritesAHandlerAtTheEnd() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), Traces.udpFrames(5));
        try (Harness h = Harness.graph("fd :: FromDump(" + q(in) + ", END_CALL c.reset) -> c :: Counter -> output;", 0, 1)) {
            assertEquals(5, h.runTask("e/fd"));
            assertEquals(5, h.count(0));
            assertEquals("0", h.read("e/c.count"), "END_CALL c.reset ran (c resolved inside the compound)");
        }
    }

    @Test
    void oversizedRecordsAreCutAndCounted() throws Exception {
        byte[] jumbo = FrameBuilder.udp().frameLength(9000).fill(3).build();
        Path in = Traces.write(dir.resolve("in.pcap"), List.of(new Frame(Traces.T0, jumbo)));
        Path out = dir.resolve("out.pcap");
        Router r = Traces.router("fd :: FromDump(" + q(in) + ", STOP true) -> ToDump(" + q(out) + ", SNAPLEN 0);");
        r.start(1);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals("1", r.read("fd.truncated"));
        List<Frame> written = Traces.read(out);
        assertEquals(1, written.size());
        assertArrayEquals(Arrays.copyOf(jumbo, PacketPool.DATA_SIZE), written.getFirst().data());
        assertEquals(9000, written.getFirst().original(), "the original length is kept");
    }

    // ------------------------------------------------------------------ bad files

    @Test
    void missingOrForeignFilesAreConfigurationErrors() throws Exception {
        Path missing = dir.resolve("missing.pcap");
        ConfigException e = assertThrows(ConfigException.class,
                () -> Traces.router("fd :: FromDump(" + q(missing) + ") -> Discard;"));
        assertEquals(1, e.errors().size());
        assertEquals("test.click:1:1: fd: " + missing + ": no such file", e.errors().getFirst().toString());

        Path text = Files.writeString(dir.resolve("notes.txt"), "these are notes, not packets");
        e = assertThrows(ConfigException.class, () -> Traces.router("fd :: FromDump(" + q(text) + ") -> Discard;"));
        assertEquals("test.click:1:1: fd: " + text + ": bad magic 0x74686573: not a pcap file",
                e.errors().getFirst().toString());
    }

    @Test
    void argumentErrors() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Traces.router("FromDump(x.pcap, STOP true, END_CALL c.reset) -> Discard;"));
        assertTrue(e.errors().getFirst().toString().endsWith("END_CALL and STOP are mutually exclusive"),
                e.errors().toString());
        e = assertThrows(ConfigException.class, () -> Traces.router("FromDump -> Discard;"));
        assertTrue(e.errors().getFirst().toString().endsWith("missing mandatory FILENAME argument"), e.errors().toString());
        e = assertThrows(ConfigException.class, () -> Traces.router("FromDump(x.pcap, BURST 0) -> Discard;"));
        assertTrue(e.errors().getFirst().toString().endsWith("BURST: must be between 1 and 2147483647, got 0"),
                e.errors().toString());
    }

    @Test
    void badEndCallHandlerIsAnInitializationError() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), Traces.udpFrames(1));
        ConfigException e = assertThrows(ConfigException.class,
                () -> Traces.router("fd :: FromDump(" + q(in) + ", END_CALL nobody.reset) -> Discard;"));
        assertEquals("test.click:1:1: fd: END_CALL: no element 'nobody'", e.errors().getFirst().toString());
    }

    @Test
    void aDamagedRecordEndsTheFileCleanly() throws Exception {
        List<Frame> frames = Traces.udpFrames(4);
        byte[] whole = Files.readAllBytes(Traces.write(dir.resolve("whole.pcap"), frames));
        int cutAt = 24 + 4 * 16 + frames.get(0).data().length + frames.get(1).data().length
                + frames.get(2).data().length + 10; // inside the 4th record's data
        Path in = Files.write(dir.resolve("cut.pcap"), Arrays.copyOf(whole, cutAt));
        int recordOffset = cutAt - 10 - 16;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (Harness h = Harness.element("FromDump(" + q(in) + ", STOP true)")) {
            ((FromDump) h.element()).setErrorStream(new PrintStream(err, true));
            assertEquals(3, h.runTask("e"));
            assertEquals(Task.DONE, h.runTask("e"));
            assertFrames(frames.subList(0, 3), h.outputBytes(0));
            String message = in + ": truncated record 4 at offset " + recordOffset + " (10 of "
                    + frames.get(3).data().length + " data bytes)";
            assertEquals("1", h.read("errors"));
            assertEquals(message, h.read("error"));
            assertEquals("e: " + message + "; no more packets from this file\n", err.toString());
            assertEquals("e: stopped at a damaged record in " + in, h.router().stopReason());
        }
    }

    @Test
    void everyCutOfATraceEndsCleanly() throws Exception {
        List<Frame> frames = Traces.udpFrames(3);
        byte[] whole = Files.readAllBytes(Traces.write(dir.resolve("whole.pcap"), frames));
        for (int cut = 24; cut <= whole.length; cut++) {
            Path in = Files.write(dir.resolve("cut" + cut + ".pcap"), Arrays.copyOf(whole, cut));
            try (Harness h = Harness.element("FromDump(" + q(in) + ")")) {
                ((FromDump) h.element()).setErrorStream(new PrintStream(new ByteArrayOutputStream()));
                int runs = 0;
                while (h.runTask("e") != Task.DONE) {
                    assertTrue(++runs < 10, "cut at " + cut + ": the task ends");
                }
                int expected = 0;
                int end = 24;
                for (Frame f : frames) {
                    end += 16 + f.data().length;
                    if (end <= cut) {
                        expected++;
                    }
                }
                assertEquals(expected, h.count(0), "cut at " + cut);
                boolean atBoundary = cut == 24 || cut == whole.length
                        || cut == 24 + 16 + frames.get(0).data().length
                        || cut == 24 + 32 + frames.get(0).data().length + frames.get(1).data().length;
                assertEquals(atBoundary ? "0" : "1", h.read("errors"), "cut at " + cut);
            }
        }
    }

    @Test
    void pulledItReturnsOnePacketPerPullAndNothingAtTheEnd() throws Exception {
        List<Frame> frames = Traces.udpFrames(3);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        // Replay's input is pull, so FromDump's agnostic output is pulled.
        try (Harness h = Harness.graph("fd :: FromDump(" + q(in) + ", STOP true) -> r :: Replay(STOP 1) -> output;", 0, 1)) {
            FromDump fd = (FromDump) h.router().element("e/fd");
            assertFalse(fd.outputIsPush(0));
            assertEquals(Task.DONE, fd.runTask(), "a pulled FromDump has no task work");
            h.runTask("e/r"); // loads: pulls until FromDump returns nothing
            assertEquals("3", h.read("e/fd.count"));
            assertTrue(h.router().stopping(), "STOP true: the end of the file stops the router");
            assertNull(fd.pull(0));
            h.runTask("e/r");
            for (int i = 0; i < 3; i++) {
                h.pull(0);
            }
            assertNull(h.pull(0));
            assertFrames(frames, h.outputBytes(0));
        }
    }

    @Test
    void rawIpFilesGetANetworkHeader() throws Exception {
        byte[] frame = FrameBuilder.udp().build();
        byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
        Path in = dir.resolve("raw.pcap");
        try (var w = io.jmill.driver.pcap.PcapWriter.create(in, false, 65535, PcapFormat.LINKTYPE_RAW)) {
            w.write(Traces.T0, ip, 0, ip.length, ip.length);
            w.write(Traces.T0, new byte[] {0x60, 0, 0, 0}, 0, 4, 4); // not IPv4: dropped
        }
        try (Harness h = Harness.element("FromDump(" + q(in) + ")")) {
            assertEquals(2, h.runTask("e"));
            assertEquals(1, h.count(0));
            assertEquals(0, h.output(0).getFirst().networkHeaderOffset());
            assertEquals(20, h.output(0).getFirst().networkHeaderLength());
            assertEquals("IP", h.read("encap"));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void poolExhaustionDelaysButLosesNothing() throws Exception {
        List<Frame> frames = Traces.udpFrames(5);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.element("FromDump(" + q(in) + ")")) {
            List<Packet> hog = new ArrayList<>();
            Packet p;
            while ((p = PacketPool.alloc()) != null) {
                hog.add(p);
            }
            try {
                assertEquals(0, h.runTask("e"), "no buffer: nothing read");
                assertEquals(0, h.count(0));
            } finally {
                hog.forEach(Packet::kill);
            }
            while (h.runTask("e") != Task.DONE) {
                // drain
            }
            assertFrames(frames, h.outputBytes(0));
        }
    }

    /** Handler-write failure helper. */
    static final class HandlerWrite {
        static void refused(Harness h, String handler, String value, String message) {
            var e = assertThrows(io.jmill.engine.handler.HandlerException.class, () -> h.write(handler, value));
            assertEquals(message, e.getMessage());
        }
    }
}
