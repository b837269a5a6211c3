package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Sends the packet stream to a settable output.
 *
 * <pre>Switch([OUTPUT])</pre>
 *
 * <p>Sends every packet to output OUTPUT (default 0). A negative OUTPUT drops the packets instead.
 * The {@code switch} handler changes OUTPUT while the router runs; a value past the last output
 * becomes -1, as in Click.
 *
 * <p>Ports: one input, any number of outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code switch} (read/write): OUTPUT.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; s :: Switch(0); s[0] -&gt; a; s[1] -&gt; b;  // later: write s.switch 1</pre>
 *
 * <p>See also: StaticSwitch, PullSwitch, RoundRobinSwitch, HashSwitch, RandomSwitch.
 */
@ElementInfo(ports = "1/-", processing = "h/h")
public final class Switch extends Element {
    private final State state = new State();

    private static final class State {
        volatile int output;
    }

    public Switch(ElementConfig c) {
        super(c);
        state.output = clamp(c.args().positional("OUTPUT").integer(0), c.noutputs());
    }

    private static int clamp(int output, int noutputs) {
        return output < 0 || output >= noutputs ? -1 : output;
    }

    @Override
    public void push(int port, Packet p) {
        checkedOutput(state.output, p);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        int n = noutputs();
        h.readWrite("switch", () -> Integer.toString(s.output),
                v -> s.output = clamp(HandlerValues.integer("switch", v, Integer.MIN_VALUE, Integer.MAX_VALUE), n));
    }
}
