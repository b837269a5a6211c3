package io.jmill.elements.ethernet;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** EtherEncap, EtherRewrite and EtherMirror. */
class EtherHeaderTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] ipPacket() {
        byte[] frame = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 80).build();
        return Arrays.copyOfRange(frame, 14, frame.length);
    }

    private static List<String> errors(String decl) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }

    @Test
    void etherEncapPrependsTheHeader() throws Exception {
        try (Harness h = Harness.element("EtherEncap(0x0800, 1:1:1:1:1:1, 00-1b-21-3a-4f-5c)")) {
            byte[] ip = ipPacket();
            h.push(0, ip);
            Packet out = h.output(0).get(0);
            assertArrayEquals(concat(hex("001b213a4f5c 010101010101 0800"), ip), out.toByteArray());
            assertTrue(out.hasMacHeader());
            assertEquals(0, out.macHeaderOffset());
        }
    }

    @Test
    void etherEncapHandlersReadAndChangeTheHeader() throws Exception {
        try (Harness h = Harness.element("EtherEncap(2048, 1:1:1:1:1:1, 2:2:2:2:2:2)")) {
            assertEquals("01-01-01-01-01-01", h.read("src"));
            assertEquals("02-02-02-02-02-02", h.read("dst"));
            assertEquals("2048", h.read("ethertype"));
            h.write("src", "00:1b:21:3a:4f:5c");
            h.write("dst", "ff-ff-ff-ff-ff-ff");
            h.write("ethertype", "0x86dd");
            assertEquals("00-1B-21-3A-4F-5C", h.read("src"));
            assertEquals("34525", h.read("etht"));
            h.push(0, new byte[] {1, 2});
            assertArrayEquals(hex("ffffffffffff 001b213a4f5c 86dd 0102"), h.outputBytes(0).get(0));

            HandlerException e = assertThrows(HandlerException.class, () -> h.write("src", "1:2:3"));
            assertEquals("SRC: expected Ethernet address, got '1:2:3'", e.getMessage());
            e = assertThrows(HandlerException.class, () -> h.write("ethertype", "70000"));
            assertEquals("ETHERTYPE: must be between 0 and 65535, got 70000", e.getMessage());
            assertEquals("00-1B-21-3A-4F-5C", h.read("src"));
        }
    }

    @Test
    void etherEncapDropsAPacketWithoutRoomForTheHeader() throws Exception {
        try (Harness h = Harness.element("EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2)")) {
            Packet full = Harness.packet(new byte[2048]);
            assertTrue(full.push(full.headroom()));
            h.push(0, full);
            assertEquals(0, h.count(0));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void etherEncapConfigurationErrors() {
        assertEquals(List.of("missing mandatory DST argument"), errors("EtherEncap(0x0800, 1:1:1:1:1:1)"));
        assertEquals(List.of("ETHERTYPE: must be between 0 and 65535, got 65536",
                "SRC: expected Ethernet address, got '1:1:1:1:1'"), errors("EtherEncap(65536, 1:1:1:1:1, 2:2:2:2:2:2)"));
    }

    @Test
    void etherRewriteOverwritesBothAddressesOnly() throws Exception {
        try (Harness h = Harness.element("EtherRewrite(1:1:1:1:1:1, 2:2:2:2:2:2)")) {
            byte[] frame = FrameBuilder.udp().build();
            h.push(0, frame);
            byte[] expected = frame.clone();
            System.arraycopy(hex("020202020202 010101010101"), 0, expected, 0, 12);
            assertArrayEquals(expected, h.outputBytes(0).get(0));

            // The header the MAC annotation points to, even when the data starts after it.
            Packet p = Harness.packet(frame);
            p.setMacHeader(0);
            p.pull(14);
            h.push(0, p);
            Packet out = h.output(0).get(1);
            out.push(14);
            assertArrayEquals(expected, out.toByteArray());

            h.write("dst", "00:00:00:00:00:09");
            assertEquals("00-00-00-00-00-09", h.read("dst"));
            assertEquals("01-01-01-01-01-01", h.read("src"));
            h.push(0, frame);
            assertArrayEquals(hex("000000000009 010101010101"), Arrays.copyOf(h.outputBytes(0).get(2), 12));

            h.push(0, new byte[11]);
            assertEquals(3, h.count(0));
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void etherMirrorSwapsTheAddresses() throws Exception {
        try (Harness h = Harness.element("EtherMirror")) {
            byte[] frame = FrameBuilder.udp().srcMac("00:1b:21:3a:4f:5c").dstMac("02:00:00:00:00:07").build();
            h.push(0, frame);
            byte[] expected = frame.clone();
            System.arraycopy(hex("001b213a4f5c 020000000007"), 0, expected, 0, 12);
            assertArrayEquals(expected, h.outputBytes(0).get(0));
            h.push(0, new byte[11]);
            h.push(0, new byte[12]);
            assertEquals(2, h.count(0));
            assertEquals("1", h.read("drops"));
        }
    }
}
