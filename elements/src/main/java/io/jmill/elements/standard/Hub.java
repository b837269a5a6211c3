package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Duplicates packets like an Ethernet hub.
 *
 * <pre>Hub</pre>
 *
 * <p>A packet that arrives on input N goes out of every output but output N, in increasing order
 * of output: copies to all of them but the last, and the original to the last. A Hub has as many
 * inputs as outputs. A packet arriving on the only port of a one-port Hub is dropped (there is no
 * other port to send it to).
 *
 * <p>When the packet pool is exhausted, the copy that cannot be made is not sent and is counted in
 * {@code drops}.
 *
 * <p>Ports: any number of push inputs, as many push outputs.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): copies not made because the packet pool was exhausted.</li>
 * </ul>
 *
 * <p>Example: three links on one segment.
 * <pre>a -&gt; [0]h :: Hub[0] -&gt; a2;  b -&gt; [1]h[1] -&gt; b2;  c -&gt; [2]h[2] -&gt; c2;</pre>
 *
 * <p>See also: Tee.
 */
@ElementInfo(ports = "1-/=", processing = "h/h")
public final class Hub extends Element implements DropCounter {
    private final int ports;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public Hub(ElementConfig c) {
        super(c);
        ports = c.noutputs();
    }

    @Override
    public void push(int port, Packet p) {
        int last = port == ports - 1 ? ports - 2 : ports - 1;
        if (last < 0) {
            p.kill();
            return;
        }
        for (int i = 0; i < last; i++) {
            if (i == port) {
                continue;
            }
            Packet q = p.clone();
            if (q != null) {
                output(i, q);
            } else {
                state.drops++;
            }
        }
        output(last, p);
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
