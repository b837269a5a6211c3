package io.jmill.elements.standard;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.handler.HandlerException;
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

/** VLANEncap, VLANDecap and SetVLANAnno: exact bytes, annotations, handlers, errors. */
class VLANEncapTest {
    private static final byte[] UNTAGGED = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).frameLength(60).build();

    /** The same frame tagged, built independently by FrameBuilder (4 bytes longer). */
    private static byte[] tagged(int tci) {
        return FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).vlan(tci).frameLength(64).build();
    }

    /** The tag inserted by hand: the first 12 bytes, then type and TCI, then the rest. */
    private static byte[] taggedByHand(byte[] frame, int type, int tci) {
        byte[] out = new byte[frame.length + 4];
        System.arraycopy(frame, 0, out, 0, 12);
        out[12] = (byte) (type >>> 8);
        out[13] = (byte) type;
        out[14] = (byte) (tci >>> 8);
        out[15] = (byte) tci;
        System.arraycopy(frame, 12, out, 16, frame.length - 12);
        return out;
    }

    static List<String> errors(String declaration) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(declaration).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }

    @Test
    void encapInsertsTheTagAfterTheAddresses() throws Exception {
        try (Harness h = Harness.element("VLANEncap(VLAN_ID 10, VLAN_PCP 3)")) {
            h.push(0, UNTAGGED);
            byte[] out = h.outputBytes(0).getFirst();
            assertArrayEquals(tagged(0x600A), out);
            assertArrayEquals(taggedByHand(UNTAGGED, 0x8100, 0x600A), out);
            // The IP header is untouched, checksum included.
            assertEquals(0, Checksum.of(out, 18, 20));
            Packet p = h.output(0).getFirst();
            assertEquals(0, p.macHeaderOffset());
            assertEquals("0", h.read("drops"));
        }
    }

    @Test
    void tciArgumentAndPositionalPcp() throws Exception {
        try (Harness h = Harness.element("VLANEncap(0x0123, 7)")) {
            h.push(0, UNTAGGED);
            assertArrayEquals(tagged(0xE123), h.outputBytes(0).getFirst());
            assertEquals("57635", h.read("vlan_tci"));
            assertEquals("291", h.read("vlan_id"));
            assertEquals("7", h.read("vlan_pcp"));
        }
    }

    @Test
    void annoModeTakesTheTciFromTheAnnotation() throws Exception {
        for (String decl : List.of("VLANEncap(ANNO)", "VLANEncap(VLAN_TCI ANNO)")) {
            try (Harness h = Harness.graph("input -> SetVLANAnno(VLAN_ID 7, VLAN_PCP 5) -> e :: " + decl + " -> output;", 1, 1)) {
                h.push(0, UNTAGGED);
                assertArrayEquals(tagged(0xA007), h.outputBytes(0).getFirst(), decl);
                assertEquals("ANNO", h.read("e/e.vlan_tci"), decl);
            }
        }
    }

    @Test
    void nativeVlanFramesStayUntagged() throws Exception {
        // Default NATIVE_VLAN is 0, so VLAN ID 0 is not tagged ...
        try (Harness h = Harness.element("VLANEncap(VLAN_ID 0, VLAN_PCP 2)")) {
            h.push(0, UNTAGGED);
            assertArrayEquals(UNTAGGED, h.outputBytes(0).getFirst());
            assertEquals(0, h.output(0).getFirst().macHeaderOffset());
        }
        // ... unless NATIVE_VLAN is -1.
        try (Harness h = Harness.element("VLANEncap(VLAN_ID 0, NATIVE_VLAN -1)")) {
            h.push(0, UNTAGGED);
            assertArrayEquals(tagged(0), h.outputBytes(0).getFirst());
        }
        try (Harness h = Harness.element("VLANEncap(VLAN_ID 10, NATIVE_VLAN 10)")) {
            h.push(0, UNTAGGED);
            assertArrayEquals(UNTAGGED, h.outputBytes(0).getFirst());
        }
    }

    @Test
    void ethertypeChoosesTheTagType() throws Exception {
        try (Harness h = Harness.element("VLANEncap(VLAN_ID 10, ETHERTYPE 0x88a8)")) {
            h.push(0, UNTAGGED);
            assertArrayEquals(taggedByHand(UNTAGGED, 0x88A8, 10), h.outputBytes(0).getFirst());
            assertEquals("0x88a8", h.read("ethertype"));
        }
    }

    @Test
    void encapDropsFramesShorterThanAnEthernetHeader() throws Exception {
        try (Harness h = Harness.element("VLANEncap(VLAN_ID 10)")) {
            h.push(0, new byte[13]);
            h.push(0, new byte[14]);
            assertEquals(1, h.count(0));
            assertArrayEquals(taggedByHand(new byte[14], 0x8100, 10), h.outputBytes(0).getFirst());
            assertEquals("1", h.read("drops"));
        }
    }

    @Test
    void encapHandlersChangeTheTag() throws Exception {
        try (Harness h = Harness.element("VLANEncap(VLAN_ID 10, VLAN_PCP 1)")) {
            h.write("vlan_id", "20");
            h.push(0, UNTAGGED);
            h.write("vlan_pcp", "4");
            h.push(0, UNTAGGED);
            h.write("vlan_tci", "0x0FFF");
            h.push(0, UNTAGGED);
            h.write("native_vlan", "0xFFF");
            h.push(0, UNTAGGED);
            h.write("ethertype", "0x9100");
            h.write("native_vlan", "-1");
            h.push(0, UNTAGGED);
            List<byte[]> out = h.outputBytes(0);
            assertArrayEquals(tagged(0x2014), out.get(0));
            assertArrayEquals(tagged(0x8014), out.get(1));
            assertArrayEquals(tagged(0x0FFF), out.get(2));
            assertArrayEquals(UNTAGGED, out.get(3));
            assertArrayEquals(taggedByHand(UNTAGGED, 0x9100, 0x0FFF), out.get(4));
            assertEquals("-1", h.read("native_vlan"));

            HandlerException e = assertThrows(HandlerException.class, () -> h.write("vlan_id", "4096"));
            assertEquals("vlan_id: must be between 0 and 4095, got 4096", e.getMessage());
            e = assertThrows(HandlerException.class, () -> h.write("vlan_tci", "anno"));
            assertEquals("vlan_tci: expected integer, got 'anno'", e.getMessage());
            e = assertThrows(HandlerException.class, () -> h.write("native_vlan", "-2"));
            assertEquals("native_vlan: must be between -1 and 4095, got -2", e.getMessage());
        }
    }

    @Test
    void encapConfigurationErrors() throws Exception {
        assertEquals(List.of("VLAN_PCP: must be between 0 and 7, got 8"), errors("VLANEncap(VLAN_ID 1, VLAN_PCP 8)"));
        assertEquals(List.of("VLAN_ID: must be between 0 and 4095, got 4096"), errors("VLANEncap(VLAN_ID 4096)"));
        assertEquals(List.of("VLAN_TCI: expected integer, got 'vlan'"), errors("VLANEncap(vlan)"));
        assertEquals(List.of("VLAN_TCI: must be between 0 and 65535, got 65536"), errors("VLANEncap(65536)"));
        assertEquals(List.of("specify at most one of VLAN_TCI and VLAN_ID"), errors("VLANEncap(5, VLAN_ID 5)"));
        assertEquals(List.of("specify at most one of VLAN_TCI and VLAN_ID"), errors("VLANEncap(ANNO, VLAN_ID 5)"));
        assertEquals(List.of("NATIVE_VLAN: must be between -1 and 4095, got 4096"),
                errors("VLANEncap(VLAN_ID 1, NATIVE_VLAN 4096)"));
        assertEquals(List.of("ETHERTYPE: must be between 0 and 65535, got 65536"),
                errors("VLANEncap(VLAN_ID 1, ETHERTYPE 0x10000)"));
    }

    // ------------------------------------------------------------------ VLANDecap

    @Test
    void decapRemovesTheTagAndStoresTheTci() throws Exception {
        try (Harness h = Harness.element("VLANDecap")) {
            h.push(0, tagged(0x2005));
            assertArrayEquals(UNTAGGED, h.outputBytes(0).getFirst());
            Packet p = h.output(0).getFirst();
            assertEquals(0x2005, p.vlanTci());
            assertEquals(0, p.macHeaderOffset());
        }
    }

    @Test
    void decapPassesUntaggedFramesAndZeroesTheAnnotation() throws Exception {
        try (Harness h = Harness.element("VLANDecap")) {
            Packet in = Harness.packet(UNTAGGED);
            in.setVlanTci(0x123);
            h.push(0, in);
            assertArrayEquals(UNTAGGED, h.outputBytes(0).getFirst());
            assertEquals(0, h.output(0).getFirst().vlanTci());
        }
    }

    @Test
    void decapWithoutAnnoLeavesTheAnnotationAlone() throws Exception {
        try (Harness h = Harness.element("VLANDecap(false)")) {
            Packet in = Harness.packet(tagged(0x0042));
            in.setVlanTci(0x123);
            h.push(0, in);
            assertArrayEquals(UNTAGGED, h.outputBytes(0).getFirst());
            assertEquals(0x123, h.output(0).getFirst().vlanTci());
        }
    }

    @Test
    void decapEthertypeSelectsWhichTagsAreRemoved() throws Exception {
        byte[] qinq = taggedByHand(UNTAGGED, 0x88A8, 0x0064);
        try (Harness h = Harness.element("VLANDecap(ETHERTYPE 0x88a8)")) {
            h.push(0, qinq);
            h.push(0, tagged(7));
            assertArrayEquals(UNTAGGED, h.outputBytes(0).get(0));
            assertEquals(0x64, h.output(0).get(0).vlanTci());
            assertArrayEquals(tagged(7), h.outputBytes(0).get(1), "an 0x8100 tag is not this element's");
            assertEquals(0, h.output(0).get(1).vlanTci());
        }
    }

    @Test
    void decapDropsShortFrames() throws Exception {
        byte[] shortTagged = Arrays.copyOf(tagged(5), 17);
        try (Harness h = Harness.element("VLANDecap")) {
            h.push(0, new byte[13]);
            h.push(0, shortTagged);
            h.push(0, Arrays.copyOf(tagged(5), 18));
            assertEquals(1, h.count(0));
            assertArrayEquals(Arrays.copyOf(UNTAGGED, 14), h.outputBytes(0).getFirst());
            assertEquals("2", h.read("drops"));
        }
    }

    @Test
    void encapThenDecapRoundTrips() throws Exception {
        try (Harness h = Harness.graph("input -> VLANEncap(VLAN_TCI 0xB00C) -> VLANDecap -> output;", 1, 1)) {
            byte[] tcp = FrameBuilder.tcp().payloadLength(100).build();
            h.push(0, UNTAGGED);
            h.push(0, tcp);
            assertArrayEquals(UNTAGGED, h.outputBytes(0).get(0));
            assertArrayEquals(tcp, h.outputBytes(0).get(1));
            assertEquals(0xB00C, h.output(0).get(0).vlanTci());
            assertEquals(0xB00C, h.output(0).get(1).vlanTci());
        }
        // And the other way round: a tagged frame comes back with its tag, from the annotation.
        try (Harness h = Harness.graph("input -> VLANDecap -> VLANEncap(ANNO) -> output;", 1, 1)) {
            h.push(0, tagged(0x3FFE));
            assertArrayEquals(tagged(0x3FFE), h.outputBytes(0).getFirst());
        }
    }

    @Test
    void decapConfigurationErrors() throws Exception {
        assertEquals(List.of("ANNO: expected boolean, got 'maybe'"), errors("VLANDecap(maybe)"));
        assertEquals(List.of("ETHERTYPE: must be between 0 and 65535, got -1"), errors("VLANDecap(ETHERTYPE -1)"));
    }

    // ------------------------------------------------------------------ SetVLANAnno

    @Test
    void setVlanAnnoSetsTheAnnotation() throws Exception {
        try (Harness h = Harness.element("SetVLANAnno(VLAN_ID 100, VLAN_PCP 6)")) {
            h.push(0, UNTAGGED);
            Packet p = h.output(0).getFirst();
            assertEquals(0xC064, p.vlanTci());
            assertArrayEquals(UNTAGGED, p.toByteArray());
            assertEquals("49252", h.read("vlan_tci"));
            assertEquals("100", h.read("vlan_id"));
            assertEquals("6", h.read("vlan_pcp"));
        }
        try (Harness h = Harness.element("SetVLANAnno(0x1005, 1)")) {
            h.push(0, UNTAGGED);
            assertEquals(0x3005, h.output(0).getFirst().vlanTci(), "the PCP bits are added to the TCI's");
        }
        try (Harness h = Harness.element("SetVlanAnno(5)")) {
            h.push(0, UNTAGGED);
            assertEquals(5, h.output(0).getFirst().vlanTci(), "Click's old spelling is an alias");
        }
    }

    @Test
    void setVlanAnnoHandlersKeepTheOtherBits() throws Exception {
        try (Harness h = Harness.element("SetVLANAnno(VLAN_ID 100, VLAN_PCP 6)")) {
            h.write("vlan_id", "7");
            assertEquals("6", h.read("vlan_pcp"));
            h.write("vlan_pcp", "1");
            assertEquals("7", h.read("vlan_id"));
            h.push(0, UNTAGGED);
            assertEquals(0x2007, h.output(0).getFirst().vlanTci());
            h.write("vlan_tci", "0xFFFF");
            h.push(0, UNTAGGED);
            assertEquals(0xFFFF, h.output(0).get(1).vlanTci());
            HandlerException e = assertThrows(HandlerException.class, () -> h.write("vlan_pcp", "8"));
            assertEquals("vlan_pcp: must be between 0 and 7, got 8", e.getMessage());
        }
    }

    @Test
    void setVlanAnnoConfigurationErrors() throws Exception {
        assertEquals(List.of("VLAN_TCI: must be between 0 and 65535, got 70000"), errors("SetVLANAnno(70000)"));
        assertEquals(List.of("VLAN_PCP: must be between 0 and 7, got 9"), errors("SetVLANAnno(1, 9)"));
        assertEquals(List.of("specify at most one of VLAN_TCI and VLAN_ID"), errors("SetVLANAnno(1, VLAN_ID 2)"));
    }
}
