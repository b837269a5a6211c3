package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Pulls from its inputs in turn.
 *
 * <pre>SimpleRoundRobinSched</pre>
 *
 * <p>Each pull tries the inputs in round-robin order, starting with the one after the input that
 * gave the last packet, and returns the first packet found.
 *
 * <p>Also known as {@code RoundRobinSched}: Click's RoundRobinSched also listens to its inputs'
 * empty notifiers to sleep while all are empty; JMill has no notifiers, so both names give this
 * element.
 *
 * <p>Ports: any number of pull inputs, one pull output.
 *
 * <p>Example:
 * <pre>a :: Queue; b :: Queue; a -&gt; [0] s :: SimpleRoundRobinSched; b -&gt; [1] s; s -&gt; Unqueue -&gt; out;</pre>
 *
 * <p>See also: SimplePrioSched, RoundRobinSwitch.
 */
@ElementInfo(ports = "-/1", processing = "l/l", aliases = "RoundRobinSched")
public final class SimpleRoundRobinSched extends Element {
    private final int n;
    private final State state = new State();

    private static final class State {
        int next;
    }

    public SimpleRoundRobinSched(ElementConfig c) {
        super(c);
        n = c.ninputs();
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        int k = s.next;
        for (int tried = 0; tried < n; tried++) {
            Packet p = input(k);
            k = k + 1 == n ? 0 : k + 1;
            if (p != null) {
                s.next = k;
                return p;
            }
        }
        return null;
    }
}
