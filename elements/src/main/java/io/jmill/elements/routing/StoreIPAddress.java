package io.jmill.elements.routing;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

import java.util.List;

/**
 * Stores an IPv4 address into the packet.
 *
 * <pre>StoreIPAddress(OFFSET)
 * StoreIPAddress(ADDR, OFFSET)</pre>
 *
 * <p>Writes the destination IP address annotation (first form) or ADDR (second form) as four bytes
 * at OFFSET. OFFSET is a byte offset from the start of the packet data, or {@code src} or
 * {@code dst}: the IP header's source or destination address field, relative to the network
 * header, in which case the IP checksum is updated incrementally as well. A packet too short for
 * the address, or without a network header when OFFSET is {@code src} or {@code dst}, is dropped.
 *
 * <p>Ports: one input, one output; agnostic.
 *
 * <p>Example:
 * <pre>... -&gt; GetIPAddress(16) -&gt; rt :: LinearIPLookup(...); rt[1] -&gt; StoreIPAddress(src) -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class StoreIPAddress extends SimpleElement {
    /** OFFSET {@code src} / {@code dst}: the IP header field at these offsets from the network header. */
    private static final int SRC_FIELD = -12;
    private static final int DST_FIELD = -16;

    private final boolean fromAnnotation;
    private final int address;
    /** Byte offset from the data start, or {@link #SRC_FIELD} / {@link #DST_FIELD}. */
    private final int offset;

    public StoreIPAddress(ElementConfig c) {
        super(c);
        Args args = c.args();
        List<String> parts = Args.split(c.configText());
        if (parts.size() >= 2) {
            Arg a = args.positional("ADDR");
            address = a.ipAddress(0);
            fromAnnotation = false;
        } else {
            address = 0;
            fromAnnotation = true;
        }
        String where = args.mandatoryPositional("OFFSET").string("0").strip();
        offset = switch (where) {
            case "src" -> SRC_FIELD;
            case "dst" -> DST_FIELD;
            default -> {
                try {
                    int o = Integer.parseInt(where);
                    if (o < 0) {
                        throw new NumberFormatException();
                    }
                    yield o;
                } catch (NumberFormatException e) {
                    args.error("OFFSET: expected a byte offset, 'src' or 'dst', got '" + where + "'");
                    yield 0;
                }
            }
        };
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int value = fromAnnotation ? p.dstIpAnno() : address;
        if (offset >= 0) {
            if (offset + 4 > p.length()) {
                p.kill();
                return null;
            }
            p.setU32(offset, value);
            return p;
        }
        if (!p.hasNetworkHeader()) {
            p.kill();
            return null;
        }
        int nh = p.networkHeaderOffset();
        int field = nh - offset;
        if (nh < 0 || nh + 20 > p.length()) {
            p.kill();
            return null;
        }
        int old = p.u32(field);
        p.setU32(field, value);
        p.setU16(nh + 10, Checksum.update32(p.u16(nh + 10), old, value));
        return p;
    }
}
