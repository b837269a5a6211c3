package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;

/** Test element: all its code and its state come from its superclass, CountingBase. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class CountingSubclass extends CountingBase {
    public CountingSubclass(ElementConfig c) {
        super(c);
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("count", () -> counter[0]);
    }
}
