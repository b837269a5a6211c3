package io.jmill.bench.suite;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The performance regression check, as CI runs it: examples/router.click, generic and specialized
 * interleaved in one JVM; specialized must beat generic by {@link SpeedCheck#MARGIN}.
 */
class SpeedCheckTest {

    static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/router.click"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/router.click above " + Path.of("").toAbsolutePath());
    }

    @Test
    void specializedRouterIsFasterThanGenericByTheMargin() {
        Nf.Config router = Nfs.find("router").locate(examples());
        assertNotNull(router);
        assertTrue(router.origin().endsWith("examples/router.click"), router.origin());
        SpeedCheck.Result r = SpeedCheck.run(router);
        System.err.println(r.summary() + "\n  " + r.epochs());
        assertNull(r.error(), r.summary());
        assertEquals(SpeedCheck.PAIRS, r.generic().size());
        assertTrue(r.passed(), r.summary() + "\n  " + r.epochs());
        assertEquals(r.elements(), r.specializedElements(), "every element specialized: " + r.summary());
    }

    @Test
    void theVerdictIsTheRatioOfTheMedians() {
        SpeedCheck.Result fast = new SpeedCheck.Result("t", List.of(10.0, 11.0, 30.0), List.of(16.0, 1.0, 17.0), 3, 3, null);
        assertEquals(11.0, fast.genericMpps());
        assertEquals(16.0, fast.specializedMpps());
        assertTrue(fast.passed(), fast.summary());
        SpeedCheck.Result slow = new SpeedCheck.Result("t", List.of(10.0, 10.0), List.of(11.0, 12.6), 3, 3, null);
        assertEquals(1.18, slow.ratio(), 1e-9);
        assertTrue(!slow.passed() && slow.summary().contains("FAILED: below x1.25"), slow.summary());
        assertTrue(!SpeedCheck.Result.failed("t", "boom").passed());
    }
}
