package io.jmill.elements.routing;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

import java.util.List;

/**
 * Simple static IP routing table.
 *
 * <pre>StaticIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)</pre>
 *
 * <p>Acts like {@code LinearIPLookup}, but its routes cannot be changed while the router runs:
 * it has no {@code add}, {@code set}, {@code remove} or {@code ctrl} handler. Looks the
 * destination IP annotation up by longest-prefix match, sets the annotation to the route's
 * gateway if it has one, and pushes the packet out of the route's output; a packet no route
 * matches is dropped and counted. Route syntax as for {@code LinearIPLookup}. Also answers to the
 * name {@code LookupIPRoute}, its name in early Click versions.
 *
 * <p>This is the lookup element of Click's standard IP router ({@code make-ip-conf.pl}), which
 * routes the local addresses, network and broadcast addresses to output 0, each interface's
 * network to its own output, and the rest to a gateway.
 *
 * <p>Ports: one input, any number of outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code table} (read): the routes, one per line, {@code ADDR/LEN GATEWAY OUTPUT}.</li>
 * <li>{@code lookup} (read with a parameter, or write then read): {@code lookup ADDR} gives
 *     {@code OUTPUT} or {@code OUTPUT GATEWAY} for ADDR ({@code -1} if no route matches), as
 *     in Click; read without a parameter, it answers for the address last written to it.</li>
 * <li>{@code drops} (read): packets dropped for lack of a route.</li>
 * </ul>
 *
 * <p>Example, two interfaces 18.26.4.1/24 and 18.26.7.1/24:
 * <pre>
 * rt :: StaticIPLookup(18.26.4.1/32 0, 18.26.4.255/32 0, 18.26.4.0/32 0,
 *                      18.26.7.1/32 0, 18.26.7.255/32 0, 18.26.7.0/32 0,
 *                      18.26.4.0/24 1, 18.26.7.0/24 2,
 *                      255.255.255.255/32 0.0.0.0 0, 0.0.0.0/32 0,
 *                      0.0.0.0/0 18.26.4.1 1);
 * </pre>
 */
@ElementInfo(ports = "1/-", processing = "h/h", aliases = "LookupIPRoute")
public final class StaticIPLookup extends IPRouteTable {
    private final LinearRouteTable table;

    public StaticIPLookup(ElementConfig c) {
        this(c, new LinearRouteTable());
    }

    private StaticIPLookup(ElementConfig c, LinearRouteTable table) {
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
    boolean dynamic() {
        return false;
    }

    @Override
    String dump(List<IPRoute> routes) {
        return spaced(routes);
    }
}
