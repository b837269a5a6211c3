package io.jmill.elements.ethernet;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * Checks ARP headers.
 *
 * <pre>CheckARPHeader([OFFSET, keywords OFFSET, VERBOSE])</pre>
 *
 * <p>Input packets should have ARP headers starting OFFSET bytes in (default 0; 14 after an
 * Ethernet header). Checks that the packet holds the 8-byte fixed header and the addresses that its
 * hardware and protocol address lengths announce, and, for Ethernet hardware (type 1), that the
 * hardware address length is 6, and for IP (protocol 0x0800) that the protocol address length
 * is 4. Valid packets get their network header annotation set to the ARP header and leave on
 * output 0; invalid ones leave on output 1 if it is connected, and are dropped otherwise. The first
 * invalid packet is reported on standard error (every one with VERBOSE).
 *
 * <p>Ports: one input, one or two outputs; agnostic, output 1 push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): invalid packets seen.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>c :: Classifier(12/0806, -); c[0] -&gt; CheckARPHeader(14) -&gt; ARPPrint -&gt; ...</pre>
 *
 * <p>See also: ARPResponder, ARPQuerier, ARPPrint.
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class CheckARPHeader extends Element {
    private final int offset;
    private final boolean verbose;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public CheckARPHeader(ElementConfig c) {
        super(c);
        var args = c.args();
        int off = args.positional("OFFSET").integer(0, 0, 0xFFFF);
        offset = args.keyword("OFFSET").integer(off, 0, 0xFFFF);
        verbose = args.keyword("VERBOSE").bool(false);
    }

    private boolean valid(Packet p) {
        int off = offset;
        int len = p.length() - off;
        if (len < 8) {
            return false;
        }
        int hrd = p.u16(off);
        int pro = p.u16(off + 2);
        int hln = p.u8(off + 4);
        int pln = p.u8(off + 5);
        if ((hrd == Ether.ARPHRD_ETHER && hln != 6) || (pro == Ether.ETHERTYPE_IP && pln != 4)
                || len < 8 + 2 * (hln + pln)) {
            return false;
        }
        p.setNetworkHeader(off, 8 + 2 * (hln + pln));
        return true;
    }

    private void drop(Packet p) {
        State s = state;
        if (s.drops++ == 0 || verbose) {
            System.err.println(name() + ": ARP header check failed");
        }
        checkedOutput(1, p);
    }

    @Override
    public void push(int port, Packet p) {
        if (valid(p)) {
            output(0, p);
        } else {
            drop(p);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p == null || valid(p)) {
            return p;
        }
        drop(p);
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
