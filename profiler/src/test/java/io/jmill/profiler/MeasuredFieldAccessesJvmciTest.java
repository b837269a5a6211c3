package io.jmill.profiler;

import io.jmill.engine.router.Router;
import io.jmill.engine.runtime.ScheduledTask;
import io.jmill.engine.runtime.Task;
import io.jmill.jvmci.Jvmci;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Field accesses measured from HotSpot's branch profiles ({@code --jvmci-profile}) against exact
 * counts, on a graph whose accesses depend on the packets. Runs in a JVM with JVMCI on (the
 * module's {@code jvmci} surefire execution).
 */
class MeasuredFieldAccessesJvmciTest {
    private static final int PACKETS = 200_000;

    @Test
    void measuredCountsMatchExactCountsWhereTheEstimateDoesNot() throws Exception {
        assertNull(Jvmci.unavailableReason(), "this test runs with JVMCI on");
        Router r = Routers.build("""
                src :: InfiniteSource(LIMIT %d, STOP true) -> num :: Numbering -> br :: SequenceBranches -> Discard;
                """.formatted(PACKETS));
        int inUse = PacketPool.inUse();
        try (AutoCloseable cache = PacketPool.attachCurrentThread()) {
            ScheduledTask src = r.tasks().getFirst();
            Profiler profiler = new Profiler(r);
            profiler.measureWithJvmci(true);
            profiler.timeTask(src);
            profiler.start();
            while (src.slot().current().runTask() != Task.DONE) {
                // every packet on this thread
            }
            profiler.stop();
            Profile p = profiler.snapshot();
            Map<String, Profile.FieldAccess> br = fields(p, "br");
            Map<String, Profile.FieldAccess> num = fields(p, "num");
            assertEquals(PACKETS, p.elementPackets("br"));

            // exact counts, from the numbering 0..n-1: see SequenceBranches
            assertClose(PACKETS, num.get("sequence").writes(), "num writes every sequence");
            assertClose(PACKETS, br.get("sequence").reads(), "br reads every sequence");
            assertClose(PACKETS / 4, br.get("paint").writes(), "paint is written when k == 0");
            assertClose(PACKETS / 2, br.get("rss_hash").reads(), "rss_hash is read when k >= 2");
            assertClose(PACKETS * 3 / 2, br.get("flow_id").writes(), "flow_id is written k times");
            for (Profile.FieldAccess f : br.values()) {
                assertTrue(f.measured(), f + " is measured");
            }
            // the estimate, kept next to it, counts each site once per packet
            assertEquals(PACKETS, br.get("paint").estimatedWrites());
            assertEquals(PACKETS, br.get("flow_id").estimatedWrites());
            assertEquals(PACKETS, br.get("rss_hash").estimatedReads());

            // the layout planner orders by what was measured
            Map<String, Long> totals = p.fieldTotals();
            assertTrue(totals.get("flow_id") > totals.get("paint"), totals.toString());

            // measured counts and estimates survive JSON
            Profile again = Profile.fromJson(p.toJson());
            assertEquals(p.fields(), again.fields());
        }
        assertEquals(inUse, PacketPool.inUse(), "no packet leaked");
    }

    private static Map<String, Profile.FieldAccess> fields(Profile p, String element) {
        Map<String, Profile.FieldAccess> m = new TreeMap<>();
        p.fields().stream().filter(f -> f.element().equals(element)).forEach(f -> m.put(f.field(), f));
        return m;
    }

    /** Within 2%: HotSpot's counts cover the profiled phase, whose mix is the run's here. */
    private static void assertClose(long exact, long measured, String what) {
        assertTrue(Math.abs(measured - exact) <= exact * 0.02, what + ": exact " + exact + ", measured " + measured);
    }
}
