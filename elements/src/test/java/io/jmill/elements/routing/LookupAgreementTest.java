package io.jmill.elements.routing;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The three lookup structures against a brute-force reference: random tables of 1000 routes of
 * mixed prefix lengths, 100,000 random lookups each, before and after random route changes made
 * through the handlers.
 */
class LookupAgreementTest {
    private static final int ROUTES = 1000;
    private static final int LOOKUPS = 100_000;
    private static final int OUTPUTS = 4;

    /** The reference: every route that contains the address, the longest wins. */
    private static String reference(Map<Long, IPRoute> routes, int addr) {
        IPRoute best = null;
        for (IPRoute r : routes.values()) {
            if (r.contains(addr) && (best == null || r.prefixLength() > best.prefixLength())) {
                best = r;
            }
        }
        return hop(best);
    }

    private static String hop(IPRoute r) {
        return r == null ? "none" : r.port() + "/" + IPRoute.addressString(r.gw());
    }

    private static long key(IPRoute r) {
        return ((long) r.addr() << 8) | r.prefixLength();
    }

    /** Prefix lengths as in real tables: mostly /24 and around, a few short and host routes. */
    private static int randomLength(Random rnd) {
        int x = rnd.nextInt(100);
        if (x < 2) {
            return rnd.nextInt(8);
        } else if (x < 20) {
            return 8 + rnd.nextInt(9);
        } else if (x < 80) {
            return 17 + rnd.nextInt(8);
        }
        return 25 + rnd.nextInt(8);
    }

    private static IPRoute randomRoute(Random rnd, List<IPRoute> near) {
        int len = randomLength(rnd);
        int addr = rnd.nextInt();
        if (!near.isEmpty() && rnd.nextBoolean()) {
            // Nest inside or next to an existing route, so that prefixes overlap.
            IPRoute other = near.get(rnd.nextInt(near.size()));
            addr = other.addr() ^ (rnd.nextInt() >>> Math.min(31, other.prefixLength()));
        }
        int gw = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(16) + 0x0A000001;
        return new IPRoute(addr, IPRoute.maskOf(len), gw, rnd.nextInt(OUTPUTS));
    }

    /** Addresses that hit routes' edges and insides as well as random ones. */
    private static int randomAddress(Random rnd, List<IPRoute> routes) {
        if (routes.isEmpty() || rnd.nextInt(4) == 0) {
            return rnd.nextInt();
        }
        IPRoute r = routes.get(rnd.nextInt(routes.size()));
        return switch (rnd.nextInt(4)) {
            case 0 -> r.addr();
            case 1 -> r.addr() | ~r.mask();
            case 2 -> (r.addr() | ~r.mask()) + 1;
            default -> r.addr() | (rnd.nextInt() & ~r.mask());
        };
    }

    private record Lookups(Harness linear, Harness radix, Harness direct) implements AutoCloseable {
        LinearIPLookup linearElement() {
            return (LinearIPLookup) linear.element();
        }

        RadixIPLookup radixElement() {
            return (RadixIPLookup) radix.element();
        }

        DirectIPLookup directElement() {
            return (DirectIPLookup) direct.element();
        }

        void write(String handler, String value) throws Exception {
            linear.write(handler, value);
            radix.write(handler, value);
            direct.write(handler, value);
        }

        @Override
        public void close() {
            try (linear; radix; direct) {
                // closed in reverse order, each checked for leaks
            }
        }
    }

    private static Lookups build(Map<Long, IPRoute> routes) throws Exception {
        StringJoiner config = new StringJoiner(", ", "(", ")");
        for (IPRoute r : routes.values()) {
            config.add(r.toString());
        }
        Harness linear = Harness.element("LinearIPLookup" + config, 1, OUTPUTS);
        Harness radix = Harness.element("RadixIPLookup" + config, 1, OUTPUTS);
        Harness direct = Harness.element("DirectIPLookup" + config, 1, OUTPUTS);
        return new Lookups(linear, radix, direct);
    }

    private static void checkAgreement(Lookups l, Map<Long, IPRoute> routes, Random rnd, String phase) {
        List<IPRoute> list = new ArrayList<>(routes.values());
        int mismatches = 0;
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < LOOKUPS; i++) {
            int a = randomAddress(rnd, list);
            String expected = reference(routes, a);
            String linear = hop(l.linearElement().lookup(a));
            String radix = hop(l.radixElement().lookup(a));
            String direct = hop(l.directElement().lookup(a));
            long packed = l.directElement().lookupHop(a);
            String directPacked = packed == DirectRouteTable.NO_HOP ? "none"
                    : (int) packed + "/" + IPRoute.addressString((int) (packed >>> 32));
            if (!expected.equals(linear) || !expected.equals(radix) || !expected.equals(direct)
                    || !expected.equals(directPacked)) {
                if (mismatches++ < 10) {
                    report.append(String.format("%s: %s expected %s, linear %s, radix %s, direct %s (packed %s)%n",
                            phase, IPRoute.addressString(a), expected, linear, radix, direct, directPacked));
                }
            }
        }
        if (mismatches > 0) {
            fail(mismatches + " mismatches\n" + report);
        }
    }

    @Test
    void allLookupsAgreeWithTheReference() throws Exception {
        for (long seed : new long[] {1, 2}) {
            Random rnd = new Random(seed);
            Map<Long, IPRoute> routes = new HashMap<>();
            List<IPRoute> added = new ArrayList<>();
            while (routes.size() < ROUTES) {
                IPRoute r = randomRoute(rnd, added);
                if (routes.putIfAbsent(key(r), r) == null) {
                    added.add(r);
                }
            }
            // The element keeps the first of duplicate prefixes, so the config order must match.
            Map<Long, IPRoute> ordered = new java.util.LinkedHashMap<>();
            for (IPRoute r : added) {
                ordered.put(key(r), r);
            }
            try (Lookups l = build(ordered)) {
                checkAgreement(l, ordered, rnd, "seed " + seed + " configured");
                assertEquals(ROUTES, l.radix().read("table").lines().count());

                // Churn through the handlers: remove, replace and add routes.
                for (int i = 0; i < 400; i++) {
                    List<IPRoute> current = new ArrayList<>(ordered.values());
                    switch (rnd.nextInt(3)) {
                        case 0 -> {
                            IPRoute victim = current.get(rnd.nextInt(current.size()));
                            l.write("remove", victim.prefixString());
                            ordered.remove(key(victim));
                        }
                        case 1 -> {
                            IPRoute old = current.get(rnd.nextInt(current.size()));
                            IPRoute r = new IPRoute(old.addr(), old.mask(), rnd.nextInt(16) + 0x0A000001,
                                    rnd.nextInt(OUTPUTS));
                            l.write("set", r.toString());
                            ordered.put(key(r), r);
                        }
                        default -> {
                            IPRoute r = randomRoute(rnd, current);
                            if (!ordered.containsKey(key(r))) {
                                l.write("add", r.toString());
                                ordered.put(key(r), r);
                            }
                        }
                    }
                }
                checkAgreement(l, ordered, rnd, "seed " + seed + " after changes");

                // And the packets follow the lookups.
                for (Harness h : new Harness[] {l.linear(), l.radix(), l.direct()}) {
                    for (int i = 0; i < 2000; i++) {
                        int a = randomAddress(rnd, new ArrayList<>(ordered.values()));
                        IPRoute expected = null;
                        for (IPRoute r : ordered.values()) {
                            if (r.contains(a) && (expected == null || r.prefixLength() > expected.prefixLength())) {
                                expected = r;
                            }
                        }
                        Packet p = Harness.packet(new byte[20]);
                        p.setDstIpAnno(a);
                        h.push(0, p);
                        for (int port = 0; port < OUTPUTS; port++) {
                            int n = h.count(port);
                            if (expected != null && port == expected.port()) {
                                assertEquals(1, n, "port of " + IPRoute.addressString(a));
                                int anno = h.output(port).get(0).dstIpAnno();
                                assertEquals(expected.gw() == 0 ? a : expected.gw(), anno);
                            } else {
                                assertEquals(0, n, "port " + port + " for " + IPRoute.addressString(a));
                            }
                        }
                        h.clearOutputs();
                    }
                }
            }
        }
    }
}
