package io.jmill.elements.ethernet;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Makes sure IP packets have an Ethernet header.
 *
 * <pre>EnsureEther([ETHERTYPE, SRC, DST])</pre>
 *
 * <p>A packet whose data starts 14 bytes before its network header annotation is taken to have
 * its Ethernet header already, and passes unchanged. Any other packet gets a new Ethernet header
 * with type ETHERTYPE (default 0x0800), source SRC and destination DST (defaults
 * 00:01:02:03:04:05 and 00:00:00:00:00:00) right in front of its IP header: what preceded the IP
 * header is cut, and a stripped IP header is put back first. A packet without a network header
 * annotation gets the header in front of its data. The MAC header annotation is set either way.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped because there was no room for the header.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; StripIPHeader -&gt; ... -&gt; UnstripIPHeader -&gt; EnsureEther -&gt; ToDump(out.pcap);</pre>
 *
 * <p>See also: EtherEncap.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class EnsureEther extends SimpleElement implements DropCounter {
    private final int etherType;
    private final long src;
    private final long dst;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public EnsureEther(ElementConfig c) {
        super(c);
        var args = c.args();
        etherType = args.positional("ETHERTYPE").integer(Ether.ETHERTYPE_IP, 0, 0xFFFF);
        src = args.positional("SRC").etherAddress(0x0001_0203_0405L);
        dst = args.positional("DST").etherAddress(0);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.hasNetworkHeader()) {
            int nh = p.networkHeaderOffset();
            if (nh == Ether.HEADER_LENGTH) {
                p.setMacHeader(0);
                return p;
            }
            // Start at the IP header (put back if stripped, cut what precedes it), then add the header.
            if (nh > 0) {
                p.pull(nh);
            } else if (nh < 0) {
                p.push(-nh);
            }
        }
        if (!p.push(Ether.HEADER_LENGTH)) {
            state.drops++;
            p.kill();
            return null;
        }
        Ether.setMac(p, 0, dst);
        Ether.setMac(p, 6, src);
        p.setU16(12, etherType);
        p.setMacHeader(0);
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
