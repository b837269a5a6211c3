package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

/**
 * Sends the packet stream to a fixed output.
 *
 * <pre>StaticSwitch(OUTPUT)</pre>
 *
 * <p>Sends every packet to output OUTPUT; a negative OUTPUT (or one past the last output) drops
 * them. Unlike Switch it has no {@code switch} handler, so OUTPUT is a constant of the
 * specialized code.
 *
 * <p>Ports: one input, any number of outputs, push.
 *
 * <p>Example:
 * <pre>src -&gt; s :: StaticSwitch(1); s[0] -&gt; Discard; s[1] -&gt; out;</pre>
 *
 * <p>See also: Switch, StaticPullSwitch.
 */
@ElementInfo(ports = "1/-", processing = "h/h")
public final class StaticSwitch extends Element {
    private final int output;

    public StaticSwitch(ElementConfig c) {
        super(c);
        output = c.args().mandatoryPositional("OUTPUT").integer(-1);
    }

    @Override
    public void push(int port, Packet p) {
        checkedOutput(output, p);
    }
}
