package io.jmill.specializer;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property-based packet fuzzing of every library element class that takes packets, generic code,
 * on the calling thread (the suites run with {@code -Djmill.checkBounds=true}). Each try
 * generates a list of hostile frames ({@link HostileFrames}) and runs it through the fuzz graph of
 * every class ({@link FuzzGraphs}) twice, once with the bytes around each frame set to 0x00 and
 * once to 0xff. For every class and try: no exception escapes, every packet goes back to the
 * pool, and both runs output the same packets (an element whose output depends on the bytes
 * around a packet reads past its end, or before its start). jqwik shrinks a failing list of frames
 * to a small one, which becomes a case of {@link PacketFuzzRegressionTest}.
 *
 * <p>Tries: {@code jqwik.tries.default} in {@code junit-platform.properties} (small, for the
 * suite); a longer run sets it on the command line, e.g.
 * {@code mvn -o verify -pl specializer -am -Djqwik.tries.default=2000 -Dtest=PacketFuzzPropertyTest
 * -Dsurefire.failIfNoSpecifiedTests=false}. The cases run per class are printed at the end.
 */
class PacketFuzzPropertyTest {
    private static final Map<String, String> GRAPHS = FuzzGraphs.graphs();
    /** Frames each class received, per class, over all tries of this run. */
    private static final Map<String, LongAdder> FRAMES = new ConcurrentHashMap<>();
    private static final LongAdder CASES = new LongAdder();

    @Property
    void noEscapeNoLeakNoReadOutsideThePacket(@ForAll("frames") List<byte[]> frames) {
        CASES.increment();
        List<String> failures = new ArrayList<>();
        GRAPHS.forEach((element, graph) -> {
            FuzzRun.Result zeros = FuzzRun.run(graph, frames, 0x00);
            FuzzRun.Result ones = zeros.failed() ? zeros : FuzzRun.run(graph, frames, 0xFF);
            FRAMES.computeIfAbsent(element, k -> new LongAdder()).add(frames.size());
            if (ones.failed()) {
                failures.add(element + ": " + ones.failure());
            } else if (!FuzzGraphs.timingDependent(element) && !zeros.received().equals(ones.received())) {
                failures.add(element + ": the output depends on the bytes outside the packets: "
                        + firstDifference(zeros.received(), ones.received()));
            }
        });
        assertTrue(failures.isEmpty(), String.join("\n", failures) + "\nframes:\n" + FuzzRun.hex(frames));
    }

    @Provide
    Arbitrary<List<byte[]>> frames() {
        return HostileFrames.frameLists(64);
    }

    private static String firstDifference(Map<String, List<String>> a, Map<String, List<String>> b) {
        for (String sink : a.keySet()) {
            List<String> x = a.get(sink);
            List<String> y = b.getOrDefault(sink, List.of());
            for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
                String u = i < x.size() ? x.get(i) : "(none)";
                String v = i < y.size() ? y.get(i) : "(none)";
                if (!u.equals(v)) {
                    return sink + " packet " + i + ":\n  poison 00: " + u + "\n  poison ff: " + v;
                }
            }
        }
        return "recorders differ";
    }

    @AfterContainer
    static void report() {
        if (CASES.sum() == 0) {
            return;
        }
        Map<String, Long> perClass = new TreeMap<>();
        FRAMES.forEach((k, v) -> perClass.put(k, v.sum()));
        System.out.println("packet fuzzing, generic: " + CASES.sum() + " tries, " + perClass.size()
                + " classes, frames per class " + perClass);
        assertEquals(GRAPHS.size(), perClass.size(), "every fuzzed class ran");
    }
}
