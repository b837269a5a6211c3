package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Passes packets unchanged.
 *
 * <pre>Null</pre>
 *
 * <p>Responds to each pushed packet by pushing it unchanged out of its output, and to each pull by
 * pulling a packet from its input and returning it unchanged.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>src -&gt; Null -&gt; sink;</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Null extends SimpleElement {
    public Null(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        return p;
    }
}
