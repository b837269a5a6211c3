package io.jmill.cli;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.specializer.Plan;
import io.jmill.specializer.Specialization;
import io.jmill.specializer.Specializer;
import io.jmill.specializer.backend.GraalBackend;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Graal's installed code lives exactly as long as the specialization it was compiled for, and
 * through the controller's profiling windows, which end with the same specialization.
 */
class GraalBackendGraalTest {
    @Test
    void revertAndRespecializationInvalidateTheInstalledCodeAProfilingWindowKeepsIt() throws Exception {
        assertNull(GraalBackend.unavailableReason(), "this test runs with Graal on the upgrade module path");
        Router router = new RouterBuilder(ElementRegistry.load()).build(ClickParser.parse("t.click", """
                src :: InfiniteSource(LIMIT 10, STOP true) -> c :: Counter -> Discard;
                """, Map.of()));
        try {
            Specializer s = new Specializer(router);
            s.backend("graal");
            Plan plan = s.plan(null);
            assertEquals("Graal", plan.backend());
            Specialization first = s.apply(plan); // not started: installed, runs from the first batch
            assertEquals("Graal", first.backend());
            GraalBackend.Installed code = s.installed();
            assertNotNull(code);
            assertTrue(code.methods().size() >= 1, code.summary());
            assertEquals(code.methods().size(), code.alive(), "installed and entered");

            s.revert();
            assertNull(s.installed());
            assertEquals(0, code.alive(), "revert invalidates Graal's code");

            s.apply(plan);
            GraalBackend.Installed again = s.installed();
            assertEquals(again.methods().size(), again.alive());
            s.apply(plan); // re-specialization: new code in, the previous code out
            assertEquals(0, again.alive(), "re-specialization invalidates the previous code");
            assertEquals(s.installed().methods().size(), s.installed().alive());

            // A profiling window: generic code runs, Graal's code waits for the same plan's return.
            GraalBackend.Installed beforeWindow = s.installed();
            s.suspend();
            assertNull(s.installed(), "generic code in force during the window");
            assertEquals(beforeWindow.methods().size(), beforeWindow.alive(), "kept through the window");
            s.apply(plan);
            assertSame(beforeWindow, s.installed(), "the same plan runs the kept code, not a new compilation");
            s.suspend();
            s.revert(); // a revert during a window drops the kept code too
            assertEquals(0, beforeWindow.alive(), "revert invalidates the kept code");
            s.apply(plan);
            assertNotSame(beforeWindow, s.installed(), "compiled again after a revert");
            s.revert();
        } finally {
            router.close();
        }
    }
}
