package io.jmill.engine.router;

import io.jmill.engine.element.Element;
import io.jmill.engine.lang.Location;

/** A connection between built elements: {@code from [fromPort] -> [toPort] to}. */
public record Connection(Element from, int fromPort, Element to, int toPort, Location location) {
    @Override
    public String toString() {
        return from.name() + " [" + fromPort + "] -> [" + toPort + "] " + to.name();
    }
}
