package io.jmill.elements.routing;

import java.util.Arrays;

/**
 * A multibit trie in Click's RadixIPLookup shape: the root has 256 slots indexed by the first
 * address byte, each level below has 16 slots indexed by the next 4 bits, so a lookup visits at
 * most 7 nodes. A route of prefix length L lives in the node of the level whose bits end at or
 * after L, expanded over the slots it covers there (controlled prefix expansion); each slot
 * remembers the length of the route it holds, so a more specific route is never overwritten by
 * a shorter one. A lookup walks down and keeps the last route it met. The default route (/0) is
 * kept aside.
 *
 * <p>Memory: a node is three arrays of its slot count (route references, lengths, children): the
 * root about 2.3 KiB, each further node about 150 bytes. Nodes are made as routes need them and
 * kept when routes go, as in Click.
 */
final class RadixRouteTable extends RouteTable {
    /** First bit (exclusive) and last bit (inclusive) of the prefix lengths each level holds. */
    private static final int[] START = {0, 8, 12, 16, 20, 24, 28};
    private static final int[] END = {8, 12, 16, 20, 24, 28, 32};

    private static final class Node {
        final int shift;
        final int slotMask;
        final IPRoute[] routes;
        final byte[] lengths;
        final Node[] children;

        Node(int level) {
            int bits = END[level] - START[level];
            shift = 32 - END[level];
            slotMask = (1 << bits) - 1;
            routes = new IPRoute[1 << bits];
            lengths = new byte[1 << bits];
            children = new Node[1 << bits];
        }

        int slot(int addr) {
            return (addr >>> shift) & slotMask;
        }
    }

    private final Node root = new Node(0);
    private volatile IPRoute defaultRoute;

    @Override
    IPRoute lookup(int addr) {
        IPRoute best = defaultRoute;
        Node n = root;
        do {
            int i = (addr >>> n.shift) & n.slotMask;
            IPRoute r = n.routes[i];
            if (r != null) {
                best = r;
            }
            n = n.children[i];
        } while (n != null);
        return best;
    }

    private static int levelOf(int len) {
        return len <= 8 ? 0 : (len - 9) / 4 + 1;
    }

    /** The node holding routes of length {@code len} for {@code addr}; created on the way if {@code create}. */
    private Node nodeFor(int addr, int len, boolean create) {
        int level = levelOf(len);
        Node n = root;
        for (int k = 0; k < level; k++) {
            int i = n.slot(addr);
            Node c = n.children[i];
            if (c == null) {
                if (!create) {
                    return null;
                }
                // Published empty: until filled below, lookups there fall back to the routes above.
                c = new Node(k + 1);
                n.children[i] = c;
            }
            n = c;
        }
        return n;
    }

    @Override
    void install(IPRoute route, IPRoute replaced) {
        int len = route.prefixLength();
        if (len == 0) {
            defaultRoute = route;
            return;
        }
        Node n = nodeFor(route.addr(), len, true);
        int span = END[levelOf(len)] - len;
        int first = (n.slot(route.addr()) >>> span) << span;
        for (int s = first; s < first + (1 << span); s++) {
            if (n.lengths[s] <= len) {
                n.routes[s] = route;
                n.lengths[s] = (byte) len;
            }
        }
    }

    @Override
    void uninstall(IPRoute route) {
        int len = route.prefixLength();
        if (len == 0) {
            defaultRoute = null;
            return;
        }
        Node n = nodeFor(route.addr(), len, false);
        if (n == null) {
            return;
        }
        int level = levelOf(len);
        // Routes of this node's level that cover the removed one take over its slots; shorter
        // routes live in the nodes above and are found by the lookup walk.
        IPRoute heir = covering(route.addr(), len, START[level] + 1);
        byte heirLength = (byte) (heir == null ? 0 : heir.prefixLength());
        int span = END[level] - len;
        int first = (n.slot(route.addr()) >>> span) << span;
        for (int s = first; s < first + (1 << span); s++) {
            if (n.lengths[s] == len) {
                n.routes[s] = heir;
                n.lengths[s] = heirLength;
            }
        }
    }

    @Override
    void reset() {
        defaultRoute = null;
        Arrays.fill(root.routes, null);
        Arrays.fill(root.lengths, (byte) 0);
        Arrays.fill(root.children, null);
    }
}
