package io.jmill.elements.routing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IPRouteTest {
    private static IPRoute route(String text) {
        return IPRoute.parse(text, false);
    }

    @Test
    void parsesClickRouteForms() {
        assertEquals(new IPRoute(0x121A0400, 0xFFFFFF00, 0, 1), route("18.26.4.0/24 1"));
        assertEquals(new IPRoute(0, 0, 0x121A0401, 1), route("0.0.0.0/0 18.26.4.1 1"));
        assertEquals(new IPRoute(0x0A000001, -1, 0, 0), route("10.0.0.1/32 0"));
        assertEquals(new IPRoute(0x0A000001, -1, 0, 0), route("10.0.0.1 0"));
        assertEquals(new IPRoute(0x121A0400, 0xFFFFFF00, 0, 1), route("18.26.4/24 1"));
        assertEquals(new IPRoute(0, 0, 0x121A0401, 1), route("0/0 18.26.4.1 1"));
        assertEquals(new IPRoute(0x0A000000, 0xFF000000, 0, 2), route("10/8 2"));
        assertEquals(new IPRoute(0x0A000000, 0xFFFF0000, 0, 3), route("10.0.0.0/255.255.0.0 3"));
        assertEquals(new IPRoute(0x0A000000, 0xFF000000, 0, 2), route("10.0.0.0/8 - 2"));
        assertEquals(new IPRoute(-1, -1, 0, 0), route("255.255.255.255/32 0.0.0.0 0"));
        assertEquals(new IPRoute(0x0A000000, 0xFF000000, 0, 2), route("  10.0.0.0/8 \t 2  "));
    }

    @Test
    void clearsHostBits() {
        assertEquals(new IPRoute(0x0A010000, 0xFFFF0000, 0, 1), route("10.1.2.3/16 1"));
        assertEquals(0x0A010000, route("10.1.2.3/16 1").addr());
    }

    @Test
    void rejectsMalformedRoutes() {
        for (String bad : new String[] {"", "1", "10.0.0.0/8", "10.0.0.0/33 1", "10.0.0.0/8 x",
                "10.0.0.0/8 1 2", "10.0.0.0/255.0.255.0 1", "10.0.0.256/8 1", "10.0.0/8.1 1",
                "10.0.0.0/8 10.0.0.1", "10.0.0.0/8 10.0.0.1 1 1", "10.0.0/ 1", "10.0.0 1",
                "10..0.0/8 1", "10.0.0.0/8 10.0.1 1", "a.b.c.d/8 1", "10.0.0.0/-1 1"}) {
            assertNull(route(bad), bad);
        }
    }

    @Test
    void removalRoutesMayOmitTheOutput() {
        assertEquals(new IPRoute(0x0A000000, 0xFF000000, 0, -1), IPRoute.parse("10.0.0.0/8", true));
        assertEquals(new IPRoute(0x0A000000, 0xFF000000, 0x0A000001, -1), IPRoute.parse("10.0.0.0/8 10.0.0.1", true));
        assertEquals(new IPRoute(0x0A000000, 0xFF000000, 0x0A000001, 2), IPRoute.parse("10.0.0.0/8 10.0.0.1 2", true));
        assertNull(IPRoute.parse("10.0.0.0/8", false));
    }

    @Test
    void designatesMatchesPrefixAndOptionallyNextHop() {
        IPRoute existing = route("10.0.0.0/8 10.0.0.1 2");
        assertTrue(IPRoute.parse("10.0.0.0/8", true).designates(existing));
        assertTrue(IPRoute.parse("10.0.0.0/8 10.0.0.1 2", true).designates(existing));
        assertFalse(IPRoute.parse("10.0.0.0/8 10.0.0.1 1", true).designates(existing));
        assertFalse(IPRoute.parse("10.0.0.0/8 - 2", true).designates(existing));
        assertFalse(IPRoute.parse("10.0.0.0/16", true).designates(existing));
    }

    @Test
    void printsAsClick() {
        assertEquals("18.26.4.0/24 - 1", route("18.26.4/24 1").toString());
        assertEquals("0.0.0.0/0 18.26.4.1 1", route("0/0 18.26.4.1 1").toString());
        // Tab stops as Click's IPRoute::unparse(sa, true).
        assertEquals("18.26.4.0/24\t\t-\t\t1", route("18.26.4/24 1").tabbed(true));
        assertEquals("18.26.4.0/24\t\t0.0.0.0\t\t1", route("18.26.4/24 1").tabbed(false));
        assertEquals("255.255.255.255/32\t18.26.4.1\t1", route("255.255.255.255/32 18.26.4.1 1").tabbed(true));
    }
}
