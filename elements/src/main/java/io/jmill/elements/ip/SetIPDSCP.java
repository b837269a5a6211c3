package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Sets the IP header's DSCP field.
 *
 * <pre>SetIPDSCP(DSCP)</pre>
 *
 * <p>Expects IP packets with the network header annotation set. Sets the Differentiated Services
 * Code Point (the upper six bits of the TOS byte) to DSCP, 0 to 63, keeps the two ECN bits, and
 * updates the header checksum incrementally. Packets without a complete IP header pass unchanged.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code dscp} (read/write): DSCP.</li>
 * </ul>
 *
 * <p>Example (mark as Expedited Forwarding):
 * <pre>... -&gt; CheckIPHeader -&gt; SetIPDSCP(46) -&gt; ...</pre>
 *
 * <p>See also: MarkIPCE, IPEncap.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SetIPDSCP extends SimpleElement {
    private final State state = new State();

    private static final class State {
        volatile int dscp;
    }

    public SetIPDSCP(ElementConfig c) {
        super(c);
        state.dscp = c.args().mandatoryPositional("DSCP").integer(0, 0, 63);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!Ip.hasBasicHeader(p)) {
            return p;
        }
        int nh = p.networkHeaderOffset();
        int vt = p.u16(nh);
        int set = (vt & 0xFF03) | (state.dscp << 2);
        if (set != vt) {
            p.setU16(nh, set);
            p.setU16(nh + 10, Checksum.update16(p.u16(nh + 10), vt, set));
        }
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("dscp", () -> Integer.toString(s.dscp), v -> s.dscp = HandlerValues.integer("dscp", v, 0, 63));
    }
}
