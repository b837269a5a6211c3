package io.jmill.elements.routing;

import io.jmill.engine.testing.AllocatedBytes;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.util.function.IntUnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-packet lookups allocate nothing (a regression check, not a benchmark). */
class LookupAllocationTest {
    private static final String ROUTES = "(10.0.0.0/8 0, 10.1.0.0/16 10.0.0.1 1, 10.1.2.128/25 1, 10.1.2.200/32 0, "
            + "192.168.0.0/16 1, 0/0 10.0.0.254 0)";

    private static long sink;

    private static void lookups(IntUnaryOperator lookup) {
        long s = 0;
        for (int i = 0; i < 1_000_000; i++) {
            s += lookup.applyAsInt(0x0A010200 + (i & 0x3FF) * 0x1011);
        }
        sink += s;
    }

    @Test
    void lookupsAllocateNothing() throws Exception {
        for (String cls : new String[] {"LinearIPLookup", "RadixIPLookup", "DirectIPLookup"}) {
            try (Harness h = Harness.element(cls + ROUTES, 1, 2)) {
                IPRouteTable e = (IPRouteTable) h.element();
                IntUnaryOperator op = switch (e) {
                    case LinearIPLookup l -> a -> l.lookup(a).port();
                    case RadixIPLookup r -> a -> r.lookup(a).port();
                    case DirectIPLookup d -> a -> d.lookup(a).port();
                    default -> throw new AssertionError(cls);
                };
                lookups(op); // warm up
                long bytes = AllocatedBytes.during(() -> lookups(op));
                assertTrue(bytes < 1024, cls + " allocated " + bytes + " bytes for 1M lookups");
                assertEquals(1, e.routeTable().lookup(0x0A0102C8 - 0x40).port());
            }
        }
    }
}
