package io.jmill.elements.routing;

import java.util.Comparator;
import java.util.List;

/**
 * Linear search: an array of the routes, most specific first, scanned until the first route
 * that contains the address. The array is rebuilt and swapped in whole at each
 * {@link #commit()}, so a lookup always scans one consistent table.
 */
final class LinearRouteTable extends RouteTable {
    private static final IPRoute[] NONE = new IPRoute[0];

    private volatile IPRoute[] byLength = NONE;
    private boolean dirty;

    @Override
    IPRoute lookup(int addr) {
        for (IPRoute r : byLength) {
            if (((addr ^ r.addr()) & r.mask()) == 0) {
                return r;
            }
        }
        return null;
    }

    @Override
    void install(IPRoute route, IPRoute replaced) {
        dirty = true;
    }

    @Override
    void uninstall(IPRoute route) {
        dirty = true;
    }

    @Override
    void reset() {
        dirty = true;
    }

    @Override
    synchronized void commit() {
        if (dirty) {
            List<IPRoute> all = routes();
            all.sort(Comparator.comparingInt(IPRoute::prefixLength).reversed());
            byLength = all.toArray(NONE);
            dirty = false;
        }
    }
}
