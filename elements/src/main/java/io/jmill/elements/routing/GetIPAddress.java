package io.jmill.elements.routing;

import io.jmill.engine.args.Arg;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Sets the destination IP address annotation from packet data.
 *
 * <pre>GetIPAddress(OFFSET [, ANNO, keyword IP])</pre>
 *
 * <p>Copies the 4 bytes at OFFSET in the packet into the destination IP address annotation.
 * OFFSET is usually 16, to take the destination address of an IP packet whose data starts at
 * the IP header (after {@code Strip(14)}). The annotation is what route lookup elements
 * ({@code StaticIPLookup}, {@code RadixIPLookup}, ...) and {@code ARPQuerier} work on.
 *
 * <p>Instead of OFFSET, the IP keyword ({@code src} or {@code dst}) takes the source or
 * destination address of the packet's IP header, located by its network header annotation (as
 * set by {@code CheckIPHeader}).
 *
 * <p>A packet too short to hold the 4 bytes (or, with IP, without a network header annotation)
 * is dropped and counted in {@code drops}; Click reads past its end.
 *
 * <p>ANNO names the annotation to set; only {@code DST_IP_ANNO}, the default, is supported (Click
 * also accepts other annotations).
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code IP}: {@code src} or {@code dst}, as described above.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped for being too short (not in Click).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; Strip(14) -&gt; CheckIPHeader -&gt; GetIPAddress(16) -&gt; rt :: StaticIPLookup(...);</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class GetIPAddress extends SimpleElement implements DropCounter {
    /** Which header address the IP keyword names. */
    public enum Field { SRC, DST }

    /** Data offset of the address; -1 when the IP keyword is used. */
    private final int offset;
    /** Offset of the address within the IP header when the IP keyword is used (12 or 16). */
    private final int headerOffset;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public GetIPAddress(ElementConfig c) {
        super(c);
        Arg ip = c.args().keyword("IP");
        if (ip.present()) {
            offset = -1;
            headerOffset = ip.choice(Field.class, Field.DST) == Field.SRC ? 12 : 16;
        } else {
            offset = c.args().mandatoryPositional("OFFSET").integer(0, 0, 65535);
            headerOffset = 0;
        }
        // Click's ANNO: only the default, the destination IP annotation, exists here. Written bare,
        // DST_IP_ANNO looks like a keyword without value.
        Arg anno = c.args().positional("ANNO");
        boolean bareDefault = c.args().keyword("DST_IP_ANNO").present();
        if (anno.present() && !anno.raw().equals("DST_IP_ANNO") || bareDefault && anno.present()) {
            c.args().error("ANNO: only DST_IP_ANNO, the destination IP annotation, is supported");
        }
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int at = offset;
        if (at < 0) {
            if (!p.hasNetworkHeader()) {
                return drop(p);
            }
            at = p.networkHeaderOffset() + headerOffset;
        }
        if (at < 0 || at + 4 > p.length()) {
            return drop(p);
        }
        p.setDstIpAnno(p.u32(at));
        return p;
    }

    private Packet drop(Packet p) {
        state.drops++;
        p.kill();
        return null;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        h.readLong("drops", () -> state.drops);
    }
}
