package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

import java.util.function.IntConsumer;

/** Deliberately bad: its push method creates a lambda. */
@ElementInfo(ports = "1/1", processing = "h/h")
public final class BadLambda extends Element {
    public BadLambda(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        IntConsumer paint = p::setPaint;
        IntConsumer forward = k -> output(k, p);
        paint.accept(1);
        forward.accept(0);
    }
}
