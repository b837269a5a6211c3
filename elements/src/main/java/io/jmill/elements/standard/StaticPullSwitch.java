package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Forwards pull requests to a fixed input.
 *
 * <pre>StaticPullSwitch(INPUT)</pre>
 *
 * <p>On every pull, pulls from input INPUT and returns what it gets; a negative INPUT (or one past
 * the last input) returns nothing. INPUT cannot change at run time.
 *
 * <p>Ports: any number of pull inputs, one pull output.
 *
 * <p>Example:
 * <pre>q0 -&gt; [0] s :: StaticPullSwitch(0); q1 -&gt; [1] s; s -&gt; Unqueue -&gt; out;</pre>
 *
 * <p>See also: PullSwitch, StaticSwitch.
 */
@ElementInfo(ports = "-/1", processing = "l/l")
public final class StaticPullSwitch extends Element {
    private final int input;

    public StaticPullSwitch(ElementConfig c) {
        super(c);
        int k = c.args().mandatoryPositional("INPUT").integer(-1);
        input = k < c.ninputs() ? k : -1;
    }

    @Override
    public Packet pull(int port) {
        return input < 0 ? null : input(input);
    }
}
