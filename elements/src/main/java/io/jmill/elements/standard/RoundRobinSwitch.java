package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Sends packets to its outputs in turn.
 *
 * <pre>RoundRobinSwitch([MAX])</pre>
 *
 * <p>Pushes the first packet it receives to output 0, the next to output 1, and so on, starting
 * again at output 0 after the last output (or after output MAX-1).
 *
 * <p>Ports: one input, one or more outputs, push.
 *
 * <p>Arguments (FastClick's):
 * <ul>
 * <li>{@code MAX}: integer between 1 and the number of outputs. Cycle over outputs 0 to MAX-1
 *     only. Default: all outputs.</li>
 * </ul>
 * FastClick's {@code SPLITBATCH} is not supported: packets are switched one by one.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code max} (read/write): the MAX setting; written, the cycle restarts at output 0 if the
 *     next output is no longer below it.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>src -&gt; rr :: RoundRobinSwitch;  rr[0] -&gt; q0 :: Queue;  rr[1] -&gt; q1 :: Queue;</pre>
 */
@ElementInfo(ports = "1/1-", processing = "h/h")
public final class RoundRobinSwitch extends Element {
    private final State state = new State();

    private static final class State {
        /** The output the next packet goes to; written by the thread that runs the element. */
        int next;
        volatile int max;
    }

    public RoundRobinSwitch(ElementConfig c) {
        super(c);
        state.max = c.args().positional("MAX").integer(c.noutputs(), 1, Math.max(1, c.noutputs()));
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int i = s.next;
        if (i >= s.max) {
            // MAX was lowered by its handler since the last packet.
            i = 0;
        }
        s.next = i + 1 < s.max ? i + 1 : 0;
        output(i, p);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        int n = noutputs();
        h.readWrite("max", () -> Integer.toString(s.max),
                v -> s.max = HandlerValues.integer("max", v, 1, Math.max(1, n)));
    }
}
