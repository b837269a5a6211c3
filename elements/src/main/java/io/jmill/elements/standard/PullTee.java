package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Duplicates pulled packets.
 *
 * <pre>PullTee([N])</pre>
 *
 * <p>Returns each packet pulled from its input out of output 0, and pushes a copy out of each of
 * outputs 1 to N-1. N, if given, must equal the number of outputs connected.
 *
 * <p>Ports: one pull input; output 0 pull, the others push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): copies not made because the packet pool was exhausted.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>q :: Queue -&gt; pt :: PullTee -&gt; Unqueue -&gt; out;  pt[1] -&gt; ToDump(copy.pcap);</pre>
 *
 * <p>See also: Tee.
 */
@ElementInfo(ports = "1/1-", processing = "l/lh")
public final class PullTee extends Element implements DropCounter {
    private final int n;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public PullTee(ElementConfig c) {
        super(c);
        int k = c.args().positional("N").integer(c.noutputs(), 1, Integer.MAX_VALUE);
        if (k != c.noutputs()) {
            c.args().error("N: " + k + " arms given, but " + c.noutputs() + " output"
                    + (c.noutputs() == 1 ? " is" : "s are") + " connected");
        }
        n = c.noutputs();
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null) {
            return null;
        }
        for (int i = 1; i < n; i++) {
            Packet q = p.clone();
            if (q == null) {
                state.drops++;
            } else {
                output(i, q);
            }
        }
        return p;
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
