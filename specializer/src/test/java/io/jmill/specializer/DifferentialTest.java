package io.jmill.specializer;

import io.jmill.engine.element.Element;
import io.jmill.engine.handler.Handler;
import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.testelements.IPTrafficSource;
import io.jmill.specializer.testelements.Record;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same graphs, on the same deterministic input, run generic and specialized on worker threads:
 * what each sink receives (bytes, paint, order), and every handler value, must be identical.
 * Sources start inactive; the specialized run swaps the code in before activating them, so that
 * every packet goes through specialized code.
 */
class DifferentialTest {
    private static final String SOURCE = "NumberedSource(LIMIT 3000, ACTIVE false)";

    /** What a run produced: each Record's packets and every readable handler's value. */
    record Outcome(Map<String, List<String>> received, Map<String, String> handlers) {
    }

    @Test
    void linearChain() throws Exception {
        same("src :: " + SOURCE + " -> c :: Counter -> p :: Paint(7) -> pr :: Probe -> s :: Strip(14)"
                + " -> u :: Unstrip(14) -> n :: Null -> pb :: PaintByNumber(4) -> r :: Record", 1);
    }

    @Test
    void handlerCallFromSpecializedCode() throws Exception {
        // The counter stops the router from inside the data path; the batch in progress completes.
        Outcome o = same("src :: " + SOURCE + " -> c :: Counter(COUNT_CALL 2000 stop) -> pr :: Probe -> r :: Record", 1);
        assertEquals("2016", o.handlers().get("c.count"));
    }

    @Test
    void teeFanOut() throws Exception {
        same("src :: " + SOURCE + " -> t :: Tee(3); t[0] -> Paint(1) -> r0 :: Record;"
                + " t[1] -> Strip(10) -> pr :: Probe -> r1 :: Record; t[2] -> r2 :: Record", 1);
    }

    @Test
    void switchWithComputedPorts() throws Exception {
        same("src :: " + SOURCE + " -> pb :: PaintByNumber(4) -> sw :: PaintSwitch;"
                + " sw[0] -> r0 :: Record; sw[1] -> pr :: Probe -> r1 :: Record;"
                + " sw[2] -> ps :: ParitySwitch; ps[0] -> r2 :: Record; ps[1] -> d :: Discard", 1);
        // paint 3 has no output: PaintSwitch's checkedOutput drops it in both runs (counted by nobody)
    }

    @Test
    void cycleCallsTheGenericElementOnItsBackEdge() throws Exception {
        // Packets painted 1 are repainted 0 and go round once more: through the generic PaintSwitch,
        // which calls the generic elements after it.
        Outcome o = same("src :: " + SOURCE + " -> pb :: PaintByNumber(2) -> ps :: PaintSwitch;"
                + " ps[0] -> pr :: Probe -> r :: Record; ps[1] -> p :: Paint(0) -> ps", 1, false);
        assertEquals("1500", o.handlers().get("pr.specialized"));
        assertEquals("1500", o.handlers().get("pr.generic"));
    }

    @Test
    void queueAndUnqueuePullPath() throws Exception {
        same("src :: " + SOURCE + " -> q :: Queue(100000) -> u :: Unqueue -> c :: Counter -> pr :: Probe"
                + " -> r :: Record", 1);
    }

    @Test
    void pullingDiscardTask() throws Exception {
        Outcome o = same("src :: " + SOURCE + " -> Paint(2) -> q :: Queue(100000) -> s :: Strip(1) -> d :: Discard", 1);
        assertEquals("3000", o.handlers().get("d.count"));
    }

    @Test
    void compoundElementsWithFlattenedNames() throws Exception {
        Outcome o = same("elementclass Stage { input -> c :: Counter -> Paint(5) -> pr :: Probe -> output }"
                + " src :: " + SOURCE + " -> a :: Stage -> b :: Stage -> r :: Record", 1);
        assertEquals("3000", o.handlers().get("a/c.count"));
        assertEquals("3000", o.handlers().get("b/pr.specialized"));
    }

    @Test
    void severalThreads() throws Exception {
        same("a :: " + SOURCE + " -> ca :: Counter -> pa :: Probe -> ra :: Record;"
                + " b :: NumberedSource(LIMIT 3000, LENGTH 100, ACTIVE false) -> Strip(4) -> q :: Queue(100000)"
                + " -> u :: Unqueue -> cb :: Counter -> pb :: Probe -> rb :: Record", 3);
    }

    // ------------------------------------------------------------------ flattened class chains

    private static final String IP_SOURCE = "IPTrafficSource(LIMIT 3000, ACTIVE false)";

    @Test
    void templateMethodHierarchyWithAFieldNameClash() throws Exception {
        // TemplateBase's final push calls TemplateSwitch's choose; stamp writes both 'port' fields,
        // one of each primitive type, and a value from a private static helper of the superclass.
        Outcome o = same("src :: " + SOURCE + " -> t :: TemplateSwitch(PORT 33, MODULUS 4);"
                + " t[0] -> pr :: Probe -> r0 :: Record; t[1] -> r1 :: Record", 1);
        assertEquals("[750, 750, 1500]", o.handlers().get("t.counts"));
        String first = o.received().get("r0").getFirst();
        // paint:bytes; bytes 4 (superclass's port 11), 5 (its primitives), 6-7 (mix(8) = 255), 9 (subclass's port 33)
        assertEquals("0b", first.substring(first.indexOf(':') + 1).substring(8, 10), first);
        assertEquals("6a", first.substring(first.indexOf(':') + 1).substring(10, 12), first);
        assertEquals("00ff", first.substring(first.indexOf(':') + 1).substring(12, 16), first);
        assertEquals("21", first.substring(first.indexOf(':') + 1).substring(18, 20), first);
    }

    @Test
    void stateInheritedFromASimpleElementSubclass() throws Exception {
        Outcome o = same("src :: " + SOURCE + " -> c :: CountingSubclass -> pr :: Probe -> r :: Record", 1);
        assertEquals("3000", o.handlers().get("c.count"));
    }

    @Test
    void classifier() throws Exception {
        Outcome o = same("src :: " + IP_SOURCE + " -> c :: Classifier(12/0800, -); c[0] -> r0 :: Record;"
                + " c[1] -> pr :: Probe -> r1 :: Record", 1);
        assertEquals("0 2728\n1 272\nnomatch 0\n", o.handlers().get("c.hits"));
    }

    @Test
    void ipFilterAndRadixIPLookup() throws Exception {
        Outcome o = same("src :: " + IP_SOURCE + " -> c :: Classifier(12/0806 20/0001, 12/0800, -);"
                + " c[0] -> arp :: Record; c[2] -> other :: Record;"
                + " c[1] -> Strip(14) -> chk :: CheckIPHeader -> f :: IPFilter(drop dst net 10.9.0.0/16, allow tcp,"
                + " 1 udp port 53 or udp port 7, 2 icmp type echo, deny all);"
                + " f[0] -> GetIPAddress(16) -> rt :: RadixIPLookup(10.1.0.0/16 0, 10.2.0.0/24 10.100.0.1 1,"
                + " 192.168.0.0/16 2, 172.16.0.0/12 10.100.0.9 1);"
                + " f[1] -> pr :: Probe -> udp :: Record; f[2] -> icmp :: Record;"
                + " rt[0] -> r0 :: Record; rt[1] -> r1 :: Record; rt[2] -> r2 :: Record", 1);
        assertTrue(Long.parseLong(o.handlers().get("rt.drops")) > 0, "some addresses have no route");
        assertTrue(Long.parseLong(o.handlers().get("f.drops")) > 0, "the filter dropped some");
        assertTrue(Long.parseLong(o.handlers().get("chk.drops")) > 0, "bad checksums were dropped");
        assertFalse(o.received().get("r1").isEmpty(), "gateway routes used");
    }

    @Test
    void ipClassifierAndTheOtherRouteLookups() throws Exception {
        Outcome o = same("src :: " + IP_SOURCE + " -> c :: Classifier(12/0800, -); c[1] -> Discard;"
                + " c[0] -> Strip(14) -> chk :: CheckIPHeader -> GetIPAddress(16)"
                + " -> ipc :: IPClassifier(tcp, udp, icmp, -);"
                + " ipc[0] -> d :: DirectIPLookup(10.1.0.0/16 0, 10.2.0.0/24 10.100.0.1 1, 0.0.0.0/0 10.100.0.2 2);"
                + " ipc[1] -> l :: LinearIPLookup(10.1.0.0/16 0, 192.168.1.0/24 1, 10.9.0.0/16 10.100.0.3 2);"
                + " ipc[2] -> s :: StaticIPLookup(10.0.0.0/8 0, 172.16.0.1/32 10.100.0.4 1);"
                + " ipc[3] -> pr :: Probe -> rest :: Record;"
                + " d[0] -> d0 :: Record; d[1] -> d1 :: Record; d[2] -> d2 :: Record;"
                + " l[0] -> l0 :: Record; l[1] -> l1 :: Record; l[2] -> l2 :: Record;"
                + " s[0] -> s0 :: Record; s[1] -> s1 :: Record", 1);
        assertTrue(Long.parseLong(o.handlers().get("l.drops")) > 0, "LinearIPLookup without a default route");
        assertTrue(Long.parseLong(o.handlers().get("s.drops")) > 0, "StaticIPLookup without a default route");
        assertFalse(o.received().get("d2").isEmpty(), "DirectIPLookup's default route");
    }

    @Test
    void fromDumpReplayingACapture(@TempDir Path dir) throws Exception {
        // FromDump's task and state come partly from its package-private superclass ReplayBase.
        Path pcap = dir.resolve("in.pcap");
        writePcap(pcap, 700);
        Outcome o = same("src :: FromDump(" + pcap + ", STOP true, ACTIVE false) -> c :: Classifier(12/0800, -);"
                + " c[0] -> pr :: Probe -> r0 :: Record; c[1] -> r1 :: Record", 1);
        assertEquals("700", o.handlers().get("src.count"));
        assertEquals(700, o.received().get("r0").size() + o.received().get("r1").size());
    }

    /** A pcap file (Ethernet) of IPTrafficSource's first {@code n} frames. */
    static void writePcap(Path file, int n) throws java.io.IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24 + n * (16 + 128)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        for (int i = 0; i < n; i++) {
            byte[] f = IPTrafficSource.frame(i);
            b.putInt(1_000 + i).putInt(i * 10).putInt(f.length).putInt(f.length).put(f);
        }
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(b.array(), b.position()));
    }

    /**
     * Runs {@code config} generic, then specialized; asserts identical outcomes (and, if
     * {@code allSpecialized}, that every Probe saw only specialized calls); returns the specialized one.
     */
    private static Outcome same(String config, int threads) throws Exception {
        return same(config, threads, true);
    }

    static Outcome same(String config, int threads, boolean allSpecialized) throws Exception {
        Outcome generic = run(config, threads, false);
        Outcome specialized = run(config, threads, true);
        assertFalse(generic.received().values().stream().allMatch(List::isEmpty)
                && !generic.handlers().containsKey("d.count"), "the graph moved packets");
        assertEquals(generic.received(), specialized.received(), "packets received by each sink");
        Map<String, String> g = new TreeMap<>(generic.handlers());
        Map<String, String> s = new TreeMap<>(specialized.handlers());
        // Probes count differently by design: all generic, or all specialized. A queue's high-water
        // mark depends on thread timing, not on the code, and so does an elapsed time (AverageCounter's)
        // and how often a task ran before it found work (RatedUnqueue's calls), and ProgressBar's line,
        // which shows the time elapsed, and the delays an element named lat (a TimestampDiff) measured.
        g.keySet().removeIf(DifferentialTest::timingDependent);
        s.keySet().removeIf(DifferentialTest::timingDependent);
        // A flow table's remaining lifetimes ("exp300") count down with the clock between the last
        // packet and the read, which a loaded machine stretches past a second.
        g.replaceAll((k, v) -> v.replaceAll("\\bexp\\d+", "exp*"));
        s.replaceAll((k, v) -> v.replaceAll("\\bexp\\d+", "exp*"));
        assertEquals(g, s, "handler values");
        specialized.handlers().forEach((k, v) -> {
            if (allSpecialized && k.endsWith(".generic")) {
                assertEquals("0", v, k + ": every packet went through specialized code");
            }
        });
        return specialized;
    }

    private static boolean timingDependent(String handler) {
        return handler.contains("pr.") || handler.contains("pa.") || handler.contains("pb.")
                || handler.contains("highwater") || handler.endsWith(".time")
                || handler.endsWith(".calls") || handler.endsWith(".line") || handler.startsWith("lat.");
    }

    private static Outcome run(String config, int threads, boolean specialize) throws Exception {
        int before = PacketPool.inUse();
        Router r = Routers.build(config);
        Specializer specializer = new Specializer(r);
        try {
            r.start(threads);
            if (specialize) {
                Specialization s = specializer.apply(specializer.plan(null));
                assertEquals(r.elements().size(), s.specializedElements().size(), s.decisions().toString());
                assertEquals(Specializer.State.SPECIALIZED, specializer.state());
            }
            for (Element e : r.elements()) {
                if (e instanceof TrafficSource) {
                    r.write(e.name() + ".active", "true");
                }
            }
            assertTrue(r.awaitStop(30, SECONDS), "end of input, or a stop");
            assertEquals(0, r.taskErrors(), "no task threw: " + r.firstTaskError());
        } finally {
            r.close();
        }
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
        Map<String, List<String>> received = new TreeMap<>();
        Map<String, String> handlers = new TreeMap<>();
        for (Element e : r.elements()) {
            if (e instanceof Record rec) {
                received.put(e.name(), rec.recorded());
            } else if (e instanceof io.jmill.specializer.testelements.RecordAll rec) {
                received.put(e.name(), rec.recorded());
            }
            for (Handler h : r.handlers(e).all()) {
                if (h.readable() && !h.name().contains("rate")) {
                    handlers.put(e.name() + "." + h.name(), h.read(""));
                }
            }
        }
        return new Outcome(received, handlers);
    }
}
