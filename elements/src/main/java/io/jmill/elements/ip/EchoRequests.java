package io.jmill.elements.ip;

import io.jmill.driver.net.Checksum;
import io.jmill.layout.Packet;

/** ICMP echo requests, as ICMPPingEncap and ICMPPingSource write them. */
final class EchoRequests {
    static final int HEADERS = 28;

    private EchoRequests() {
    }

    /**
     * Writes the IP and ICMP echo-request headers into the 28 bytes at {@code nh}, in front of the
     * payload that fills the rest of the packet, and sets the annotations.
     */
    static void write(Packet p, int nh, int src, int dst, int identifier, int sequence, int ipId) {
        int len = p.length() - nh;
        p.setU32(nh, 0x4500_0000 | (len & 0xFFFF));
        p.setU32(nh + 4, ipId << 16);
        p.setU32(nh + 8, (255 << 24) | (Ip.PROTO_ICMP << 16));
        p.setU32(nh + 12, src);
        p.setU32(nh + 16, dst);
        p.setU16(nh + 10, Checksum.of(p, nh, 20));
        p.setU32(nh + 20, 0x0800_0000);
        p.setU32(nh + 24, (identifier << 16) | sequence);
        p.setU16(nh + 22, Checksum.of(p, nh + 20, len - 20));
        p.setNetworkHeader(nh, 20);
        p.setDstIpAnno(dst);
    }
}
