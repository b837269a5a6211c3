package io.jmill.driver.afxdp;

import io.jmill.layout.Packet;
import org.agrona.UnsafeApi;

import static io.jmill.layout.PacketMemory.ADDRESS;

/**
 * What the AF_XDP receive path learns from a frame's first bytes: packet type (from the destination
 * MAC address), VLAN TCI (one 802.1Q or 802.1ad tag), the positions of the IPv4 or IPv6 header and
 * of the header after it, and a flow hash over the IPv4 addresses and TCP/UDP ports. {@link XdpProgram}
 * computes exactly the same in eBPF when the XDP program writes the metadata (X-Change); this class
 * is the worker's version of it, for the COPYING model and for frames the program did not stamp.
 * One instance per receive queue; {@link #parse} overwrites the previous frame's results.
 */
final class FrameHeaders {
    /** Multiplier of the flow hash: {@code ((a ^ ports) * K ^ b) * K >>> 32} on 64 bits. */
    static final long HASH_K = 0x9E37_79B9_7F4A_7C15L;

    private final int macLo;
    private final int macHi;

    /** Click packet type ({@code Packet.HOST} ...). */
    int packetType;
    /** VLAN TCI, 0 without a tag. */
    int vlanTci;
    /** Network header offset from the frame start, -1 if not IPv4 or IPv6. */
    int networkHeader;
    /** Transport header offset from the frame start, -1 if none. */
    int transportHeader;
    /** Flow hash; 0 for frames other than IPv4. */
    int rssHash;

    /** For an interface with MAC address {@code mac} (6 bytes). */
    FrameHeaders(byte[] mac) {
        this.macLo = (mac[0] & 0xFF) | (mac[1] & 0xFF) << 8 | (mac[2] & 0xFF) << 16 | (mac[3] & 0xFF) << 24;
        this.macHi = (mac[4] & 0xFF) | (mac[5] & 0xFF) << 8;
    }

    int macLo() {
        return macLo;
    }

    int macHi() {
        return macHi;
    }

    /** Parses the frame of {@code len} bytes at {@code data} (an offset in the packet memory). */
    void parse(long data, int len) {
        packetType = Packet.OTHERHOST;
        vlanTci = 0;
        networkHeader = -1;
        transportHeader = -1;
        rssHash = 0;
        long a = ADDRESS + data;
        if (len < 14) {
            return;
        }
        int lo = UnsafeApi.getInt(a);
        int hi = UnsafeApi.getShort(a + 4) & 0xFFFF;
        if (lo == -1 && hi == 0xFFFF) {
            packetType = Packet.BROADCAST;
        } else if ((lo & 1) != 0) {
            packetType = Packet.MULTICAST;
        } else if (lo == macLo && hi == macHi) {
            packetType = Packet.HOST;
        }
        int type = UnsafeApi.getShort(a + 12) & 0xFFFF; // as loaded on a little-endian machine
        int l3 = 14;
        if (type == 0x0081 || type == 0xA888) {
            if (len < 18) {
                return;
            }
            vlanTci = Short.reverseBytes(UnsafeApi.getShort(a + 14)) & 0xFFFF;
            type = UnsafeApi.getShort(a + 16) & 0xFFFF;
            l3 = 18;
        }
        if (type == 0x0008) {
            if (l3 + 20 > len) {
                return;
            }
            long ip = a + l3;
            networkHeader = l3;
            int ihl = (UnsafeApi.getByte(ip) & 0xF) << 2;
            if (ihl < 20) {
                return;
            }
            transportHeader = l3 + ihl;
            long src = UnsafeApi.getInt(ip + 12) & 0xFFFF_FFFFL;
            long dst = UnsafeApi.getInt(ip + 16) & 0xFFFF_FFFFL;
            long ports = 0;
            int proto = UnsafeApi.getByte(ip + 9) & 0xFF;
            if ((proto == 6 || proto == 17) && (UnsafeApi.getShort(ip + 6) & 0xFF1F) == 0 && l3 + ihl + 4 <= len) {
                ports = UnsafeApi.getInt(ip + ihl) & 0xFFFF_FFFFL;
            }
            rssHash = hash(src, dst, ports);
        } else if (type == 0xDD86) {
            if (l3 + 40 > len) {
                return;
            }
            networkHeader = l3;
            transportHeader = l3 + 40;
        }
    }

    /** The flow hash of 32-bit words read little-endian: source address, destination address, ports. */
    static int hash(long src, long dst, long ports) {
        long r = (src ^ ports) * HASH_K;
        r ^= dst;
        r *= HASH_K;
        return (int) (r >>> 32);
    }
}
