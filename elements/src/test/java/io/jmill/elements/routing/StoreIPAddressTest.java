package io.jmill.elements.routing;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StoreIPAddressTest {
    private static Packet ipPacket() {
        byte[] frame = FrameBuilder.udp().src("10.0.0.1", 1234).dst("192.168.7.9", 80).build();
        Packet p = Harness.packet(Arrays.copyOfRange(frame, 14, frame.length));
        p.setNetworkHeader(0, 20);
        p.setDstIpAnno(Addresses.ip("1.0.0.2"));
        return p;
    }

    @Test
    void storesTheAnnotationOrAnAddressAtAByteOffset() throws Exception {
        try (Harness h = Harness.element("StoreIPAddress(4)")) {
            h.push(0, ipPacket());
            assertEquals(Addresses.ip("1.0.0.2"), h.output(0).get(0).u32(4));
        }
        try (Harness h = Harness.element("StoreIPAddress(1.0.0.3, 0)")) {
            h.push(0, ipPacket());
            assertEquals(Addresses.ip("1.0.0.3"), h.output(0).get(0).u32(0));
        }
    }

    @Test
    void srcAndDstRewriteTheHeaderFieldAndKeepTheChecksumValid() throws Exception {
        try (Harness h = Harness.element("StoreIPAddress(src)")) {
            h.push(0, ipPacket());
            Packet out = h.output(0).get(0);
            assertEquals(Addresses.ip("1.0.0.2"), out.u32(12));
            assertEquals(0, Checksum.of(out, 0, 20));
        }
        try (Harness h = Harness.element("StoreIPAddress(1.0.0.4, dst)")) {
            h.push(0, ipPacket());
            Packet out = h.output(0).get(0);
            assertEquals(Addresses.ip("1.0.0.4"), out.u32(16));
            assertEquals(0, Checksum.of(out, 0, 20));
        }
    }

    @Test
    void shortPacketsAreDroppedAndBadOffsetsRefused() throws Exception {
        try (Harness h = Harness.element("StoreIPAddress(200)")) {
            h.push(0, ipPacket());
            assertEquals(0, h.count(0));
        }
        assertThrows(Exception.class, () -> Harness.element("StoreIPAddress(middle)").close());
    }
}
