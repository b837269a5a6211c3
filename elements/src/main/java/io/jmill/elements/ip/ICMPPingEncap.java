package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Encapsulates packets in ICMP echo request and IP headers.
 *
 * <pre>ICMPPingEncap(SRC, DST [, keyword IDENTIFIER])</pre>
 *
 * <p>Turns each packet's data into the payload of an ICMP echo request from SRC to DST: prepends
 * an 8-byte ICMP header (type 8, code 0, identifier IDENTIFIER, a sequence number that starts at
 * 1 and grows by one per packet, a valid checksum) and a 20-byte IPv4 header (protocol ICMP, TTL
 * 255, a fresh identification, a valid checksum). Sets the network header and destination-IP
 * annotations.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code IDENTIFIER}: 0 to 65535. The echo identifier. Default 0.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped because there was no room for the headers.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>TimedSource(1s, LIMIT 5) -&gt; ICMPPingEncap(10.0.0.1, 10.0.0.2) -&gt; EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2) -&gt; ...</pre>
 *
 * <p>See also: ICMPPingSource, ICMPPingResponder, IPEncap.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class ICMPPingEncap extends SimpleElement implements DropCounter {
    private final int src;
    private final int dst;
    private final int identifier;
    private final State state = new State();

    private static final class State {
        int sequence = 1;
        int id;
        long drops;
    }

    public ICMPPingEncap(ElementConfig c) {
        super(c);
        var args = c.args();
        src = args.mandatoryPositional("SRC").ipAddress(0);
        dst = args.mandatoryPositional("DST").ipAddress(0);
        identifier = args.keyword("IDENTIFIER").integer(0, 0, 65535);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        if (!p.push(EchoRequests.HEADERS)) {
            s.drops++;
            p.kill();
            return null;
        }
        EchoRequests.write(p, 0, src, dst, identifier, s.sequence++ & 0xFFFF, s.id++ & 0xFFFF);
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
