package io.jmill.specializer.control;

import io.jmill.engine.router.Router;
import io.jmill.layout.PacketPool;
import io.jmill.specializer.Routers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Soak under shifting traffic: a router whose traffic mix swings between the two branches of a
 * switch runs under the adaptive controller while the mix changes, in phases that last (the
 * controller must re-specialize for each) and in flips faster than its two-sample hysteresis (it
 * must not follow each). At the end every packet the source sent was counted exactly once on one
 * branch, across every swap; nothing leaked; the generated code was not deoptimized over and
 * over; the heap did not grow.
 *
 * <p>Test-sized by default (a few seconds). Longer: {@code -Djmill.soak.seconds=600} (the phases
 * then repeat until the time is up), as {@code bench/soak} does.
 */
class ShiftingTrafficSoakTest {
    static final String SECONDS_PROPERTY = "jmill.soak.seconds";
    /** Re-sample every 300 ms for 100 ms; a change counts after two samples in a row. */
    private static final AdaptiveController.Options FAST = new AdaptiveController.Options(SpecializeMode.AUTO,
            Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(300),
            Duration.ofMillis(100), 0.10, null);
    /** A flip every this many milliseconds: well inside two re-samples. */
    private static final int FAST_FLIP_MILLIS = 40;

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();

    @Test
    void packetsAreConservedAcrossEverySwapAndTheControllerDoesNotOscillate() throws Exception {
        long seconds = Long.getLong(SECONDS_PROPERTY, 0);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        int inUseBefore = PacketPool.inUse();
        // Paint sets the mix: color 0 -> branch a, 1 -> branch b, 2 -> RoundRobinSwitch: half and half.
        Router r = Routers.build("""
                src :: InfiniteSource(LENGTH 64) -> p :: Paint(0) -> s :: PaintSwitch;
                s [0] -> a :: Counter -> Discard;
                s [1] -> b :: Counter -> Discard;
                s [2] -> rr :: RoundRobinSwitch; rr [0] -> a; rr [1] -> b;
                """);
        int respecializations = 0;
        int phases = 0;
        int flips = 0;
        long heapAfterFirstRound = -1;
        long heapAtEnd;
        try (AdaptiveController c = new AdaptiveController(r, "soak.click", FAST,
                new PrintStream(log, true, StandardCharsets.UTF_8))) {
            r.start(1);
            c.start();
            await(() -> log().contains("speed-up: generic"), "the first specialization");
            do {
                for (String color : new String[] {"1", "2", "0"}) {
                    int before = count(log(), "specialized the profile changed");
                    r.write("p.color", color);
                    phases++;
                    await(() -> count(log(), "specialized the profile changed") > before,
                            "re-specialization for color " + color);
                    respecializations = count(log(), "specialized the profile changed");
                }
                // flips much faster than the hysteresis: a few re-specializations at most, not one per flip
                int before = count(log(), "specialized the profile changed");
                for (int i = 0; i < 1500 / FAST_FLIP_MILLIS; i++) {
                    r.write("p.color", i % 2 == 0 ? "1" : "0");
                    flips++;
                    Thread.sleep(FAST_FLIP_MILLIS);
                }
                int followed = count(log(), "specialized the profile changed") - before;
                assertTrue(followed <= 3, followed + " re-specializations for " + 1500 / FAST_FLIP_MILLIS
                        + " fast flips: the controller oscillates\n" + log());
                r.write("p.color", "0");
                if (System.nanoTime() < end) {
                    // A flip may have left code specialized for color 1: let the controller settle on
                    // 0 before the next round, whose first phase must then be a change.
                    awaitQuiet();
                }
                if (heapAfterFirstRound < 0) {
                    heapAfterFirstRound = usedHeapAfterGc();
                }
            } while (System.nanoTime() < end);
            respecializations = count(log(), "specialized the profile changed");
            r.write("src.active", "false");
            // the last packets drain through whatever code is in place
            awaitSteady(r);
            heapAtEnd = usedHeapAfterGc();
            String jit = c.jitSummary();
            long sent = Long.parseLong(r.read("src.count"));
            long counted = Long.parseLong(r.read("a.count")) + Long.parseLong(r.read("b.count"));
            assertEquals(sent, counted, "every packet counted exactly once on one branch");
            assertEquals(0, r.taskErrors(), "no task threw");
            long deoptimizations = deoptimizations(jit);
            String swaps = r.read(AdaptiveController.SWAPS_HANDLER);
            long swapCount = swaps.lines().count();
            assertTrue(deoptimizations <= 4 * swapCount + 20, deoptimizations
                    + " deoptimizations of generated code for " + swapCount + " swaps: a deoptimization storm");
            System.out.printf("soak: %d s, %d packets, %d phases, %d fast flips, %d re-specializations, %d swaps,"
                            + " JIT %s, heap after the first round %d MB, at the end %d MB%n",
                    Math.max(seconds, 0), sent, phases, flips, respecializations, swapCount, jit,
                    heapAfterFirstRound >> 20, heapAtEnd >> 20);
        } finally {
            r.stopNow("soak over");
            r.close();
        }
        assertEquals(inUseBefore, PacketPool.inUse(), "no packet leaked");
        if (seconds >= 60) {
            assertTrue(heapAtEnd < heapAfterFirstRound + (64 << 20), "the heap grew from " + (heapAfterFirstRound >> 20)
                    + " MB to " + (heapAtEnd >> 20) + " MB");
        }
    }

    private String log() {
        return log.toString(StandardCharsets.UTF_8);
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    /** "N compilations (M by C2), D deoptimizations" -> D. */
    private static long deoptimizations(String summary) {
        String[] words = summary.split("[ ,()]+");
        for (int i = 1; i < words.length; i++) {
            if (words[i].startsWith("deoptimization")) {
                return Long.parseLong(words[i - 1]);
            }
        }
        return 0;
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Waits until the counters stop moving (the source is inactive, the last batch is through). */
    private static void awaitSteady(Router r) throws Exception {
        String last = "";
        for (int i = 0; i < 3000; i++) {
            String now = r.read("src.count") + "/" + r.read("a.count") + "/" + r.read("b.count");
            if (now.equals(last)) {
                return;
            }
            last = now;
            Thread.sleep(20);
        }
        throw new AssertionError("the counters did not settle");
    }

    /** Waits until no re-specialization has happened for 3 s (at most 60 s). */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int seen = count(log(), "specialized the profile changed");
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < TimeUnit.SECONDS.toNanos(3) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            int now = count(log(), "specialized the profile changed");
            if (now != seen) {
                seen = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(10);
        }
    }
}
