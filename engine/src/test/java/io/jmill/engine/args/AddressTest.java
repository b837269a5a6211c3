package io.jmill.engine.args;

import static io.jmill.engine.args.Probe.bad;
import static io.jmill.engine.args.Probe.ok;
import static io.jmill.engine.args.Probe.okBool;
import static io.jmill.engine.args.Probe.okDouble;
import static io.jmill.engine.args.Probe.okInt;
import static io.jmill.engine.args.Probe.okLong;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv4 addresses, IPv4 prefixes in every form, Ethernet addresses. */
class AddressTest {
    @Test
    void ipAddresses() {
        assertEquals(0x0A000001, okInt("10.0.0.1", a -> a.ipAddress(0)));
        assertEquals(0, okInt("0.0.0.0", a -> a.ipAddress(-1)));
        assertEquals(-1, okInt("255.255.255.255", a -> a.ipAddress(0)));
        assertEquals(0xC0A80101, okInt("192.168.1.1", a -> a.ipAddress(0)));
        assertEquals(0x0A000001, okInt("010.000.000.001", a -> a.ipAddress(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.256", "10.0.0", "10.0.0.1.2", "10.0.0.-1", "a.b.c.d", "10.0.0.1x", "1000.0.0.1",
            "10..0.1", "0x0A000001"})
    void badIpAddresses(String text) {
        assertEquals("X: expected IPv4 address, got '" + text + "'", bad(text, a -> a.ipAddress(7), 7));
    }

    @Test
    void prefixesInAllForms() {
        IPPrefix slash = ok("10.0.0.0/8", a -> a.ipPrefix(null));
        assertEquals(new IPPrefix(0x0A000000, 0xFF000000), slash);
        assertEquals(slash, ok("10.0.0.0/255.0.0.0", a -> a.ipPrefix(null)));
        assertEquals(slash, ok("10.0.0.0 255.0.0.0", a -> a.ipPrefix(null)));
        assertEquals(slash, ok("10.0.0.0 / 8", a -> a.ipPrefix(null)));
        assertEquals(new IPPrefix(0x0A000001, -1), ok("10.0.0.1", a -> a.ipPrefix(null)));
        assertEquals(new IPPrefix(0, 0), ok("0.0.0.0/0", a -> a.ipPrefix(null)));
        assertEquals(new IPPrefix(0xC0A80101, -1), ok("192.168.1.1/32", a -> a.ipPrefix(null)));
        // Host bits are kept (an interface address), but matching only looks at the network bits.
        IPPrefix iface = ok("10.0.0.1/8", a -> a.ipPrefix(null));
        assertEquals(0x0A000001, iface.address());
        assertEquals("10.0.0.1/8", iface.toString());
    }

    @Test
    void prefixPositionalWithSpaceForm() throws ArgsException {
        Args args = new Args("r", "10.0.0.0 255.255.0.0, 1");
        assertEquals(IPPrefix.of(0x0A000000, 16), args.positional("NET").ipPrefix(null));
        assertEquals(1, args.positional("PORT").integer(0));
        args.complete();
    }

    @Test
    void badPrefixes() {
        IPPrefix d = IPPrefix.of(0, 0);
        assertEquals("X: prefix length must be between 0 and 32, got '10.0.0.0/33'",
                bad("10.0.0.0/33", a -> a.ipPrefix(d), d));
        assertEquals("X: netmask 255.0.255.0 is not contiguous", bad("10.0.0.0/255.0.255.0", a -> a.ipPrefix(d), d));
        assertEquals("X: netmask 0.255.255.255 is not contiguous", bad("10.0.0.0 0.255.255.255", a -> a.ipPrefix(d), d));
        for (String text : new String[] {"10.0.0.0/", "10.0.0.0/x", "10.0.0.0 8", "10.0.0.0/8/8",
                "10.0.0.0 255.0.0.0 1", "/8", "10.0.0.0/-1", "10.0.0.0/100"}) {
            assertEquals("X: expected IPv4 prefix, got '" + text + "'", bad(text, a -> a.ipPrefix(d), d), text);
        }
    }

    @Test
    void prefixRecord() {
        IPPrefix net = IPPrefix.parse("192.168.0.0/16");
        assertEquals(16, net.prefixLength());
        assertTrue(net.matches(0xC0A80101));
        assertTrue(net.matches(0xC0A8FFFF));
        assertFalse(net.matches(0xC0A90000));
        assertEquals("192.168.0.0/16", net.toString());
        assertEquals("0.0.0.0/0", IPPrefix.of(0, 0).toString());
        assertTrue(IPPrefix.of(0, 0).matches(0x01020304));
        assertEquals(32, IPPrefix.of(0x01020304, 32).prefixLength());
        assertFalse(IPPrefix.of(0x01020304, 32).matches(0x01020305));
        assertEquals("10.0.0.1", IPPrefix.addressToString(0x0A000001));
        assertEquals("255.255.255.255", IPPrefix.addressToString(-1));
        assertThrows(IllegalArgumentException.class, () -> new IPPrefix(0, 0xFF00FF00));
        assertThrows(IllegalArgumentException.class, () -> IPPrefix.of(0, 33));
        assertEquals("netmask 255.0.255.0 is not contiguous",
                assertThrows(IllegalArgumentException.class, () -> IPPrefix.parse("1.0.0.0/255.0.255.0"))
                        .getMessage());
    }

    @Test
    void etherAddresses() {
        assertEquals(0x001122334455L, okLong("00:11:22:33:44:55", a -> a.etherAddress(0)));
        assertEquals(0x001122334455L, okLong("00-11-22-33-44-55", a -> a.etherAddress(0)));
        assertEquals(0xFFFFFFFFFFFFL, okLong("ff:FF:ff:FF:ff:FF", a -> a.etherAddress(0)));
        assertEquals(0x0A0B0C0D0E0FL, okLong("a:b:c:d:e:f", a -> a.etherAddress(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"00:11:22:33:44", "00:11:22:33:44:55:66", "00:11-22:33:44:55", "00:11:22:33:44:5g",
            "001:1:22:33:44:55", "0011.2233.4455", "00:11:22:33:44:55x"})
    void badEtherAddresses(String text) {
        assertEquals("X: expected Ethernet address, got '" + text + "'", bad(text, a -> a.etherAddress(9), 9L));
    }

    @org.junit.jupiter.api.Test
    void clickShortNetworkFormsBeforeASlash() throws Exception {
        org.junit.jupiter.api.Assertions.assertEquals("18.26.4.0/24", IPPrefix.parse("18.26.4/24").toString());
        org.junit.jupiter.api.Assertions.assertEquals("10.0.0.0/8", IPPrefix.parse("10/8").toString());
        org.junit.jupiter.api.Assertions.assertEquals("0.0.0.0/0", IPPrefix.parse("0/0").toString());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IPPrefix.parse("18.26.4"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> IPPrefix.parse("300/8"));
    }
}
