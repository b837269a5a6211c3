package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Deliberately bad: passes itself to a method that expects its own class. A copy is not an
 * instance of that class, so its definition fails verification.
 */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class BadSelf extends Element {
    public BadSelf(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        forward(this, p);
    }

    private static void forward(BadSelf self, Packet p) {
        self.output(0, p);
    }
}
