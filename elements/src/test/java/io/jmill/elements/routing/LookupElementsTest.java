package io.jmill.elements.routing;

import io.jmill.driver.net.Addresses;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Behavior every lookup element shares, run against each; then what differs between them. */
class LookupElementsTest {
    /** Click's LinearIPLookup example, plus a /25 and a host route. */
    private static final String ROUTES = "18.26.4.24/32 0, 18.26.4.255/32 0, 18.26.4.0/32 0, 18.26.4/24 1, "
            + "18.26.4.128/25 18.26.4.2 2, 0/0 18.26.4.1 1";

    private static Harness harness(String cls, String routes, int outputs) throws ConfigException {
        return Harness.element(cls + "(" + routes + ")", 1, outputs);
    }

    private static Packet packetTo(String dst) {
        Packet p = Harness.packet(new byte[] {0x45, 0, 0, 20});
        p.setDstIpAnno(Addresses.ip(dst));
        return p;
    }

    /** Pushes a packet for {@code dst}; returns "port annotation" of where it went, or "dropped". */
    private static String route(Harness h, String dst) {
        int[] before = new int[h.element().noutputs()];
        for (int i = 0; i < before.length; i++) {
            before[i] = h.count(i);
        }
        h.push(0, packetTo(dst));
        for (int i = 0; i < before.length; i++) {
            if (h.count(i) > before[i]) {
                List<Packet> out = h.output(i);
                return i + " " + Addresses.ipString(out.get(out.size() - 1).dstIpAnno());
            }
        }
        return "dropped";
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "StaticIPLookup", "RadixIPLookup", "DirectIPLookup",
            "LookupIPRoute", "LookupIPRouteMP"})
    void routesByLongestPrefixAndSetsTheGatewayAnnotation(String cls) throws Exception {
        try (Harness h = harness(cls, ROUTES, 3)) {
            assertEquals("0 18.26.4.24", route(h, "18.26.4.24"));
            assertEquals("0 18.26.4.255", route(h, "18.26.4.255"));
            assertEquals("0 18.26.4.0", route(h, "18.26.4.0"));
            assertEquals("1 18.26.4.7", route(h, "18.26.4.7"));
            assertEquals("1 18.26.4.127", route(h, "18.26.4.127"));
            assertEquals("2 18.26.4.2", route(h, "18.26.4.128"));
            assertEquals("2 18.26.4.2", route(h, "18.26.4.254"));
            assertEquals("1 18.26.4.1", route(h, "18.26.5.1"));
            assertEquals("1 18.26.4.1", route(h, "1.2.3.4"));
            // A zero annotation is looked up like any address, so here it takes the default route.
            assertEquals("1 18.26.4.1", route(h, "0.0.0.0"));
            assertEquals("0", h.read("drops"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "StaticIPLookup", "RadixIPLookup", "DirectIPLookup"})
    void dropsAndCountsPacketsWithoutRoute(String cls) throws Exception {
        try (Harness h = harness(cls, "10.0.0.0/8 0, 10.1.0.0/16 10.9.9.9 1", 2)) {
            assertEquals("dropped", route(h, "11.0.0.1"));
            assertEquals("dropped", route(h, "0.0.0.0"));
            assertEquals("1 10.9.9.9", route(h, "10.1.255.255"));
            assertEquals("0 10.2.0.0", route(h, "10.2.0.0"));
            assertEquals("2", h.read("drops"));
            assertEquals(2, ((IPRouteTable) h.element()).drops());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "StaticIPLookup", "RadixIPLookup", "DirectIPLookup"})
    void lookupHandlerReportsPortAndGateway(String cls) throws Exception {
        try (Harness h = harness(cls, ROUTES, 3)) {
            assertEquals("", h.read("lookup"));
            h.write("lookup", "18.26.4.200");
            assertEquals("2 18.26.4.2", h.read("lookup"));
            h.write("lookup", " 18.26.4.24 ");
            assertEquals("0", h.read("lookup"));
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("lookup", "18.26.4"));
            assertEquals("expected IP address, not '18.26.4'", e.getMessage());
        }
        try (Harness h = harness(cls, "10.0.0.0/8 0", 1)) {
            h.write("lookup", "11.0.0.1");
            assertEquals("-1", h.read("lookup"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "StaticIPLookup", "RadixIPLookup", "DirectIPLookup"})
    void lookupReadWithAnAddressAnswersForThatAddressAsInClick(String cls) throws Exception {
        try (Harness h = harness(cls, ROUTES, 3)) {
            assertEquals("2 18.26.4.2", h.router().read("e.lookup", "18.26.4.200"));
            assertEquals("0", h.router().read("e.lookup", " 18.26.4.24"));
            assertEquals("", h.read("lookup"), "a read with a parameter does not set the written address");
            HandlerException e = assertThrows(HandlerException.class, () -> h.router().read("e.lookup", "18.26.4"));
            assertEquals("expected IP address, not '18.26.4'", e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "RadixIPLookup", "DirectIPLookup"})
    void addSetRemoveChangeTheRoutesWhilePacketsFlow(String cls) throws Exception {
        try (Harness h = harness(cls, "10.0.0.0/8 0", 3)) {
            assertEquals("dropped", route(h, "192.168.1.1"));
            h.write("add", "192.168.1.0/24 1");
            assertEquals("1 192.168.1.1", route(h, "192.168.1.1"));
            HandlerException conflict = assertThrows(HandlerException.class, () -> h.write("add", "192.168.1.0/24 2"));
            assertEquals("conflict with existing route '192.168.1.0/24 - 1'", conflict.getMessage());
            h.write("set", "192.168.1.0/24 192.168.0.1 2");
            assertEquals("2 192.168.0.1", route(h, "192.168.1.1"));
            h.write("add", "192.168.1.128/25 0");
            h.write("add", "0.0.0.0/0 10.0.0.1 0");
            assertEquals("0 192.168.1.200", route(h, "192.168.1.200"));

            HandlerException wrongHop = assertThrows(HandlerException.class,
                    () -> h.write("remove", "192.168.1.0/24 192.168.0.9 2"));
            assertEquals("route '192.168.1.0/24 192.168.0.9 2' not found", wrongHop.getMessage());
            h.write("remove", "192.168.1.0/24 192.168.0.1 2");
            assertEquals("0 10.0.0.1", route(h, "192.168.1.1"));
            assertEquals("0 192.168.1.200", route(h, "192.168.1.200"));
            h.write("remove", "192.168.1.128/25");
            assertEquals("0 10.0.0.1", route(h, "192.168.1.200"));
            h.write("remove", "0/0");
            assertEquals("dropped", route(h, "192.168.1.200"));
            HandlerException missing = assertThrows(HandlerException.class, () -> h.write("remove", "172.16.0.0/12"));
            assertEquals("route '172.16.0.0/12' not found", missing.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "RadixIPLookup", "DirectIPLookup"})
    void badRouteCommandsAreRefused(String cls) throws Exception {
        try (Harness h = harness(cls, "10.0.0.0/8 0", 2)) {
            for (String bad : new String[] {"10.0.0.0/8", "garbage", "11.0.0.0/8 2", "11.0.0.0/8 -1", ""}) {
                HandlerException e = assertThrows(HandlerException.class, () -> h.write("add", bad));
                assertEquals("expected 'ADDR/MASK [GATEWAY] OUTPUT'", e.getMessage());
                e = assertThrows(HandlerException.class, () -> h.write("set", bad));
                assertEquals("expected 'ADDR/MASK [GATEWAY] OUTPUT'", e.getMessage());
            }
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("remove", "10.0.0.0/8 5"));
            assertEquals("expected 'ADDR/MASK [GATEWAY OUTPUT]'", e.getMessage());
            assertEquals("0 10.0.0.1", route(h, "10.0.0.1"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "RadixIPLookup", "DirectIPLookup"})
    void ctrlAppliesAllCommandsOrNone(String cls) throws Exception {
        try (Harness h = harness(cls, "10.0.0.0/8 0, 10.1.0.0/16 1", 3)) {
            h.write("ctrl", "add 20.0.0.0/8 1\n\nset 10.0.0.0/8 10.0.0.254 2\nremove 10.1.0.0/16\n");
            assertEquals("1 20.0.0.1", route(h, "20.0.0.1"));
            assertEquals("2 10.0.0.254", route(h, "10.1.0.1"));

            String before = h.read("table");
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("ctrl",
                    "add 30.0.0.0/8 1\nremove 20.0.0.0/8\nset 10.0.0.0/8 0\nadd 30.0.0.0/8 2"));
            assertEquals("conflict with existing route '30.0.0.0/8 - 1'", e.getMessage());
            assertEquals(before, h.read("table"));
            assertEquals("dropped", route(h, "30.0.0.1"));
            assertEquals("1 20.0.0.1", route(h, "20.0.0.1"));
            assertEquals("2 10.0.0.254", route(h, "10.0.0.1"));

            e = assertThrows(HandlerException.class, () -> h.write("ctrl", "add 40.0.0.0/8 1\nreplace 10.0.0.0/8 0"));
            assertEquals("bad command 'replace'", e.getMessage());
            assertEquals("dropped", route(h, "40.0.0.1"));
            assertEquals(before, h.read("table"));
        }
    }

    @Test
    void staticIPLookupHasNoRouteChangingHandlers() throws Exception {
        try (Harness h = harness("StaticIPLookup", ROUTES, 3)) {
            for (String name : new String[] {"add", "set", "remove", "ctrl", "flush"}) {
                HandlerException e = assertThrows(HandlerException.class, () -> h.router().handler("e." + name));
                assertEquals("element 'e' has no handler '" + name + "'", e.getMessage());
            }
            assertNotNull(h.router().handler("e.table"));
        }
    }

    @Test
    void tablesPrintAsClickDoes() throws Exception {
        String routes = "18.26.4.24/32 0, 18.26.4/24 1, 0/0 18.26.4.1 1";
        try (Harness h = harness("LinearIPLookup", routes, 2)) {
            assertEquals("18.26.4.24/32 - 0\n18.26.4.0/24 - 1\n0.0.0.0/0 18.26.4.1 1\n", h.read("table"));
            h.write("set", "18.26.4.0/24 18.26.4.9 0");
            h.write("add", "1.0.0.0/8 0");
            assertEquals("18.26.4.24/32 - 0\n18.26.4.0/24 18.26.4.9 0\n0.0.0.0/0 18.26.4.1 1\n1.0.0.0/8 - 0\n",
                    h.read("table"));
        }
        try (Harness h = harness("StaticIPLookup", routes, 2)) {
            assertEquals("18.26.4.24/32 - 0\n18.26.4.0/24 - 1\n0.0.0.0/0 18.26.4.1 1\n", h.read("table"));
        }
        try (Harness h = harness("RadixIPLookup", routes, 2)) {
            assertEquals("18.26.4.24/32\t\t-\t\t0\n18.26.4.0/24\t\t-\t\t1\n0.0.0.0/0\t\t18.26.4.1\t1\n",
                    h.read("table"));
        }
        try (Harness h = harness("DirectIPLookup", routes, 2)) {
            assertEquals("18.26.4.24/32\t\t0.0.0.0\t\t0\n18.26.4.0/24\t\t0.0.0.0\t\t1\n0.0.0.0/0\t\t18.26.4.1\t1\n",
                    h.read("table"));
            h.write("flush", "");
            assertEquals("", h.read("table"));
            assertEquals("dropped", route(h, "18.26.4.24"));
            h.write("add", "18.26.4.24/32 1");
            assertEquals("1 18.26.4.24", route(h, "18.26.4.24"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "StaticIPLookup", "RadixIPLookup", "DirectIPLookup"})
    void aPrefixGivenTwiceKeepsItsFirstRoute(String cls) throws Exception {
        try (Harness h = harness(cls, "10.0.0.0/8 0, 10.9.9.9/8 1", 2)) {
            assertEquals("0 10.1.1.1", route(h, "10.1.1.1"));
            assertEquals(1, h.read("table").lines().count());
        }
    }

    private static List<String> configErrors(String decl, int outputs) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl, 1, outputs).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"LinearIPLookup", "StaticIPLookup", "RadixIPLookup", "DirectIPLookup"})
    void configurationErrorsNameTheArgument(String cls) {
        assertEquals(List.of("argument 2 should be 'ADDR/MASK [GATEWAY] OUTPUT'",
                        "argument 3: output 2 out of range (the element has 2 outputs)",
                        "argument 4 should be 'ADDR/MASK [GATEWAY] OUTPUT'"),
                configErrors(cls + "(10.0.0.0/8 0, 10.0.0.0/8, 11.0.0.0/8 2, 12.0.0.0/8 12.0.0.1 1 extra)", 2));
        assertEquals(List.of("argument 1: output 1 out of range (the element has 1 output)"),
                configErrors(cls + "(0/0 1)", 1));
        assertEquals(List.of("unknown keyword 'ROUTE'"), configErrors(cls + "(ROUTE 10.0.0.0/8 0)", 1));
    }

    @Test
    void directIPLookupFreesChunksWhenLongRoutesGo() throws Exception {
        try (Harness h = harness("DirectIPLookup", "10.0.0.0/8 0", 2)) {
            DirectIPLookup d = (DirectIPLookup) h.element();
            h.write("add", "10.1.2.0/25 1");
            h.write("add", "10.1.2.192/26 1");
            h.write("add", "10.1.3.1/32 1");
            assertEquals(2, d.chunksInUse());
            assertEquals("1 10.1.2.5", route(h, "10.1.2.5"));
            assertEquals("0 10.1.2.130", route(h, "10.1.2.130"));
            assertEquals("1 10.1.2.200", route(h, "10.1.2.200"));
            h.write("remove", "10.1.2.0/25");
            assertEquals(2, d.chunksInUse());
            h.write("remove", "10.1.2.192/26");
            assertEquals(1, d.chunksInUse());
            assertEquals("0 10.1.2.200", route(h, "10.1.2.200"));
            // A /24 route over a split /24 goes into the chunk, under the longer route.
            h.write("add", "10.1.3.0/24 1");
            assertEquals("1 10.1.3.7", route(h, "10.1.3.7"));
            h.write("remove", "10.1.3.1/32");
            assertEquals(0, d.chunksInUse());
            assertEquals("1 10.1.3.1", route(h, "10.1.3.1"));
            h.write("remove", "10.1.3.0/24");
            assertEquals("0 10.1.3.1", route(h, "10.1.3.1"));
        }
    }
}
