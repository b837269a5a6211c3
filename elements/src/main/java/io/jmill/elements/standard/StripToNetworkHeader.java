package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Strips everything in front of the network header.
 *
 * <pre>StripToNetworkHeader</pre>
 *
 * <p>Moves the start of each packet's data to its network header annotation (set by
 * CheckIPHeader, MarkIPHeader, ...): the bytes before it (a link header) are stripped. If the
 * network header lies before the data (an earlier element stripped it), the data is extended back
 * to it. Packets without a network header annotation pass unchanged.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>FromDump(trace.pcap, FORCE_IP true) -&gt; StripToNetworkHeader -&gt; ToIPSummaryDump(-, FIELDS payload)</pre>
 *
 * <p>See also: Strip, StripIPHeader, MarkIPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class StripToNetworkHeader extends SimpleElement {
    public StripToNetworkHeader(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.hasNetworkHeader()) {
            int offset = p.networkHeaderOffset();
            if (offset > 0) {
                p.pull(offset);
            } else if (offset < 0) {
                p.push(-offset);
            }
        }
        return p;
    }
}
