package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Discards packets and never emits any.
 *
 * <pre>Idle</pre>
 *
 * <p>Has any number of agnostic inputs and any number of agnostic outputs. It never pushes a
 * packet to an output nor pulls one from an input: pulled, it returns nothing; pushed to, it frees
 * the packet. Use it to close ports that a configuration does not use, avoiding "not connected"
 * errors.
 *
 * <p>Ports: any number of inputs and outputs, agnostic.
 *
 * <p>Example:
 * <pre>c :: Classifier(12/0806, -);  c[0] -&gt; arp;  c[1] -&gt; Idle;</pre>
 */
@ElementInfo(ports = "-/-", processing = "a/a")
public final class Idle extends Element {
    public Idle(ElementConfig c) {
        super(c);
    }

    @Override
    public void push(int port, Packet p) {
        p.kill();
    }

    @Override
    public Packet pull(int port) {
        return null;
    }
}
