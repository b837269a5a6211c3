package io.jmill.profiler;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;

import java.util.Map;

/** Builds test routers from configuration text. */
final class Routers {
    private Routers() {
    }

    static Router build(String config) throws Exception {
        return new RouterBuilder(Harness.registry().register(PaintSwitch.class).register(Numbering.class).register(SequenceBranches.class))
                .build(ClickParser.parse("test.click", config, Map.of()));
    }
}
