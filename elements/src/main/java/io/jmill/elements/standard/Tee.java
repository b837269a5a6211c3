package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Duplicates packets.
 *
 * <pre>Tee([N])</pre>
 *
 * <p>Sends a copy of each incoming packet out of each output. As in Click, outputs 0 to N-2 get
 * copies, made one at a time just before each is pushed, and the last output gets the original
 * packet. Copies are independent: changing one changes no other. Also known as {@code Duplicate}
 * (FastClick's Tee that always makes full copies, which JMill's Tee does anyway).
 *
 * <p>Tee has as many outputs as the configuration connects; N, if given, must equal that number.
 * When the packet pool is exhausted, the copy that cannot be made is not sent and is counted in
 * {@code drops}; the original still goes out of the last output.
 *
 * <p>Ports: one push input, one or more push outputs.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): copies not made because the packet pool was exhausted.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; t :: Tee;  t[0] -&gt; Print(copy) -&gt; Discard;  t[1] -&gt; sink;</pre>
 */
@ElementInfo(ports = "1/1-", processing = "h/h", aliases = "Duplicate")
public final class Tee extends Element implements DropCounter {
    private final int last;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public Tee(ElementConfig c) {
        super(c);
        int n = c.args().positional("N").integer(c.noutputs(), 1, Integer.MAX_VALUE);
        if (n != c.noutputs()) {
            c.args().error("N: " + n + " arms given, but " + c.noutputs() + " output"
                    + (c.noutputs() == 1 ? " is" : "s are") + " connected");
        }
        last = c.noutputs() - 1;
    }

    @Override
    public void push(int port, Packet p) {
        for (int i = 0; i < last; i++) {
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
