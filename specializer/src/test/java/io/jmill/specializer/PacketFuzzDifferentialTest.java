package io.jmill.specializer;

import io.jmill.engine.element.ElementClass;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.specializer.testelements.FuzzSource;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Shrinkable;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile frames through every fuzzed library class ({@link FuzzGraphs}), generic and specialized
 * on worker threads ({@link DifferentialTest#same}): what the recorders receive and every handler
 * must be identical, no task may throw, nothing may leak. Each class runs {@value #CASES_PROPERTY}
 * cases (default 1) of {@value #FRAMES_PROPERTY} frames (default 200) from a seed derived from its
 * name and {@value #SEED_PROPERTY}; a failing case is shrunk with jqwik's shrinking before it is
 * reported, with the frames as hex for a regression test.
 *
 * <p>Longer runs: {@code -Djmill.fuzz.long=true} (10 cases of 500 frames per class, and the graphs
 * behind MarkIPHeader too), or {@code -Djmill.fuzz.cases=50 -Djmill.fuzz.frames=1000}; another
 * seed with {@code -Djmill.fuzz.seed=N}. Classes whose output depends on the time
 * ({@link FuzzGraphs#TIMING_DEPENDENT}) are fuzzed generic only.
 */
class PacketFuzzDifferentialTest {
    static final String CASES_PROPERTY = "jmill.fuzz.cases";
    static final String FRAMES_PROPERTY = "jmill.fuzz.frames";
    static final String SEED_PROPERTY = "jmill.fuzz.seed";
    /** Also the graphs behind MarkIPHeader ({@link FuzzGraphs#UNCHECKED}), and more cases and frames by default. */
    static final String LONG_PROPERTY = "jmill.fuzz.long";
    /** Failing candidates tried while shrinking, at most. */
    private static final int SHRINK_STEPS = 60;

    private static final Map<String, Integer> FRAMES_RUN = new ConcurrentHashMap<>();

    static List<String> fuzzed() {
        boolean unchecked = Boolean.getBoolean(LONG_PROPERTY);
        return FuzzGraphs.graphs().keySet().stream().filter(c -> !FuzzGraphs.timingDependent(c))
                .filter(c -> unchecked || !c.endsWith(FuzzGraphs.UNCHECKED)).toList();
    }

    @Test
    void everyClassThatTakesPacketsIsFuzzedOrSaysWhyNot() {
        TreeSet<String> library = FuzzGraphs.libraryClasses();
        TreeSet<String> covered = new TreeSet<>();
        FuzzGraphs.graphs().keySet().forEach(c -> covered.add(c.replace(FuzzGraphs.UNCHECKED, "")));
        covered.addAll(FuzzGraphs.NOT_FUZZED.keySet());
        assertEquals(library, covered, "library classes vs the classes fuzzed or explained");
        ElementRegistry registry = ElementRegistry.load();
        for (String name : FuzzGraphs.graphs().keySet()) {
            assertFalse(FuzzGraphs.NOT_FUZZED.containsKey(name), name + " is both fuzzed and not");
        }
        for (String name : FuzzGraphs.NOT_FUZZED.keySet()) {
            ElementClass ec = registry.find(name);
            if (ec.ports().maxInputs() > 0) {
                assertFalse(FuzzGraphs.NOT_FUZZED.get(name).startsWith("a source"), name + " takes packets");
            }
        }
    }

    @Test
    void thePlantedBugsAreCaught() {
        List<byte[]> frames = List.of(new byte[60], new byte[14]);
        FuzzRun.Result zeros = FuzzRun.run("$FUZZ -> x :: PeekPastEnd -> r :: RecordAll", frames, 0x00);
        FuzzRun.Result ones = FuzzRun.run("$FUZZ -> x :: PeekPastEnd -> r :: RecordAll", frames, 0xFF);
        assertFalse(zeros.failed(), zeros.failure());
        assertFalse(zeros.received().equals(ones.received()), "a read past the end changes the output with the poison");
        FuzzRun.Result outside = FuzzRun.run("$FUZZ -> x :: PeekPastEnd(OFFSET 4000) -> r :: RecordAll", frames, 0);
        assertTrue(outside.failed() && outside.failure().contains("IndexOutOfBoundsException"),
                "a read outside the buffer escapes as an exception: " + outside.failure());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fuzzed")
    void genericAndSpecializedAgreeOnHostileFrames(String element) {
        String graph = FuzzGraphs.graphs().get(element);
        boolean long_ = Boolean.getBoolean(LONG_PROPERTY);
        int cases = Integer.getInteger(CASES_PROPERTY, long_ ? 10 : 1);
        int frames = Integer.getInteger(FRAMES_PROPERTY, long_ ? 500 : 200);
        long seed = Long.getLong(SEED_PROPERTY, 13L) * 31 + element.hashCode();
        Random random = new Random(seed);
        // jqwik's generators and shrinkables outside a jqwik property need a session of their own
        JqwikSession.run(() -> {
            RandomGenerator<byte[]> generator = HostileFrames.frames().generator(1000);
            for (int c = 0; c < cases; c++) {
                List<Shrinkable<byte[]>> input = new ArrayList<>();
                for (int i = 0; i < frames; i++) {
                    input.add(generator.next(random));
                }
                String failure = failure(graph, values(input));
                FRAMES_RUN.merge(element, frames, Integer::sum);
                if (failure != null) {
                    List<byte[]> smallest = values(shrink(graph, input));
                    String again = failure(graph, smallest);
                    fail(element + ", seed " + seed + ", case " + c + ": " + failure
                            + (again == null ? "\n(not reproduced by the shrunk frames)" : "\nshrunk: " + again)
                            + "\nshrunk to " + smallest.size() + " frame(s):\n" + FuzzRun.hex(smallest));
                }
            }
        });
    }

    /** The failure of {@code frames} through {@code graph}, generic against specialized, or null. */
    static String failure(String graph, List<byte[]> frames) {
        FuzzSource.offer("diff", frames);
        try {
            DifferentialTest.same(FuzzGraphs.withSource(graph, "FuzzSource(KEY diff, ACTIVE false)"), 1, true);
            return null;
        } catch (AssertionError e) {
            // frames that all get dropped on the way are no failure (same() wants some movement)
            return e.getMessage() != null && e.getMessage().startsWith("the graph moved packets") ? null
                    : FuzzRun.stackTop(e);
        } catch (Exception e) {
            return FuzzRun.stackTop(e);
        }
    }

    private static List<byte[]> values(List<Shrinkable<byte[]>> frames) {
        return frames.stream().map(Shrinkable::value).toList();
    }

    /**
     * A smaller failing input: frames left out in ever smaller chunks while it still fails, then
     * each frame shrunk by jqwik's shrinking of its generator (shorter, fewer mutations, simpler
     * values); at most {@value #SHRINK_STEPS} runs.
     */
    private static List<Shrinkable<byte[]>> shrink(String graph, List<Shrinkable<byte[]>> failing) {
        List<Shrinkable<byte[]>> best = new ArrayList<>(failing);
        int steps = 0;
        for (int chunk = best.size() / 2; chunk >= 1 && steps < SHRINK_STEPS; chunk /= 2) {
            for (int from = 0; from < best.size() && best.size() > 1 && steps < SHRINK_STEPS; ) {
                List<Shrinkable<byte[]>> candidate = new ArrayList<>(best.subList(0, from));
                candidate.addAll(best.subList(Math.min(best.size(), from + chunk), best.size()));
                steps++;
                if (!candidate.isEmpty() && failure(graph, values(candidate)) != null) {
                    best = candidate;
                } else {
                    from += chunk;
                }
            }
        }
        for (int i = 0; i < best.size() && steps < SHRINK_STEPS; i++) {
            boolean smaller = true;
            while (smaller && steps < SHRINK_STEPS) {
                smaller = false;
                Iterator<Shrinkable<byte[]>> candidates = best.get(i).shrink().iterator();
                for (int tried = 0; tried < 8 && candidates.hasNext() && steps < SHRINK_STEPS; tried++) {
                    List<Shrinkable<byte[]>> candidate = new ArrayList<>(best);
                    candidate.set(i, candidates.next());
                    steps++;
                    if (failure(graph, values(candidate)) != null) {
                        best = candidate;
                        smaller = true;
                        break;
                    }
                }
            }
        }
        return best;
    }

    @AfterAll
    static void report() {
        if (!FRAMES_RUN.isEmpty()) {
            System.out.println("packet fuzzing, generic vs specialized: frames per class " + new TreeMap<>(FRAMES_RUN));
        }
    }
}
