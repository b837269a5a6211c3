package io.jmill.elements.routing;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.layout.Packet;

import java.util.List;

/**
 * IP routing lookup using a radix trie.
 *
 * <pre>RadixIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)</pre>
 *
 * <p>Expects a destination IP address annotation on each packet. Looks that address up in its
 * routing table by longest-prefix match, sets the destination annotation to the route's gateway
 * if the route has one, and pushes the packet out of the route's output. A packet that matches
 * no route is dropped and counted in {@code drops}. An annotation of 0 is looked up like any
 * address (it matches a default route or a route for {@code 0.0.0.0/32}), as in Click. Route
 * syntax as for {@code LinearIPLookup}.
 *
 * <p>The trie has Click's shape: 256 slots indexed by the first address byte, then levels of 16
 * slots indexed by 4 bits each, so a lookup visits at most 7 nodes; each route is expanded over
 * the slots its prefix covers at its level. The root takes about 2.3 KiB and each further node
 * about 150 bytes. Routes can be added and removed while packets flow.
 *
 * <p>Also answers to the name {@code LookupIPRouteMP} (FastClick's multi-processor routing
 * table): lookups take no lock, so several threads may share it.
 *
 * <p>Ports: one input, any number of outputs, push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code table} (read): the routes, one per line, tab-aligned
 *     {@code ADDR/LEN GATEWAY OUTPUT} with {@code -} for no gateway, in the order they were
 *     added.</li>
 * <li>{@code lookup} (read with a parameter, or write then read): {@code lookup ADDR} gives
 *     {@code OUTPUT} or {@code OUTPUT GATEWAY} for ADDR ({@code -1} if no route matches), as
 *     in Click; read without a parameter, it answers for the address last written to it.</li>
 * <li>{@code add} (write): adds a route, {@code ADDR/MASK [GATEWAY] OUTPUT}; fails if a route for
 *     that prefix exists (Click's RadixIPLookup documents this but does not check).</li>
 * <li>{@code set} (write): adds a route or replaces the route for the same prefix.</li>
 * <li>{@code remove} (write): removes the route for {@code ADDR/MASK}; if a gateway and output
 *     are given, only a route with those.</li>
 * <li>{@code ctrl} (write): several {@code add}, {@code set} or {@code remove} commands, one per
 *     line, applied together: if one fails, none is applied.</li>
 * <li>{@code drops} (read): packets dropped for lack of a route.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>
 * rt :: RadixIPLookup(10.0.0.0/8 1, 10.1.0.0/16 10.0.0.254 1, 192.168.1.0/24 2, 0/0 10.0.0.1 1);
 * </pre>
 */
@ElementInfo(ports = "1/-", processing = "h/h", aliases = "LookupIPRouteMP")
public final class RadixIPLookup extends IPRouteTable {
    private final RadixRouteTable table;

    public RadixIPLookup(ElementConfig c) {
        this(c, new RadixRouteTable());
    }

    private RadixIPLookup(ElementConfig c, RadixRouteTable table) {
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
        return tabbed(routes, true);
    }
}
