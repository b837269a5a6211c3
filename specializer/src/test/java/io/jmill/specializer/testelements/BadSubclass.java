package io.jmill.specializer.testelements;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/** Deliberately bad: its superclass declares a non-final instance field. */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class BadSubclass extends BadBase {
    public BadSubclass(ElementConfig c) {
        super(c);
    }
}
