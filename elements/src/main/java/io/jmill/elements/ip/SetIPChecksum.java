package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Sets the IP header checksum.
 *
 * <pre>SetIPChecksum()</pre>
 *
 * <p>Expects an IP packet, its header at the network header annotation or, without one, at the
 * start of the data. Computes the header checksum from scratch and stores it. A packet too short
 * for an IP header, with a header length below 20, or whose header does not fit, is dropped and
 * counted. Elements that change a header field (DecIPTTL, FixIPSrc, ...) already update the
 * checksum; SetIPChecksum is for headers built or edited by hand.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): malformed packets dropped.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; StoreData(15, \&lt;10&gt;) -&gt; SetIPChecksum -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class SetIPChecksum extends SimpleElement {
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public SetIPChecksum(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int nh = p.hasNetworkHeader() ? p.networkHeaderOffset() : 0;
        int plen = p.length() - nh;
        if (nh >= 0 && plen >= Ip.MIN_HEADER) {
            int hlen = Ip.headerLength(p, nh);
            if (hlen >= Ip.MIN_HEADER && hlen <= plen) {
                Ip.setHeaderChecksum(p, nh, hlen);
                return p;
            }
        }
        if (state.drops++ == 0) {
            System.err.println(name() + ": SetIPChecksum: bad input packet");
        }
        p.kill();
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
