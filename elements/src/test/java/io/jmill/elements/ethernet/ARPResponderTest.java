package io.jmill.elements.ethernet;

import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.jmill.elements.ethernet.ArpFrames.arp;
import static io.jmill.elements.ethernet.ArpFrames.request;
import static io.jmill.elements.ethernet.ArpFrames.withByte;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ARPResponderTest {
    private static final String ME = "00:00:c0:ae:67:ef";
    private static final String PROXY = "00:00:c0:00:00:01";
    private static final String ASKER = "00:1b:21:3a:4f:5c";
    private static final String CONFIG = "ARPResponder(18.26.4.24 18.26.7.0/24 " + ME + ", 18.26.7.128/25 " + PROXY + ")";

    @Test
    void answersRequestsForItsAddressesWithExactReplies() throws Exception {
        try (Harness h = Harness.element(CONFIG, 1, 2)) {
            Packet req = Harness.packet(request(ASKER, "18.26.4.1", "18.26.4.24"));
            req.setVlanTci(0x0123);
            req.setInputDevice(3);
            h.push(0, req);
            h.push(0, request(ASKER, "18.26.4.1", "18.26.7.9"));
            h.push(0, request(ASKER, "18.26.4.1", "18.26.7.200"));
            assertEquals(3, h.count(0));
            assertEquals(0, h.count(1));
            List<byte[]> out = h.outputBytes(0);
            assertArrayEquals(arp(2, ASKER, ME, ME, "18.26.4.24", ASKER, "18.26.4.1"), out.get(0));
            assertArrayEquals(arp(2, ASKER, ME, ME, "18.26.7.9", ASKER, "18.26.4.1"), out.get(1));
            // The most specific network answers.
            assertArrayEquals(arp(2, ASKER, PROXY, PROXY, "18.26.7.200", ASKER, "18.26.4.1"), out.get(2));
            Packet reply = h.output(0).get(0);
            assertEquals(0x0123, reply.vlanTci());
            assertEquals(3, reply.inputDevice());
            assertEquals(0, reply.macHeaderOffset());
        }
    }

    @Test
    void everythingElseGoesToOutputOne() throws Exception {
        try (Harness h = Harness.element(CONFIG, 1, 2)) {
            byte[] good = request(ASKER, "18.26.4.1", "18.26.4.24");
            byte[][] others = {
                request(ASKER, "18.26.4.1", "18.26.4.25"),          // not ours
                Arrays.copyOf(good, 41),                             // short
                withByte(good, 13, 0x00),                            // not ARP (type 0x0800)
                withByte(good, 15, 6),                               // hardware type 6
                withByte(good, 17, 0xdd),                            // protocol 0x08dd
                withByte(good, 21, 2),                               // a reply
            };
            for (byte[] f : others) {
                h.push(0, f);
            }
            assertEquals(0, h.count(0));
            assertEquals(others.length, h.count(1));
            for (int i = 0; i < others.length; i++) {
                assertArrayEquals(others[i], h.outputBytes(1).get(i));
            }
        }
        // With one output, they are dropped (and not leaked).
        try (Harness h = Harness.element(CONFIG, 1, 1)) {
            h.push(0, request(ASKER, "18.26.4.1", "18.26.4.25"));
            assertEquals(0, h.count(0));
        }
    }

    @Test
    void configWriteReplacesTheTableAndSeesAddressInfoNames() throws Exception {
        try (Harness h = Harness.graph("AddressInfo(a 1.0.0.2/24 00:01:02:03:04:05, b 00:01:02:03:04:06);"
                + " input -> ar :: ARPResponder(9.9.9.9 00:00:00:00:00:09) -> output", 1, 1)) {
            h.write("e/ar.config", "a:ipnet b:eth, a");
            assertEquals("1.0.0.2/32 00-01-02-03-04-05\n1.0.0.0/24 00-01-02-03-04-06\n", h.read("e/ar.table"));
            assertEquals("00-01-02-03-04-06", h.router().read("e/ar.lookup", "1.0.0.1"));
            assertEquals("00-01-02-03-04-05", h.router().read("e/ar.lookup", "1.0.0.2"));
            assertEquals("", h.router().read("e/ar.lookup", "9.9.9.9"), "the old table is gone");
        }
    }

    @Test
    void handlersShowAndChangeTheTable() throws Exception {
        try (Harness h = Harness.element(CONFIG, 1, 2)) {
            assertEquals("18.26.4.24/32 00-00-C0-AE-67-EF\n18.26.7.128/25 00-00-C0-00-00-01\n"
                    + "18.26.7.0/24 00-00-C0-AE-67-EF\n", h.read("table"));
            assertEquals("", h.read("lookup"));
            h.write("lookup", "18.26.7.130");
            assertEquals("00-00-C0-00-00-01", h.read("lookup"));
            h.write("lookup", "18.26.8.1");
            assertEquals("", h.read("lookup"));

            h.write("add", "18.26.8.0/255.255.255.0 10.0.0.1 02-00-00-00-00-02");
            h.write("lookup", "18.26.8.1");
            assertEquals("02-00-00-00-00-02", h.read("lookup"));
            h.push(0, request(ASKER, "18.26.4.1", "10.0.0.1"));
            assertArrayEquals(arp(2, ASKER, "02:00:00:00:00:02", "02:00:00:00:00:02", "10.0.0.1", ASKER, "18.26.4.1"),
                    h.outputBytes(0).get(0));
            // A later entry for the same network replaces the earlier one.
            h.write("add", "18.26.8.0/24 02-00-00-00-00-03");
            assertEquals("02-00-00-00-00-03", h.read("lookup"));

            h.write("remove", "18.26.7.128/25");
            h.write("lookup", "18.26.7.130");
            assertEquals("00-00-C0-AE-67-EF", h.read("lookup"));

            assertEquals("missing ETH", assertThrows(HandlerException.class, () -> h.write("add", "1.2.3.4")).getMessage());
            assertEquals("missing IP/MASK", assertThrows(HandlerException.class,
                    () -> h.write("add", "02-00-00-00-00-03")).getMessage());
            assertEquals("more than one ETH", assertThrows(HandlerException.class,
                    () -> h.write("add", "1.2.3.4 02-00-00-00-00-03 02-00-00-00-00-04")).getMessage());
            assertEquals("expected IP/MASK ETH", assertThrows(HandlerException.class,
                    () -> h.write("add", "1.2.3.4 nonsense")).getMessage());
            assertEquals("18.26.9.0/24 not found", assertThrows(HandlerException.class,
                    () -> h.write("remove", "18.26.9.0/24")).getMessage());
            assertEquals("expected IP/MASK", assertThrows(HandlerException.class,
                    () -> h.write("remove", "x")).getMessage());
        }
    }

    @Test
    void configurationErrorsNameTheArgument() {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(
                "ARPResponder(18.26.4.24 " + ME + ", 18.26.4.25, " + ME + ", 1.2.3.4 " + ME + " " + PROXY + ", 1.2.3.4 zz)",
                1, 1).close());
        assertEquals(List.of("argument 2: missing ETH", "argument 3: missing IP/MASK", "argument 4: more than one ETH",
                "argument 5: expected IP/MASK ETH"), e.errors().stream().map(ConfigError::message).toList());
    }
}
