package io.jmill.elements.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The routes of one lookup element and the structure that answers longest-prefix lookups on
 * them. The routes themselves are kept here, by prefix, in insertion order (for the
 * {@code table} handler and for finding the next-best route when one is removed); subclasses
 * keep the lookup structure in step through {@link #install}, {@link #uninstall} and
 * {@link #reset}.
 *
 * <p>Changes are made under this object's lock, by one thread at a time. {@link #lookup} takes
 * no lock and must stay garbage-free: a lookup that races with a change sees, for each address,
 * the route before or after it (as in Click, whose lookup elements are updated in place too;
 * {@link DirectRouteTable} notes a narrower exception).
 */
abstract class RouteTable {
    private final LinkedHashMap<Long, IPRoute> routes = new LinkedHashMap<>();

    /** The longest-prefix route for {@code addr}, or null; called per packet. */
    abstract IPRoute lookup(int addr);

    /**
     * Refuses a route the structure has no room for, before anything changes; the message is
     * shown to the user ({@code "secondary lookup table size limit exceeded"}).
     */
    void checkCapacity(IPRoute route, IPRoute replaced) {
    }

    /** Adds {@code route} to the lookup structure, replacing {@code replaced} (same prefix) if not null. */
    abstract void install(IPRoute route, IPRoute replaced);

    /** Removes {@code route} from the lookup structure; it is already gone from {@link #routes()}. */
    abstract void uninstall(IPRoute route);

    /** Empties the lookup structure. */
    abstract void reset();

    /** Makes a run of changes visible to lookups; structures updated in place need nothing. */
    synchronized void commit() {
    }

    /** The route for exactly this prefix, or null. */
    synchronized IPRoute find(int addr, int mask) {
        return routes.get(key(addr & mask, Integer.bitCount(mask)));
    }

    /**
     * Adds {@code route}, or replaces the route with the same prefix (keeping its place in the
     * table order).
     *
     * @throws IllegalStateException if the lookup structure is full (message for the user)
     */
    synchronized void put(IPRoute route) {
        Long k = key(route.addr(), route.prefixLength());
        IPRoute replaced = routes.get(k);
        checkCapacity(route, replaced);
        install(route, replaced);
        routes.put(k, route);
    }

    /** Removes {@code route}, which must be in the table. */
    synchronized void remove(IPRoute route) {
        routes.remove(key(route.addr(), route.prefixLength()));
        uninstall(route);
    }

    synchronized void clear() {
        routes.clear();
        reset();
    }

    /** The routes in insertion order. */
    synchronized List<IPRoute> routes() {
        return new ArrayList<>(routes.values());
    }

    synchronized int size() {
        return routes.size();
    }

    /**
     * The most specific route that covers {@code addr/len} with a prefix length in
     * [{@code minLen}, {@code len}), or null: what takes over the addresses of a removed route.
     */
    IPRoute covering(int addr, int len, int minLen) {
        for (int l = len - 1; l >= minLen; l--) {
            IPRoute r = routes.get(key(addr & IPRoute.maskOf(l), l));
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static Long key(int maskedAddr, int len) {
        return ((long) maskedAddr << 8) | len;
    }
}
