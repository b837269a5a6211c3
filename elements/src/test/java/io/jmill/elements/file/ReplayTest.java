package io.jmill.elements.file;

import io.jmill.driver.net.FrameBuilder;
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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jmill.elements.file.Traces.q;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayTest {
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

    /** Runs task {@code name} until it is done; returns how many runs that took. */
    private static int runToEnd(Harness h, String name) {
        int runs = 0;
        while (h.runTask(name) != Task.DONE) {
            assertTrue(++runs < 100_000, name + " never finished");
        }
        return runs;
    }

    private static void assertRepeated(List<Frame> frames, int times, List<byte[]> out) {
        assertEquals(frames.size() * times, out.size(), "packets out");
        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(frames.get(i % frames.size()).data(), out.get(i), "packet " + i);
        }
    }

    // ------------------------------------------------------------------ ReplayUnqueue

    @Test
    void replayUnqueueSendsEveryPacketStopTimesThenStopsTheRouter() throws Exception {
        List<Frame> frames = Traces.udpFrames(7);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.graph("FromDump(" + q(in) + ", STOP false) -> r :: ReplayUnqueue(STOP 3, BURST 4) -> output;", 0, 1)) {
            assertEquals(7, h.runTask("e/r"), "the first run loads (pulls) every packet");
            assertEquals("true", h.read("e/r.loaded"));
            assertEquals("7", h.read("e/r.stored"));
            assertEquals(0, h.count(0));
            assertEquals(4, h.runTask("e/r"), "then BURST copies per run");
            assertEquals(3, h.runTask("e/r"), "a run ends at the end of a loop");
            assertEquals("1", h.read("e/r.loops"));
            assertEquals("2", h.read("e/r.stop"));
            // Changing what came out must not change what is replayed.
            for (Packet p : h.output(0)) {
                p.setU8(0, 0xEE);
            }
            List<byte[]> first = new ArrayList<>(h.outputBytes(0));
            runToEnd(h, "e/r");
            assertTrue(h.router().stopping());
            assertEquals("e/r: replay done after 3 loops", h.router().stopReason());
            List<byte[]> out = h.outputBytes(0);
            assertEquals(21, out.size());
            assertEquals("21", h.read("e/r.count"));
            assertRepeated(frames, 3, restoreFirstLoop(frames, out));
            assertEquals((byte) 0xEE, first.getFirst()[0]);
        }
    }

    /** The first loop's copies were scribbled on (byte 0 = 0xEE): check that, and put byte 0 back. */
    private static List<byte[]> restoreFirstLoop(List<Frame> frames, List<byte[]> out) {
        List<byte[]> fixed = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            byte[] b = out.get(i).clone();
            if (i < frames.size()) {
                assertEquals((byte) 0xEE, b[0]);
                b[0] = frames.get(i).data()[0];
            }
            fixed.add(b);
        }
        return fixed;
    }

    @Test
    void replayUnqueueInARunningRouter() throws Exception {
        List<Frame> frames = Traces.udpFrames(50);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        Path out = dir.resolve("out.pcap");
        Router r = Traces.router("fd :: FromDump(" + q(in) + ", STOP false) -> r :: ReplayUnqueue(STOP 10) "
                + "-> c :: Counter -> ToDump(" + q(out) + ", SNAPLEN 65535);");
        r.start(2);
        assertTrue(r.awaitStop(20, TimeUnit.SECONDS));
        r.close();
        assertEquals("r: replay done after 10 loops", r.stopReason());
        assertEquals("500", r.read("c.count"));
        assertEquals("50", r.read("fd.count"));
        List<Frame> written = Traces.read(out);
        List<byte[]> bytes = new ArrayList<>();
        for (Frame f : written) {
            bytes.add(f.data());
        }
        assertRepeated(frames, 10, bytes);
        for (int i = 0; i < written.size(); i++) {
            assertEquals(frames.get(i % 50).tsNanos(), written.get(i).tsNanos(), "copies keep their timestamps");
        }
    }

    @Test
    void stopZeroSendsNothing() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), Traces.udpFrames(3));
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: ReplayUnqueue(STOP 0) -> output;", 0, 1)) {
            runToEnd(h, "e/r");
            assertEquals(0, h.count(0));
            assertTrue(h.router().stopping());
        }
    }

    @Test
    void loadingIsReportedInFastClicksTwoLines() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), Traces.udpFrames(3));
        for (String limit : new String[] {"", ", LIMIT 2"}) {
            try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: ReplayUnqueue(STOP 1" + limit + ") -> output;", 0, 1)) {
                var log = new java.io.ByteArrayOutputStream();
                ((ReplayUnqueue) h.router().element("e/r")).setLog(new java.io.PrintStream(log, true));
                runToEnd(h, "e/r");
                String dry = limit.isEmpty() ? "3 packets. Input 0" : "2 packets. Input -1";
                assertEquals("Loading e/r with 1 inputs.\ne/r : Successfully loaded " + dry + " dried out.\n", log.toString());
            }
        }
    }

    @Test
    void limitBoundsWhatIsLoaded() throws Exception {
        List<Frame> frames = Traces.udpFrames(10);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.graph("fd :: FromDump(" + q(in) + ") -> r :: ReplayUnqueue(STOP 2, LIMIT 4) -> output;", 0, 1)) {
            runToEnd(h, "e/r");
            assertEquals("4", h.read("e/r.stored"));
            assertEquals("4", h.read("e/fd.count"), "nothing is pulled past LIMIT");
            assertRepeated(frames.subList(0, 4), 2, h.outputBytes(0));
        }
    }

    @Test
    void lastLoopCanHandOutTheStoredPackets() throws Exception {
        List<Frame> frames = Traces.udpFrames(5);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: ReplayUnqueue(STOP 2, FREEONTERMINATE false) -> output;", 0, 1)) {
            int before = PacketPool.inUse();
            runToEnd(h, "e/r");
            assertRepeated(frames, 2, h.outputBytes(0));
            assertEquals(before + 10, PacketPool.inUse(), "5 copies + 5 originals out, none kept");
        }
    }

    @Test
    void severalInputsAreMergedByTimestampAndKeepTheirPorts() throws Exception {
        byte[] x = FrameBuilder.udp().fill(1).build();
        byte[] y = FrameBuilder.tcp().fill(2).build();
        List<Frame> a = List.of(new Frame(10_000, x), new Frame(30_000, x), new Frame(50_000, x));
        List<Frame> b = List.of(new Frame(20_000, y), new Frame(40_000, y), new Frame(60_000, y), new Frame(80_000, y));
        Path fa = Traces.write(dir.resolve("a.pcap"), a);
        Path fb = Traces.write(dir.resolve("b.pcap"), b);
        try (Harness h = Harness.graph("FromDump(" + q(fa) + ") -> [0] r :: ReplayUnqueue(STOP 1); FromDump(" + q(fb)
                + ") -> [1] r; r [0] -> [0] output; r [1] -> [1] output;", 0, 2)) {
            runToEnd(h, "e/r");
            // 10 20 30 40 50, then input 0 runs dry: loading stops, 60 is dropped.
            assertEquals("5", h.read("e/r.stored"));
            assertEquals(List.of(10_000L, 30_000L, 50_000L), h.output(0).stream().map(Packet::timestampNanos).toList());
            assertEquals(List.of(20_000L, 40_000L), h.output(1).stream().map(Packet::timestampNanos).toList());
        }
    }

    @Test
    void timingKeepsTheSpacing() throws Exception {
        List<Frame> frames = List.of(new Frame(Traces.T0, FrameBuilder.udp().build()),
                new Frame(Traces.T0 + 100_000_000L, FrameBuilder.udp().build()));
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: ReplayUnqueue(STOP 1, TIMING 100) -> output;", 0, 1)) {
            h.runTask("e/r"); // load
            long start = System.nanoTime();
            assertEquals(1, h.runTask("e/r"));
            assertEquals(0, h.runTask("e/r"), "the second packet is due 100 ms later");
            while (h.runTask("e/r") != Task.DONE) {
                Thread.sleep(2);
            }
            assertTrue(System.nanoTime() - start >= 100_000_000L);
            assertEquals(2, h.count(0));
            assertEquals("100", h.read("e/r.timing"));
        }
    }

    @Test
    void handlersPauseAndExtendTheReplay() throws Exception {
        List<Frame> frames = Traces.udpFrames(2);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: ReplayUnqueue(STOP 1, ACTIVE false) -> output;", 0, 1)) {
            assertEquals(0, h.runTask("e/r"));
            assertEquals("false", h.read("e/r.loaded"), "inactive: not even loading");
            h.write("e/r.active", "true");
            h.write("e/r.stop", "3");
            runToEnd(h, "e/r");
            assertEquals(6, h.count(0));
            var e = assertThrows(io.jmill.engine.handler.HandlerException.class, () -> h.write("e/r.stop", "x"));
            assertEquals("stop: expected integer, got 'x'", e.getMessage());
        }
    }

    @Test
    void emptyInputFinishesAtOnce() throws Exception {
        Path in = Traces.write(dir.resolve("in.pcap"), List.of());
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: ReplayUnqueue -> output;", 0, 1)) {
            ((ReplayUnqueue) h.router().element("e/r")).setLog(new java.io.PrintStream(new java.io.ByteArrayOutputStream()));
            runToEnd(h, "e/r");
            assertEquals(0, h.count(0));
            assertEquals("e/r: nothing to replay", h.router().stopReason());
        }
    }

    @Test
    void poolExhaustionWaitsInsteadOfSkipping() throws Exception {
        List<Frame> frames = Traces.udpFrames(3);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: ReplayUnqueue(STOP 2) -> output;", 0, 1)) {
            h.runTask("e/r"); // load
            List<Packet> hog = new ArrayList<>();
            Packet p;
            while ((p = PacketPool.alloc()) != null) {
                hog.add(p);
            }
            try {
                assertEquals(0, h.runTask("e/r"));
            } finally {
                hog.forEach(Packet::kill);
            }
            runToEnd(h, "e/r");
            assertRepeated(frames, 2, h.outputBytes(0));
        }
    }

    @Test
    void unknownKeywordsAreReported() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Traces.router("Idle -> ReplayUnqueue(STOP 1, TIMING_FNT \"x\") -> Discard;"));
        assertTrue(e.errors().getFirst().message().startsWith("unknown keyword 'TIMING_FNT'"), e.errors().toString());
        e = assertThrows(ConfigException.class, () -> Traces.router("Idle -> ReplayUnqueue(BURST 0) -> Discard;"));
        assertEquals("BURST: must be between 1 and 2147483647, got 0", e.errors().getFirst().message());
    }

    // ------------------------------------------------------------------ Replay (pull)

    @Test
    void replayQueuesCopiesForPullingAndStopsOnceTheyAreTaken() throws Exception {
        List<Frame> frames = Traces.udpFrames(6);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: Replay(STOP 2, QUEUE 4) -> output;", 0, 1)) {
            h.runTask("e/r"); // load
            assertEquals(4, h.runTask("e/r"), "QUEUE 4: the queue fills");
            assertEquals(0, h.runTask("e/r"), "full: nothing more");
            int pulled = 0;
            while (pulled < 12) {
                if (h.pull(0) != null) {
                    pulled++;
                } else {
                    assertTrue(h.runTask("e/r") != Task.DONE || pulled == 12);
                }
            }
            assertNull(h.pull(0));
            assertEquals(Task.DONE, h.runTask("e/r"));
            assertTrue(h.router().stopping(), "stopped once the queue was empty");
            assertRepeated(frames, 2, h.outputBytes(0));
        }
    }

    @Test
    void replayDoesNotStopWhileCopiesWait() throws Exception {
        List<Frame> frames = Traces.udpFrames(2);
        Path in = Traces.write(dir.resolve("in.pcap"), frames);
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: Replay(STOP 1) -> output;", 0, 1)) {
            h.runTask("e/r");
            assertEquals(2, h.runTask("e/r"));
            assertEquals(0, h.runTask("e/r"), "finished, but copies wait in the queue");
            assertFalse(h.router().stopping());
            h.pull(0);
            h.pull(0);
            assertEquals(Task.DONE, h.runTask("e/r"));
            assertTrue(h.router().stopping());
        }
        // and copies still queued at close are freed (checked by the harness and noLeaks)
        try (Harness h = Harness.graph("FromDump(" + q(in) + ") -> r :: Replay(STOP 5) -> output;", 0, 1)) {
            h.runTask("e/r");
            h.runTask("e/r");
        }
    }
}
