package io.jmill.elements.control;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProgressBarTest {

    @Test
    void barFollowsThePositionHandler() throws Exception {
        Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("t",
                "src :: InfiniteSource(LIMIT 100, ACTIVE false) -> c :: Counter -> Discard;"
                        + " pb :: ProgressBar(c.count, src.limit, ACTIVE false, BANNER 'run ');"
                        + " known :: ProgressBar(c.count c.count, FIXED_SIZE 400, ACTIVE false);"
                        + " unknown :: ProgressBar(c.count, src.config, ACTIVE false);", Map.of()));
        try {
            assertTrue(r.read("pb.line").startsWith("run    0% |                              |     0B"), r.read("pb.line"));
            for (int i = 0; i < 25; i++) {
                ((io.jmill.engine.runtime.Task) r.element("src")).runTask();
            }
            r.write("src.active", "true");
            ((io.jmill.engine.runtime.Task) r.element("src")).runTask();
            long n = Long.parseLong(r.read("c.count"));
            assertEquals(32, n);
            assertTrue(r.read("pb.line").startsWith("run   32% |**********                    |    32B"), r.read("pb.line"));
            assertTrue(r.read("known.line").startsWith("  16% |*****"), "two handlers added: " + r.read("known.line"));
            assertTrue(r.read("unknown.line").contains("|***"), "no size: a moving marker: " + r.read("unknown.line"));
            assertTrue(r.read("unknown.line").endsWith("--:-- ETA"), r.read("unknown.line"));
        } finally {
            r.close();
        }
    }
}
