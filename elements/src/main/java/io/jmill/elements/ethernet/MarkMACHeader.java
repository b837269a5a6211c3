package io.jmill.elements.ethernet;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

/**
 * Sets the MAC header annotation.
 *
 * <pre>MarkMACHeader([OFFSET, LENGTH])</pre>
 *
 * <p>Marks where the link-level header starts: OFFSET bytes into the packet (default 0). With a
 * non-zero LENGTH, the header is LENGTH bytes long and the network header annotation is set to
 * start right after it (OFFSET + LENGTH, up to the end of the packet), as Click does. Checks
 * nothing. A packet shorter than OFFSET passes unmarked.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; MarkMACHeader(0, 14) -&gt; ...</pre>
 *
 * <p>See also: MarkIPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class MarkMACHeader extends SimpleElement {
    private final int offset;
    private final int length;

    public MarkMACHeader(ElementConfig c) {
        super(c);
        Args args = c.args();
        offset = args.positional("OFFSET").integer(0, 0, 0xFFFF);
        length = args.positional("LENGTH").integer(0, 0, 0xFFFF);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (offset <= p.length()) {
            p.setMacHeader(offset);
            if (length > 0) {
                p.setNetworkHeader(offset + length, 0);
            }
        }
        return p;
    }
}
