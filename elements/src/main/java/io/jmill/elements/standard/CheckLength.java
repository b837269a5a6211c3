package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Sends packets longer than a length elsewhere.
 *
 * <pre>CheckLength(LENGTH)</pre>
 *
 * <p>Passes packets no longer than LENGTH bytes out of output 0; longer ones go out of output 1 if
 * it is connected, else they are dropped.
 *
 * <p>Ports: one input, one or two outputs; agnostic, output 1 push. Pulled, a long packet is sent to
 * output 1 (or dropped) and the pull returns nothing.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code length} (read/write): LENGTH.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; cl :: CheckLength(1500) -&gt; ToDevice(eth0);  cl[1] -&gt; IPFragmenter(1500) -&gt; ...</pre>
 *
 * <p>See also: Truncate, Pad.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckLength extends Element {
    private final State state = new State();

    private static final class State {
        volatile int length;
    }

    public CheckLength(ElementConfig c) {
        super(c);
        state.length = c.args().mandatoryPositional("LENGTH").integer(0, 0, Integer.MAX_VALUE);
    }

    @Override
    public void push(int port, Packet p) {
        if (p.length() <= state.length) {
            output(0, p);
        } else {
            checkedOutput(1, p);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null || p.length() <= state.length) {
            return p;
        }
        checkedOutput(1, p);
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("length", () -> Integer.toString(s.length),
                v -> s.length = HandlerValues.integer("length", v, 0, Integer.MAX_VALUE));
    }
}
