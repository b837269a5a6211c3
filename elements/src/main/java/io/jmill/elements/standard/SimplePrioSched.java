package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Pulls from prioritized inputs.
 *
 * <pre>SimplePrioSched</pre>
 *
 * <p>Each pull pulls from input 0 first; if it has no packet, from input 1, and so on. The first
 * packet found is returned. Input 0 has the highest priority.
 *
 * <p>Also known as {@code PrioSched}: Click's PrioSched also listens to its inputs' empty notifiers to
 * sleep while all are empty; JMill has no notifiers, so both names give this element.
 *
 * <p>Ports: any number of pull inputs, one pull output.
 *
 * <p>Example:
 * <pre>hi :: Queue; lo :: Queue; hi -&gt; [0] s :: SimplePrioSched; lo -&gt; [1] s; s -&gt; Unqueue -&gt; out;</pre>
 *
 * <p>See also: SimpleRoundRobinSched, PullSwitch.
 */
@ElementInfo(ports = "-/1", processing = "l/l", aliases = "PrioSched")
public final class SimplePrioSched extends Element {
    private final int n;

    public SimplePrioSched(ElementConfig c) {
        super(c);
        n = c.ninputs();
    }

    @Override
    public Packet pull(int port) {
        for (int i = 0; i < n; i++) {
            Packet p = input(i);
            if (p != null) {
                return p;
            }
        }
        return null;
    }
}
