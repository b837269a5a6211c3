package io.jmill.elements.routing;

import io.jmill.engine.args.AddressNames;
import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Gives names to addresses, for the arguments of every element of the configuration.
 *
 * <pre>AddressInfo(NAME ADDRESS [ADDRESS...], ...)</pre>
 *
 * <p>Each argument defines NAME as one or more addresses: an IPv4 address, an IPv4 address with a
 * prefix ({@code 10.0.0.1/24}) and/or an Ethernet address. Wherever another element of the
 * configuration expects an IPv4 address, a prefix or an Ethernet address, the name may stand for
 * it, whatever the order of the elements in the file:
 * <ul>
 * <li>{@code NAME}, {@code NAME:ip}: the IPv4 address (as a prefix, the /32 of it);</li>
 * <li>{@code NAME:ipnet}: the network prefix ({@code 10.0.0.0/24} for {@code 10.0.0.1/24});</li>
 * <li>{@code NAME:bcast}: the broadcast address ({@code 10.0.0.255});</li>
 * <li>{@code NAME}, {@code NAME:eth}: the Ethernet address, where one is expected.</li>
 * </ul>
 * Names apply while the router is configured and initialized; a handler written later (a new
 * configuration written to an element) does not see them. IPv6 addresses are accepted and
 * ignored.
 *
 * <p>Ports: none.
 *
 * <p>Handlers: {@code names} (read): one line per name, {@code NAME ADDRESSES}.
 *
 * <p>Example:
 * <pre>AddressInfo(inside 10.0.0.1/24 00:01:02:03:04:05);
 * FromDevice(eth0) -&gt; ... -&gt; EtherEncap(0x0800, inside, 00:0a:0b:0c:0d:0e) -&gt; ...;
 * rt :: LinearIPLookup(inside:ipnet 0, 0.0.0.0/0 1);</pre>
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class AddressInfo extends Element {
    private final Map<String, String> names;

    public AddressInfo(ElementConfig c) {
        super(c);
        Args args = c.args();
        Map<String, String> defined = new LinkedHashMap<>();
        for (String part : Args.split(c.configText())) {
            String[] w = part.strip().split("\\s+", 2);
            if (w[0].isEmpty()) {
                continue;
            }
            if (w.length < 2) {
                args.error("'" + part.strip() + "': expected NAME ADDRESS...");
                continue;
            }
            try {
                new AddressNames().define(w[0], w[1]);
                defined.put(w[0], w[1].strip());
            } catch (IllegalArgumentException e) {
                args.error(w[0] + ": " + e.getMessage());
            }
        }
        names = java.util.Collections.unmodifiableMap(defined); // in configuration order
        args.remainingPositional();
    }

    @Override
    public void addHandlers(Handlers h) {
        h.read("names", () -> {
            StringJoiner j = new StringJoiner("\n");
            names.forEach((n, a) -> j.add(n + " " + a));
            return j.toString();
        });
    }
}
