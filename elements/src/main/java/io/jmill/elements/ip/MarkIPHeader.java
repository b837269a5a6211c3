package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Sets the IP header annotation.
 *
 * <pre>MarkIPHeader([OFFSET])</pre>
 *
 * <p>Marks packets as IP packets by setting their network header annotation: the IP header starts
 * OFFSET bytes into the packet (default 0) and is as long as its IHL field says; the transport
 * header annotation follows it. Checks nothing, does not shorten packets to the IP length and does
 * not set the destination IP address annotation: use {@code CheckIPHeader} or
 * {@code CheckIPHeader2} for that. A packet not even OFFSET + 1 bytes long (no IHL field to read)
 * passes unmarked.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>... -&gt; MarkIPHeader(14) -&gt; DecIPTTL -&gt; ...</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class MarkIPHeader extends SimpleElement {
    private final int offset;

    public MarkIPHeader(ElementConfig c) {
        super(c);
        offset = c.args().positional("OFFSET").integer(0, 0, 0xFFFF);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (offset < p.length()) {
            p.setNetworkHeader(offset, Ip.headerLength(p, offset));
        }
        return p;
    }
}
