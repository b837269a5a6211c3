package io.jmill.elements.routing;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** GetIPAddress and SetIPAddress. */
class IPAddressAnnotationTest {
    private static byte[] ipPacket() {
        byte[] frame = FrameBuilder.udp().src("10.0.0.1", 1234).dst("192.168.7.9", 80).build();
        return Arrays.copyOfRange(frame, 14, frame.length);
    }

    @Test
    void getIPAddressCopiesFourBytesAtTheOffset() throws Exception {
        try (Harness h = Harness.element("GetIPAddress(16)")) {
            byte[] ip = ipPacket();
            h.push(0, ip);
            Packet out = h.output(0).get(0);
            assertEquals(Addresses.ip("192.168.7.9"), out.dstIpAnno());
            assertArrayEquals(ip, out.toByteArray());
        }
        try (Harness h = Harness.element("GetIPAddress(12)")) {
            h.push(0, ipPacket());
            assertEquals(Addresses.ip("10.0.0.1"), h.output(0).get(0).dstIpAnno());
        }
        try (Harness h = Harness.element("GetIPAddress(16, DST_IP_ANNO)")) {
            h.push(0, ipPacket());
            assertEquals(Addresses.ip("192.168.7.9"), h.output(0).get(0).dstIpAnno());
        }
    }

    @Test
    void getIPAddressDropsPacketsTooShortForTheAddress() throws Exception {
        try (Harness h = Harness.element("GetIPAddress(16)")) {
            h.push(0, Arrays.copyOf(ipPacket(), 19));
            h.push(0, Arrays.copyOf(ipPacket(), 20));
            assertEquals(1, h.count(0));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void getIPAddressWithTheIPKeywordReadsTheNetworkHeader() throws Exception {
        for (String which : new String[] {"src", "dst", "DST"}) {
            try (Harness h = Harness.element("GetIPAddress(IP " + which + ")")) {
                byte[] frame = FrameBuilder.udp().src("10.0.0.1", 1).dst("192.168.7.9", 2).build();
                Packet p = Harness.packet(frame);
                p.setNetworkHeader(14, 20);
                h.push(0, p);
                h.push(0, frame); // no network header annotation: dropped
                assertEquals(1, h.count(0));
                assertEquals(Addresses.ip(which.equals("src") ? "10.0.0.1" : "192.168.7.9"),
                        h.output(0).get(0).dstIpAnno());
                assertEquals("1", h.read("drops"));
            }
        }
    }

    @Test
    void getIPAddressConfigurationErrors() {
        assertEquals(List.of("missing mandatory OFFSET argument"), errors("GetIPAddress"));
        assertEquals(List.of("OFFSET: must be between 0 and 65535, got -1"), errors("GetIPAddress(-1)"));
        assertEquals(List.of("IP: expected one of SRC, DST, got 'both'"), errors("GetIPAddress(IP both)"));
        assertEquals(List.of("ANNO: only DST_IP_ANNO, the destination IP annotation, is supported"),
                errors("GetIPAddress(16, 24)"));
        assertEquals(List.of("ANNO: only DST_IP_ANNO, the destination IP annotation, is supported",
                "too many arguments"), errors("GetIPAddress(16, 24, 3)"));
    }

    @Test
    void setIPAddressSetsTheAnnotation() throws Exception {
        try (Harness h = Harness.element("SetIPAddress(10.1.2.3)")) {
            byte[] ip = ipPacket();
            h.push(0, ip);
            assertEquals(Addresses.ip("10.1.2.3"), h.output(0).get(0).dstIpAnno());
            assertArrayEquals(ip, h.outputBytes(0).get(0));
        }
        assertEquals(List.of("IP: expected IPv4 address, got '10.1.2'"), errors("SetIPAddress(10.1.2)"));
        assertEquals(List.of("missing mandatory IP argument"), errors("SetIPAddress"));
    }

    @Test
    void getIPAddressFeedsALookup() throws Exception {
        try (Harness h = Harness.graph("input -> GetIPAddress(16) -> rt :: RadixIPLookup(192.168.7.0/24 1, 0/0 10.0.0.254 0);"
                + " rt[0] -> [0] output; rt[1] -> [1] output;", 1, 2)) {
            h.push(0, ipPacket());
            assertEquals(0, h.count(0));
            assertEquals(1, h.count(1));
            assertEquals(Addresses.ip("192.168.7.9"), h.output(1).get(0).dstIpAnno());
        }
    }

    private static List<String> errors(String decl) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }
}
