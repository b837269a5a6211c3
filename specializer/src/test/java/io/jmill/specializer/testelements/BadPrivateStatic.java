package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/** Deliberately bad: its superclass's data-plane code uses a private static field the copy cannot reach. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class BadPrivateStatic extends BadPrivateStaticBase {
    public BadPrivateStatic(ElementConfig c) {
        super(c);
    }
}
