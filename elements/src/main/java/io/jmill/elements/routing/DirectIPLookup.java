package io.jmill.elements.routing;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.util.List;

/**
 * IP routing lookup using direct-indexed tables.
 *
 * <pre>DirectIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)</pre>
 *
 * <p>Expects a destination IP address annotation on each packet. Looks that address up in its
 * routing table by longest-prefix match, sets the destination annotation to the route's gateway
 * if the route has one, and pushes the packet out of the route's output. A packet that matches
 * no route is dropped and counted in {@code drops}. An annotation of 0 is looked up like any
 * address, as in Click. Route syntax as for {@code LinearIPLookup}.
 *
 * <p>DirectIPLookup trades memory for lookup speed: it implements DIR-24-8-BASIC (Gupta, Lin and
 * McKeown, "Routing Lookups in Hardware at Memory Access Speeds", Infocom 1998). A table of 2^24
 * 16-bit entries, indexed by the top 24 bits of the address, holds the next hop of every /24;
 * a /24 that routes longer than /24 split gets a 256-entry second-level chunk indexed by the last
 * byte. A lookup is two or three array reads whatever the number of routes, and routes can be
 * added and removed while packets flow at a cost proportional to the addresses they cover.
 *
 * <p>Memory, on the Java heap: 48 MiB from the start (the 32 MiB first-level table and 16 MiB of
 * prefix lengths used to update it in place), about 800 bytes per chunk in use (allocated on
 * demand, at most 32768 chunks, about 26 MiB), and 256 KiB for up to 32767 distinct
 * (gateway, output) pairs. Adding a route beyond these limits fails with an error. Click limits
 * chunks to 4096 and pairs to 1024, and routes to 256K; here the number of routes is not limited.
 *
 * <p>Ports: one input, any number of outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code table} (read): the routes, one per line, tab-aligned
 *     {@code ADDR/LEN GATEWAY OUTPUT}, the gateway printed as {@code 0.0.0.0} when there is none
 *     (as Click's DirectIPLookup prints it), in the order they were added.</li>
 * <li>{@code lookup} (read with a parameter, or write then read): {@code lookup ADDR} gives
 *     {@code OUTPUT} or {@code OUTPUT GATEWAY} for ADDR ({@code -1} if no route matches), as
 *     in Click; read without a parameter, it answers for the address last written to it.</li>
 * <li>{@code add} (write): adds a route, {@code ADDR/MASK [GATEWAY] OUTPUT}; fails if a route for
 *     that prefix exists.</li>
 * <li>{@code set} (write): adds a route or replaces the route for the same prefix (Click's
 *     DirectIPLookup refuses to replace any route but the default one).</li>
 * <li>{@code remove} (write): removes the route for {@code ADDR/MASK}; if a gateway and output
 *     are given, only a route with those.</li>
 * <li>{@code ctrl} (write): several {@code add}, {@code set} or {@code remove} commands, one per
 *     line, applied together: if one fails, none is applied.</li>
 * <li>{@code flush} (write): removes all routes.</li>
 * <li>{@code drops} (read): packets dropped for lack of a route.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>
 * rt :: DirectIPLookup(10.0.0.0/8 1, 10.1.2.128/25 10.0.0.254 1, 192.168.1.0/24 2, 0/0 10.0.0.1 1);
 * </pre>
 */
@ElementInfo(ports = "1/-", processing = "h/h")
public final class DirectIPLookup extends IPRouteTable {
    private final DirectRouteTable table;

    public DirectIPLookup(ElementConfig c) {
        this(c, new DirectRouteTable());
    }

    private DirectIPLookup(ElementConfig c, DirectRouteTable table) {
        super(c, table);
        this.table = table;
    }

    @Override
    protected int classify(int port, Packet p) {
        long hop = table.lookupHop(p.dstIpAnno());
        if (hop == DirectRouteTable.NO_HOP) {
            return noRoute(p);
        }
        int gw = (int) (hop >>> 32);
        if (gw != 0) {
            p.setDstIpAnno(gw);
        }
        return (int) hop;
    }

    /** The next hop for {@code addr} (a route whose prefix is not meaningful), or null (tests). */
    IPRoute lookup(int addr) {
        return table.lookup(addr);
    }

    /** The packed next hop the data path uses ({@link DirectRouteTable#lookupHop}; tests). */
    long lookupHop(int addr) {
        return table.lookupHop(addr);
    }

    /** Second-level chunks in use (tests). */
    int chunksInUse() {
        return table.chunksInUse();
    }

    @Override
    public void addHandlers(Handlers h) {
        super.addHandlers(h);
        h.write("flush", v -> table.clear());
    }

    @Override
    String dump(List<IPRoute> routes) {
        return tabbed(routes, false);
    }
}
