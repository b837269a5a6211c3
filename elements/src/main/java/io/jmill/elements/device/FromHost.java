package io.jmill.elements.device;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Reads Ethernet frames the kernel sends to a tap interface (Click's user-level FromHost).
 *
 * <pre>FromHost(DEVNAME [, DST, keywords GATEWAY, ETHER, MTU, BURST, HEADROOM, NETNS])</pre>
 *
 * <p>Creates tap interface DEVNAME (through {@code /dev/net/tun}, with Panama FFM; needs
 * CAP_NET_ADMIN), gives it address DST (an IP prefix such as {@code 10.0.0.1/24}; without DST the
 * interface is left unaddressed, for the user to configure), brings it up, and, if GATEWAY is
 * given, adds a default route through it. Every frame the kernel sends through the interface is
 * pushed out of the single output, with its MAC header annotation set, up to BURST per task run.
 * {@code ToHost(DEVNAME)} sends frames the other way, to the kernel, through the same interface.
 * The interface goes away when the router closes.
 *
 * <p>The kernel sends ARP queries to the interface before any IP packet: answer them (an
 * ARPResponder into ToHost) to receive IP traffic. KernelTap is the same device as one element
 * with a pull input, and is preferable for most purposes, as in Click.
 *
 * <p>Ports: no inputs, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code GATEWAY}: IP address. Add a default route through this host, on the interface.</li>
 * <li>{@code ETHER}: the interface's Ethernet address. Default the kernel's choice.</li>
 * <li>{@code MTU}: the interface's MTU. Default the kernel's (1500).</li>
 * <li>{@code BURST}: integer. Most frames read per task run. Default the router's batch size.</li>
 * <li>{@code NETNS}: create the interface in this network namespace (as {@code ip netns} names
 *     it); JMill's addition, for tests and containers.</li>
 * <li>{@code HEADROOM}: accepted for Click's sake (every JMill buffer has the same headroom).</li>
 * </ul>
 * Click's {@code DST6} (an IPv6 address for the interface) is refused: give it with
 * {@code ip -6 addr add}.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code dev_name} (read): the interface's name.</li>
 * <li>{@code packets_in} (read): frames read from the kernel.</li>
 * <li>{@code drops} (read): reads skipped because the packet pool was exhausted.</li>
 * <li>{@code errors} (read): failed reads.</li>
 * </ul>
 *
 * <p>Example, answering the kernel's ARP queries for 10.0.0.2 and handing IP packets on:
 * <pre>FromHost(fake0, 10.0.0.1/24) -&gt; cl :: Classifier(12/0806, 12/0800);
 * cl[0] -&gt; ARPResponder(10.0.0.2 02:00:00:00:00:02) -&gt; ToHost(fake0);
 * cl[1] -&gt; ... // IP packets</pre>
 *
 * <p>See also: ToHost, KernelTap, KernelTun.
 */
@ElementInfo(ports = "0/1", processing = "a/h")
public final class FromHost extends KernelTunBase {
    public FromHost(ElementConfig c) {
        super(c, TunSettings.fromHost(c));
    }
}
