package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Forwards pull requests to a settable input.
 *
 * <pre>PullSwitch([INPUT])</pre>
 *
 * <p>On every pull, pulls from input INPUT (default 0) and returns what it gets. A negative INPUT
 * returns nothing. The {@code switch} handler changes INPUT while the router runs; a value past the
 * last input becomes -1, as in Click.
 *
 * <p>Ports: any number of pull inputs, one pull output.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code switch} (read/write): INPUT.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>q0 :: Queue; q1 :: Queue; q0 -&gt; [0] ps :: PullSwitch(1); q1 -&gt; [1] ps; ps -&gt; Unqueue -&gt; out;</pre>
 *
 * <p>See also: StaticPullSwitch, Switch, SimplePrioSched.
 */
@ElementInfo(ports = "-/1", processing = "l/l")
public final class PullSwitch extends Element {
    private final State state = new State();

    private static final class State {
        volatile int input;
    }

    public PullSwitch(ElementConfig c) {
        super(c);
        state.input = clamp(c.args().positional("INPUT").integer(0), c.ninputs());
    }

    private static int clamp(int input, int ninputs) {
        return input < 0 || input >= ninputs ? -1 : input;
    }

    @Override
    public Packet pull(int port) {
        int k = state.input;
        return k < 0 ? null : input(k);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        int n = ninputs();
        h.readWrite("switch", () -> Integer.toString(s.input),
                v -> s.input = clamp(HandlerValues.integer("switch", v, Integer.MIN_VALUE, Integer.MAX_VALUE), n));
    }
}
