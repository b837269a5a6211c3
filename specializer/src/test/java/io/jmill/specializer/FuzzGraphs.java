package io.jmill.specializer;

import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The graph each library element class is fuzzed in: its graph of the library-wide differential
 * test (its typical configuration, behind the elements that usually precede it), with the traffic
 * source replaced by {@code $FUZZ}, where the fuzz suites put a source of hostile frames. Classes
 * whose graph takes no traffic from a source get a graph of their own here, or are listed in
 * {@link #NOT_FUZZED} with the reason. Classes are found through the element registry, so a class
 * added to the library is fuzzed as soon as it has a differential-test graph.
 */
public final class FuzzGraphs {
    /** Graphs written for fuzzing (the differential test's graph of these takes no traffic from a source). */
    private static final Map<String, String> OWN = new LinkedHashMap<>();
    /** Classes not fuzzed, and why. */
    public static final Map<String, String> NOT_FUZZED = new LinkedHashMap<>();

    static {
        OWN.put("ARPResponder", "$FUZZ -> x :: ARPResponder(10.1.2.3 02:00:00:00:00:02, 10.0.0.0/8 02:00:00:00:00:01);"
                + " x[0] -> r0 :: RecordAll; x[1] -> r1 :: RecordAll");
        // Like Click's, Strip removes at most the packet's length and Unstrip puts back its full count: a
        // frame shorter than 14 bytes comes out with headroom bytes in front, by definition. Frames of
        // 14 bytes or more, as in a typical configuration, must come out unchanged.
        OWN.put("Unstrip", "$FUZZ -> cl :: Classifier(12/0800, 12/0806, -); cl[2] -> Discard; cl[1] -> Strip(14)"
                + " -> x :: Unstrip(14) -> r :: RecordAll; cl[0] -> Strip(14) -> x");
        OWN.put("IPPrint", "$FUZZ -> cl :: Classifier(12/0800, -); cl[1] -> Discard; cl[0] -> Strip(14) -> CheckIPHeader"
                + " -> x :: IPPrint(FUZZ, OUTFILE $DIR/ipprint.txt) -> r :: RecordAll");
        OWN.put("IPRewriterPatterns", "x :: IPRewriterPatterns(to_world 1.0.0.1 1024-65535# - -);"
                + " $FUZZ -> cl :: Classifier(12/0800, -); cl[1] -> Discard; cl[0] -> Strip(14) -> CheckIPHeader"
                + " -> rw :: IPRewriter(pattern to_world 0 1); rw[0] -> r0 :: RecordAll; rw[1] -> r1 :: RecordAll");

        NOT_FUZZED.put("InfiniteSource", "a source: it takes no packets");
        NOT_FUZZED.put("RatedSource", "a source: it takes no packets");
        NOT_FUZZED.put("FromNIC", "a source: it takes no packets");
        NOT_FUZZED.put("FromDump", "a source: its input is a pcap file (CorruptCaptureTest and FromDumpTest"
                + " feed it damaged ones)");
        NOT_FUZZED.put("FromDevice", "a source: it reads a Linux interface");
        NOT_FUZZED.put("ToDevice", "writes a Linux interface through AF_PACKET: needs a veth pair in a network namespace");
        NOT_FUZZED.put("ToNIC", "writes the simulated NIC's TX ring: needs the NIC's own FromNIC (its frames are not parsed)");
        NOT_FUZZED.put("Replay", "replays what it pulled once its upstream has ended (a FromDump): it copies"
                + " packets without reading them");
        NOT_FUZZED.put("ReplayUnqueue", "replays what it pulled once its upstream has ended (a FromDump): it copies"
                + " packets without reading them");
        NOT_FUZZED.put("TimedSource", "a source: it takes no packets");
        NOT_FUZZED.put("RandomSource", "a source: it takes no packets");
        NOT_FUZZED.put("FastUDPFlows", "a source: it takes no packets");
        NOT_FUZZED.put("TimeFilter", "sorts packets by their timestamp annotation, which generated frames do not vary;"
                + " timefilter.clicktest and LibraryDifferentialTest (over a capture) drive it");
        NOT_FUZZED.put("ARPFaker", "a source: it takes no packets");
        NOT_FUZZED.put("FromIPSummaryDump", "a source: its input is a text file (IPSummaryDumpTest)");
        NOT_FUZZED.put("ICMPPingSource", "sends echo requests on its clock and matches the replies it gets back:"
                + " its output is not a function of the frames (HostIpElementsTest drives it)");
        NOT_FUZZED.put("TimeSortedSched", "pulls from captures (FromDump) in timestamp order: its inputs are pcap"
                + " files, not generated frames");
        NOT_FUZZED.put("KernelTun", "needs CAP_NET_ADMIN and /dev/net/tun: KernelTunTest drives it in a network namespace");
        NOT_FUZZED.put("KernelTap", "needs CAP_NET_ADMIN and /dev/net/tun: KernelTunTest drives it in a network namespace");
        NOT_FUZZED.put("FromHost", "a source: it reads a tap interface (KernelTunTest drives it in a network namespace)");
        NOT_FUZZED.put("ToHost", "writes FromHost's tap interface: needs CAP_NET_ADMIN and /dev/net/tun (KernelTunTest"
                + " drives it in a network namespace)");
        NOT_FUZZED.put("Script", "has no ports");
        NOT_FUZZED.put("DriverManager", "has no ports");
        NOT_FUZZED.put("BlockThread", "has no ports");
    }

    /**
     * Classes whose output depends on the time, not only on the input: fuzzed for exceptions and
     * leaks, but two runs are not expected to output the same.
     */
    public static final Map<String, String> TIMING_DEPENDENT = Map.of(
            "ARPQuerier", "queries an address again once 100 ms of the worker clock have passed",
            "IPGWOptions", "writes the time of day (milliseconds) into timestamp options",
            "IPOutputCombo", "runs IPGWOptions: writes the time of day into timestamp options");

    /** Whether the output of {@code graph} (a key of {@link #graphs()}) depends on the time. */
    public static boolean timingDependent(String graph) {
        return TIMING_DEPENDENT.containsKey(graph.replace(UNCHECKED, ""));
    }

    private FuzzGraphs() {
    }

    /** Each fuzzed class and its graph, with {@code $FUZZ} for the source. */
    public static Map<String, String> graphs() {
        Map<String, String> graphs = new LinkedHashMap<>();
        LibraryDifferentialTest.GRAPHS.forEach((element, config) -> {
            if (NOT_FUZZED.containsKey(element)) {
                return;
            }
            String fuzz = OWN.getOrDefault(element, config.replace("$SRC", "$FUZZ").replace("$FEW", "$FUZZ"));
            if (fuzz.contains("$FUZZ")) {
                graphs.put(element, fuzz);
            }
        });
        OWN.forEach(graphs::putIfAbsent);
        Map<String, String> unchecked = new LinkedHashMap<>();
        graphs.forEach((element, graph) -> {
            String marked = graph.replace("-> CheckIPHeader(14) ->", "-> MarkIPHeader(14) ->")
                    .replace("-> CheckIPHeader ->", "-> MarkIPHeader ->");
            if (!marked.equals(graph)) {
                unchecked.put(element + UNCHECKED, marked);
            }
        });
        graphs.putAll(unchecked);
        return graphs;
    }

    /**
     * Suffix of the variant of a graph in which MarkIPHeader stands for CheckIPHeader: the element
     * then gets IP headers nobody checked (lengths that lie, header lengths under 20, bad versions),
     * as in configurations that trust their input for speed. It must still neither throw nor reach
     * outside the packet.
     */
    public static final String UNCHECKED = " behind MarkIPHeader";

    /** The library classes of the registry (those that are fuzzed and those that are not). */
    public static TreeSet<String> libraryClasses() {
        TreeSet<String> registered = new TreeSet<>();
        for (ElementClass ec : ElementRegistry.load().all()) {
            if (ec.type().getName().startsWith("io.jmill.elements.")) {
                registered.add(ec.name());
            }
        }
        return registered;
    }

    /**
     * {@code graph} with {@code source} (a declaration such as {@code FuzzSource(KEY k)}) for
     * {@code $FUZZ}, and a temporary directory for {@code $DIR}.
     */
    public static String withSource(String graph, String source) {
        return graph.replace("$FUZZ", "src :: " + source).replace("$DIR", Scratch.DIR.toString());
    }

    /** A directory for the files sinks write, deleted when the JVM exits. */
    private static final class Scratch {
        static final Path DIR = create();

        private static Path create() {
            try {
                Path dir = Files.createTempDirectory("jmill-fuzz");
                dir.toFile().deleteOnExit();
                // deleted in the reverse order: the files, then the directory
                dir.resolve("out.pcap").toFile().deleteOnExit();
                dir.resolve("ipprint.txt").toFile().deleteOnExit();
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
