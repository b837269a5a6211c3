package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Sets the IP header's ECN field to Congestion Experienced.
 *
 * <pre>MarkIPCE([FORCE])</pre>
 *
 * <p>Expects IP packets with the network header annotation set. A packet whose ECN field says it
 * is ECN-capable (ECT(0) or ECT(1)) gets CE (binary 11) and an incrementally updated header
 * checksum; one already marked CE passes unchanged. A packet that is not ECN-capable is dropped,
 * unless FORCE is true: then it is marked too (RFC 3168).
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped because they were not ECN-capable.</li>
 * </ul>
 *
 * <p>Example (a RED-like marker):
 * <pre>... -&gt; m :: Meter(10000) -&gt; out;  m[1] -&gt; MarkIPCE -&gt; out;</pre>
 *
 * <p>See also: SetIPDSCP.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class MarkIPCE extends SimpleElement implements DropCounter {
    private final boolean force;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public MarkIPCE(ElementConfig c) {
        super(c);
        force = c.args().positional("FORCE").bool(false);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!Ip.hasBasicHeader(p)) {
            state.drops++;
            p.kill();
            return null;
        }
        int nh = p.networkHeaderOffset();
        int vt = p.u16(nh);
        int ecn = vt & 3;
        if (ecn == 3) {
            return p;
        }
        if (ecn == 0 && !force) {
            state.drops++;
            p.kill();
            return null;
        }
        int marked = vt | 3;
        p.setU16(nh, marked);
        p.setU16(nh + 10, Checksum.update16(p.u16(nh + 10), vt, marked));
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
