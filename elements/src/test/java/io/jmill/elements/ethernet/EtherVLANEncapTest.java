package io.jmill.elements.ethernet;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** EtherVLANEncap and StripEtherVLANHeader, which undo each other. */
class EtherVLANEncapTest {
    private static final byte[] DATA = {(byte) 0xAA, (byte) 0xAB, (byte) 0xAC, (byte) 0xAD};

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void tagsWithTheGivenTciAndStripsItBackIntoTheAnnotation() throws Exception {
        try (Harness h = Harness.graph("input -> EtherVLANEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2, 1) -> t :: Tee(2);"
                + " t[0] -> [0]output; t[1] -> StripEtherVLANHeader -> [1]output", 1, 2)) {
            h.push(0, DATA);
            assertEquals("020202020202" + "010101010101" + "81000001" + "0800" + "aaabacad", hex(h.outputBytes(0).get(0)));
            Packet stripped = h.output(1).get(0);
            assertEquals("aaabacad", hex(stripped.toByteArray()));
            assertEquals(1, stripped.vlanTci());
        }
    }

    @Test
    void theAnnotationSetsTheTagAndTheNativeVlanGoesUntagged() throws Exception {
        try (Harness h = Harness.graph("input -> SetVLANAnno(2, 1) -> t :: Tee(2);"
                + " t[0] -> EtherVLANEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2, ANNO, NATIVE_VLAN 1) -> [0]output;"
                + " t[1] -> SetVLANAnno(1) -> EtherVLANEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2, ANNO, NATIVE_VLAN 1)"
                + " -> StripEtherVLANHeader(7) -> [1]output", 1, 2)) {
            h.push(0, DATA);
            assertEquals("020202020202" + "010101010101" + "81002002" + "0800" + "aaabacad", hex(h.outputBytes(0).get(0)));
            Packet untagged = h.output(1).get(0);
            assertEquals("aaabacad", hex(untagged.toByteArray()), "14 bytes stripped from the untagged frame");
            assertEquals(7, untagged.vlanTci(), "an untagged frame gets NATIVE_VLAN");
        }
    }

    @Test
    void framesTooShortForTheirHeaderAreDropped() throws Exception {
        try (Harness h = Harness.element("StripEtherVLANHeader")) {
            h.push(0, new byte[10]);
            assertEquals(0, h.count(0));
        }
    }
}
