package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Restores the IP header that StripIPHeader removed.
 *
 * <pre>UnstripIPHeader</pre>
 *
 * <p>Moves the start of the data back to the network header annotation, if the data now starts
 * after it (what StripIPHeader left). Packets without the annotation, or whose data already starts
 * at or before the IP header, pass unchanged.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>... -&gt; StripIPHeader -&gt; ... -&gt; UnstripIPHeader -&gt; SetIPChecksum -&gt; ...</pre>
 *
 * <p>See also: StripIPHeader, Unstrip.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class UnstripIPHeader extends SimpleElement {
    public UnstripIPHeader(ElementConfig c) {
        super(c);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.hasNetworkHeader()) {
            int nh = p.networkHeaderOffset();
            if (nh < 0) {
                p.push(-nh);
            }
        }
        return p;
    }
}
