package io.jmill.elements.device;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Exchanges Ethernet frames with the kernel through a tap interface.
 *
 * <pre>KernelTap(ADDR/MASK [, GATEWAY, keywords ETHER, DEVNAME, MTU, BURST, HEADROOM, NETNS])</pre>
 *
 * <p>KernelTun with a tap interface: the kernel sends and receives Ethernet frames, so JMill sees
 * the kernel's ARP requests and must answer them (ARPResponder) to receive IP traffic. Frames read
 * get their MAC header annotation set. ETHER sets the interface's own Ethernet address. Needs
 * CAP_NET_ADMIN.
 *
 * <p>Ports: an optional pull input (to the kernel), one push output (from the kernel).
 *
 * <p>Keyword arguments and handlers: as KernelTun's.
 *
 * <p>Example:
 * <pre>tap :: KernelTap(10.0.0.1/24, ETHER 02:00:00:00:00:01);
 * tap -&gt; c :: Classifier(12/0806 20/0001, 12/0800, -);
 * c[0] -&gt; ARPResponder(10.0.0.2 02:00:00:00:00:02) -&gt; q :: Queue -&gt; tap;  c[1] -&gt; ...;  c[2] -&gt; Discard;</pre>
 *
 * <p>See also: KernelTun.
 */
@ElementInfo(ports = "0-1/1", processing = "l/h")
public final class KernelTap extends KernelTunBase {
    public KernelTap(ElementConfig c) {
        super(c, true);
    }
}
