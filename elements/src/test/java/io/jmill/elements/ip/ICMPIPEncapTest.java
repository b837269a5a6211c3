package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import static io.jmill.elements.ip.IpTests.assertIpChecksumValid;
import static io.jmill.elements.ip.IpTests.configError;
import static io.jmill.elements.ip.IpTests.u16;
import static io.jmill.elements.ip.IpTests.u32;
import static io.jmill.elements.ip.IpTests.u8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ICMPIPEncapTest {

    @Test
    void echoRequestsGetIdentifierAndASequenceThatAdvances() throws Exception {
        try (Harness h = Harness.element("ICMPIPEncap(1.0.0.1, 2.0.0.2, TYPE echo, IDENTIFIER 7)")) {
            h.push(0, new byte[] {1, 2, 3, 4});
            h.push(0, new byte[] {1, 2, 3, 4});
            for (int n = 0; n < 2; n++) {
                byte[] b = h.outputBytes(0).get(n);
                assertEquals(32, b.length);
                assertEquals(0x45, u8(b, 0));
                assertEquals(32, u16(b, 2));
                assertEquals(n + 1, u16(b, 4), "IP identification");
                assertEquals(255, u8(b, 8));
                assertEquals(1, u8(b, 9), "protocol ICMP");
                assertEquals(0x01000001, u32(b, 12));
                assertEquals(0x02000002, u32(b, 16));
                assertIpChecksumValid(b, 0);
                assertEquals(8, u8(b, 20), "type");
                assertEquals(0, u8(b, 21), "code");
                assertEquals(7, u16(b, 24), "identifier");
                assertEquals(n + 1, u16(b, 26), "sequence");
                assertEquals(0, Checksum.of(b, 20, 12), "ICMP checksum over header and data");
            }
            assertEquals(0, h.output(0).get(0).networkHeaderOffset());
            assertEquals(0x02000002, h.output(0).get(0).dstIpAnno());
        }
    }

    @Test
    void typeAndCodeByNumberAndHeaderLengthByType() throws Exception {
        try (Harness h = Harness.element("ICMPIPEncap(1.0.0.3, 1.0.0.3, TYPE 3, CODE 1)")) {
            h.push(0, new byte[0]);
            byte[] b = h.outputBytes(0).get(0);
            assertEquals(28, b.length);
            assertEquals(3, u8(b, 20));
            assertEquals(1, u8(b, 21));
            assertEquals(0, u32(b, 24), "no identifier or sequence in an unreachable");
        }
        try (Harness h = Harness.element("ICMPIPEncap(1.0.0.3, 1.0.0.3, 13)")) {
            h.push(0, new byte[0]);
            assertEquals(40, h.outputBytes(0).get(0).length, "a timestamp request's header is 20 bytes");
        }
    }

    @Test
    void badTypesAreConfigurationErrors() {
        assertTrue(configError("ICMPIPEncap(1.0.0.1, 1.0.0.2, TYPE nonsense)").contains("TYPE"));
    }
}
