package io.jmill.elements.routing;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

import java.util.List;

/**
 * IP routing table searched linearly.
 *
 * <pre>LinearIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)</pre>
 *
 * <p>Expects a destination IP address annotation on each packet (set by {@code GetIPAddress} or
 * {@code SetIPAddress}). Looks that address up in its routing table by longest-prefix match,
 * sets the destination annotation to the route's gateway if the route has one, and pushes the
 * packet out of the route's output. A packet that matches no route is dropped and counted in
 * {@code drops}. An annotation of 0 is looked up like any address: it matches only a default
 * route ({@code 0.0.0.0/0}) or a route for {@code 0.0.0.0/32}, as in Click.
 *
 * <p>Each argument is a route: a destination prefix ({@code 18.26.4.0/24},
 * {@code 18.26.4.0/255.255.255.0}, the short forms {@code 18.26.4/24} and {@code 0/0}, or a bare
 * address for a /32), an optional gateway address ({@code -} also means none), and an output
 * port. Host bits in the prefix are ignored. A prefix given twice keeps its first route.
 *
 * <p>The table is an array of the routes, most specific first, scanned on every packet until a
 * route matches: it suits small tables. {@code RadixIPLookup} and {@code DirectIPLookup} scale to
 * large ones. Click's LinearIPLookup also caches the last two addresses it looked up; this one
 * does not.
 *
 * <p>Ports: one input, any number of outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code table} (read): the routes, one per line, {@code ADDR/LEN GATEWAY OUTPUT} with
 *     {@code -} for no gateway, in the order they were added.</li>
 * <li>{@code lookup} (read with a parameter, or write then read): {@code lookup ADDR} gives
 *     {@code OUTPUT} or {@code OUTPUT GATEWAY} for ADDR ({@code -1} if no route matches), as
 *     in Click; read without a parameter, it answers for the address last written to it.</li>
 * <li>{@code add} (write): adds a route, {@code ADDR/MASK [GATEWAY] OUTPUT}; fails if a route for
 *     that prefix exists.</li>
 * <li>{@code set} (write): adds a route or replaces the route for the same prefix.</li>
 * <li>{@code remove} (write): removes the route for {@code ADDR/MASK}; if a gateway and output
 *     are given, only a route with those.</li>
 * <li>{@code ctrl} (write): several {@code add}, {@code set} or {@code remove} commands, one per
 *     line, applied together: if one fails, none is applied.</li>
 * <li>{@code drops} (read): packets dropped for lack of a route (not in Click, which only logs
 *     them).</li>
 * </ul>
 *
 * <p>Example: deliver packets for the local host 18.26.4.24 and broadcasts to output 0, the
 * local network to output 1, and the rest via gateway 18.26.4.1 on output 1:
 * <pre>
 * ... -&gt; GetIPAddress(16) -&gt; rt;
 * rt :: LinearIPLookup(18.26.4.24/32 0, 18.26.4.255/32 0, 18.26.4.0/32 0,
 *                      18.26.4/24 1, 0/0 18.26.4.1 1);
 * rt[0] -&gt; ToHost;
 * rt[1] -&gt; ... -&gt; ToDevice(eth0);
 * </pre>
 */
@ElementInfo(ports = "1/-", processing = "h/h")
public final class LinearIPLookup extends IPRouteTable {
    private final LinearRouteTable table;

    public LinearIPLookup(ElementConfig c) {
        this(c, new LinearRouteTable());
    }

    private LinearIPLookup(ElementConfig c, LinearRouteTable table) {
        super(c, table);
        this.table = table;
    }

    @Override
    protected int classify(int port, Packet p) {
        return forward(p, table.lookup(p.dstIpAnno()));
    }

    /** The route for {@code addr}, or null (tests). */
    IPRoute lookup(int addr) {
        return table.lookup(addr);
    }

    @Override
    String dump(List<IPRoute> routes) {
        return spaced(routes);
    }
}
