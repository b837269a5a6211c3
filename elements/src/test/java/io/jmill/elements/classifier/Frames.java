package io.jmill.elements.classifier;

import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;

import java.util.Arrays;

/** Test packets: frames with their header annotations set the way CheckIPHeader would. */
final class Frames {
    private Frames() {
    }

    /** A packet from a frame whose IP header starts at {@code l3}: MAC header at 0, network header at l3. */
    static Packet annotated(byte[] frame, int l3) {
        Packet p = Harness.packet(frame);
        p.setMacHeader(0);
        int ihl = (frame[l3] & 0xF) * 4;
        p.setNetworkHeader(l3, ihl);
        return p;
    }

    /** An Ethernet frame without VLAN: IP at 14. */
    static Packet annotated(byte[] frame) {
        return annotated(frame, 14);
    }

    /** A packet that is only the IP datagram, with no annotations at all. */
    static Packet bareIp(byte[] frame, int l3) {
        return Harness.packet(Arrays.copyOfRange(frame, l3, frame.length));
    }

    static byte[] truncate(byte[] frame, int length) {
        return Arrays.copyOf(frame, length);
    }
}
