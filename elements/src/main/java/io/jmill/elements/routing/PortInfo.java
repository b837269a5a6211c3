package io.jmill.elements.routing;

import io.jmill.engine.args.Args;
import io.jmill.engine.args.PortNames;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;

/**
 * Gives names to TCP and UDP ports, for the arguments of the configuration's elements.
 *
 * <pre>PortInfo(NAME PORT[/PROTOCOL] [NAME...] [# COMMENT], ...)</pre>
 *
 * <p>Each argument names PORT: for TCP and UDP, or only for PROTOCOL ({@code tcp} or
 * {@code udp}). Further names in the argument name the same port, and a {@code #} starts a
 * comment, so lines of a services file can be used as they are; empty arguments are allowed.
 * Elements that take a port (UDPIPEncap's SPORT and DPORT) accept the names, whatever the order
 * of the elements in the file.
 *
 * <p>As in Click, names defined inside a compound element apply only within that compound (and
 * compounds inside it), and shadow names defined outside. Names nobody defines fall back to the
 * well-known service names ({@code ssh} 22, {@code http} 80, {@code domain} 53, ...); Click at
 * user level asks the system's services database, which may know more.
 *
 * <p>Ports: none.
 *
 * <p>Example:
 * <pre>PortInfo(dns 53/udp, web 8080);
 * ... -&gt; UDPIPEncap(10.0.0.1, 1024, 10.0.0.2, dns) -&gt; ...</pre>
 *
 * <p>See also: AddressInfo, UDPIPEncap.
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class PortInfo extends Element {
    public PortInfo(ElementConfig c) {
        super(c);
        Args args = c.args();
        PortNames check = new PortNames();
        for (String part : Args.split(c.configText())) {
            try {
                check.define("", part);
            } catch (IllegalArgumentException e) {
                args.error("'" + part.strip() + "': " + e.getMessage());
            }
        }
        args.remainingPositional();
    }
}
