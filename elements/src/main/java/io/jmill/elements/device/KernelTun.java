package io.jmill.elements.device;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Exchanges IP packets with the kernel through a tun interface.
 *
 * <pre>KernelTun(ADDR/MASK [, GATEWAY, keywords TAP, DEVNAME, MTU, ETHER, BURST, HEADROOM, NETNS])</pre>
 *
 * <p>Creates a Linux tun interface (through {@code /dev/net/tun}, with Panama FFM; needs
 * CAP_NET_ADMIN), gives it address ADDR/MASK, brings it up, and, if GATEWAY is given, adds a default
 * route through GATEWAY on it. The kernel then routes packets for ADDR/MASK's network to JMill:
 * KernelTun pushes each IP packet the kernel sends out of its output, with its network header and
 * destination-IP annotations set, up to BURST per task run; and it writes every packet it pulls
 * from its input (IP packets) to the interface, for the kernel to receive. The interface goes away
 * when the router closes. With {@code TAP true} it behaves as KernelTap.
 *
 * <p>Ports: an optional pull input (to the kernel), one push output (from the kernel).
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code DEVNAME}: the interface's name (at most 15 characters). Default: the kernel's choice,
 *     {@code tunN}.</li>
 * <li>{@code MTU}: the interface's MTU. Default the kernel's (1500).</li>
 * <li>{@code TAP}: boolean. Make a tap interface (Ethernet frames). Default false.</li>
 * <li>{@code ETHER}: the tap interface's Ethernet address (tap only).</li>
 * <li>{@code BURST}: integer. Most packets read, and most written, per task run. Default the
 *     router's batch size.</li>
 * <li>{@code NETNS}: create the interface in this network namespace (as {@code ip netns} names
 *     it); JMill's addition, for tests and containers.</li>
 * <li>{@code HEADROOM}, {@code IGNORE_QUEUE_OVERFLOWS}: accepted for Click's sake.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code dev_name} (read): the interface's name.</li>
 * <li>{@code packets_in}, {@code packets_out} (read): packets read from and written to the
 *     kernel.</li>
 * <li>{@code drops} (read): reads skipped because the packet pool was exhausted.
 *     {@code errors} (read): failed reads and writes.</li>
 * </ul>
 *
 * <p>Example (answer pings for 10.0.0.2 while the kernel is 10.0.0.1):
 * <pre>tun :: KernelTun(10.0.0.1/24);
 * tun -&gt; CheckIPHeader -&gt; IPClassifier(icmp type echo) -&gt; ICMPPingResponder -&gt; Queue -&gt; tun;</pre>
 *
 * <p>See also: KernelTap, FromDevice, ToDevice, Socket.
 */
@ElementInfo(ports = "0-1/1", processing = "l/h")
public final class KernelTun extends KernelTunBase {
    public KernelTun(ElementConfig c) {
        super(c, false);
    }
}
