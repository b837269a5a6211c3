package io.jmill.engine.testing;

import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The allocation counter that the no-allocation tests rely on measures, and refuses to when it cannot. */
class AllocatedBytesTest {
    private static volatile Object keep;

    @Test
    void measuresAKnownAllocation() {
        long bytes = AllocatedBytes.during(() -> keep = new long[100_000]);
        assertTrue(bytes >= 800_000 && bytes < 900_000, bytes + " bytes for a long[100000]");
        assertTrue(AllocatedBytes.during(() -> { }) < 1024, "nothing allocated, almost nothing counted");
    }

    @Test
    void failsInsteadOfMeasuringNothingWhenCountingIsOff() {
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        mx.setThreadAllocatedMemoryEnabled(false);
        try {
            AssertionError e = assertThrows(AssertionError.class, () -> AllocatedBytes.during(() -> { }));
            assertEquals("per-thread allocation counting is switched off on this JVM: allocation tests cannot measure"
                    + " anything", e.getMessage());
        } finally {
            mx.setThreadAllocatedMemoryEnabled(true);
        }
        AllocatedBytes.assertCounting();
    }
}
