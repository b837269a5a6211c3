package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Strips the IP header from the front of packets.
 *
 * <pre>StripIPHeader</pre>
 *
 * <p>Removes everything up to the end of the IP header: the data then starts at the transport
 * header. The network header annotation must be set (CheckIPHeader, MarkIPHeader); it is kept, so
 * UnstripIPHeader can put the header back. Packets without it pass unchanged.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>... -&gt; CheckIPHeader -&gt; StripIPHeader -&gt; ... -&gt; UnstripIPHeader -&gt; ...</pre>
 *
 * <p>See also: UnstripIPHeader, Strip, CheckIPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class StripIPHeader extends SimpleElement {
    public StripIPHeader(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.hasNetworkHeader()) {
            p.pull(p.networkHeaderOffset() + p.networkHeaderLength());
        }
        return p;
    }
}
