package io.jmill.cli;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Frames for the example NFs' golden tests: well-formed ones from {@link FrameBuilder}, ARP, and
 * the malformed kinds a router must survive; and a one-line decoder for reading results.
 *
 * <p>Addresses follow the examples: the traffic generator (inside hosts) is 02:00:00:00:00:01,
 * the NF's port 02:00:00:00:00:02, the outside next hop 02:00:00:00:00:03.
 */
final class ExampleFrames {
    static final String HOST_MAC = "02:00:00:00:00:01";
    static final String PORT_MAC = "02:00:00:00:00:02";
    static final String NEXT_HOP_MAC = "02:00:00:00:00:03";
    static final String BROADCAST_MAC = "ff:ff:ff:ff:ff:ff";

    static final int ETH = 14;

    private ExampleFrames() {
    }

    /** A UDP frame from a host to the NF's port, 64 bytes unless resized. */
    static FrameBuilder udp(String src, int sport, String dst, int dport) {
        return FrameBuilder.udp().srcMac(HOST_MAC).dstMac(PORT_MAC).src(src, sport).dst(dst, dport).frameLength(64);
    }

    static FrameBuilder tcp(String src, int sport, String dst, int dport) {
        return FrameBuilder.tcp().srcMac(HOST_MAC).dstMac(PORT_MAC).src(src, sport).dst(dst, dport).frameLength(64);
    }

    /** An ICMP message (echo request: type 8, code 0), 64-byte frame. */
    static FrameBuilder icmp(String src, String dst, int type, int code) {
        return FrameBuilder.icmp().srcMac(HOST_MAC).dstMac(PORT_MAC).src(src, 0).dst(dst, 0).icmp(type, code)
                .frameLength(64);
    }

    /** An ARP request or reply (op 1 or 2), padded to the 60-byte Ethernet minimum. */
    static byte[] arp(int op, String ethDst, String senderMac, String senderIp, String targetMac, String targetIp) {
        byte[] f = new byte[60];
        putMac(f, 0, ethDst);
        putMac(f, 6, senderMac);
        putU16(f, 12, FrameBuilder.ETHERTYPE_ARP);
        putU16(f, 14, 1);        // Ethernet
        putU16(f, 16, 0x0800);   // IPv4
        f[18] = 6;
        f[19] = 4;
        putU16(f, 20, op);
        putMac(f, 22, senderMac);
        putU32(f, 28, Addresses.ip(senderIp));
        putMac(f, 32, targetMac);
        putU32(f, 38, Addresses.ip(targetIp));
        return f;
    }

    /** An ARP request from a host, broadcast, asking for {@code targetIp}. */
    static byte[] arpRequest(String senderIp, String targetIp) {
        return arp(1, BROADCAST_MAC, HOST_MAC, senderIp, "00:00:00:00:00:00", targetIp);
    }

    /** A frame of another EtherType (IPv6's 0x86dd), 64 bytes. */
    static byte[] ipv6() {
        byte[] f = new byte[64];
        putMac(f, 0, PORT_MAC);
        putMac(f, 6, HOST_MAC);
        putU16(f, 12, 0x86DD);
        f[14] = 0x60;
        return f;
    }

    /** The IP header checksum broken. */
    static byte[] badIpChecksum(byte[] f) {
        byte[] g = f.clone();
        g[ETH + 11] ^= 0x55;
        return g;
    }

    /** An IP header length of 4 words (16 bytes), less than the minimum; checksum fixed. */
    static byte[] badIhl(byte[] f) {
        byte[] g = f.clone();
        g[ETH] = 0x44;
        return fixIpChecksum(g, 16);
    }

    /** A total length larger than the frame; checksum fixed. */
    static byte[] badTotalLength(byte[] f, int totalLength) {
        byte[] g = f.clone();
        putU16(g, ETH + 2, totalLength);
        return fixIpChecksum(g, 20);
    }

    /** IP version 6 in an IPv4 frame; checksum fixed. */
    static byte[] badVersion(byte[] f) {
        byte[] g = f.clone();
        g[ETH] = (byte) (0x60 | (g[ETH] & 0x0F));
        return fixIpChecksum(g, 20);
    }

    /** Only the first {@code length} bytes of {@code f} (a frame cut short, no padding). */
    static byte[] truncated(byte[] f, int length) {
        return Arrays.copyOf(f, length);
    }

    /** The UDP or TCP checksum of a frame without options broken. */
    static byte[] badL4Checksum(byte[] f) {
        byte[] g = f.clone();
        int proto = g[ETH + 9] & 0xFF;
        int at = ETH + 20 + (proto == FrameBuilder.PROTO_TCP ? 16 : proto == FrameBuilder.PROTO_UDP ? 6 : 2);
        g[at] ^= 0x5A;
        return g;
    }

    static byte[] fixIpChecksum(byte[] f, int headerLength) {
        putU16(f, ETH + 10, 0);
        putU16(f, ETH + 10, Checksum.of(f, ETH, headerLength));
        return f;
    }

    /** Record Route option with room for two addresses (11 bytes, pointer at {@code pointer}). */
    static byte[] recordRoute(int pointer) {
        byte[] o = new byte[11];
        o[0] = 7;
        o[1] = 11;
        o[2] = (byte) pointer;
        return o;
    }

    /**
     * Splits an unfragmented IPv4 frame without options into two fragments, the first carrying
     * {@code firstBytes} (a multiple of 8) of the IP payload, as a router on the way would have.
     */
    static List<byte[]> fragments(byte[] f, int firstBytes) {
        int total = u16(f, ETH + 2);
        byte[] a = Arrays.copyOf(f, ETH + 20 + firstBytes);
        putU16(a, ETH + 2, 20 + firstBytes);
        putU16(a, ETH + 6, 0x2000);
        byte[] b = new byte[ETH + total - firstBytes];
        System.arraycopy(f, 0, b, 0, ETH + 20);
        System.arraycopy(f, ETH + 20 + firstBytes, b, ETH + 20, total - 20 - firstBytes);
        putU16(b, ETH + 2, total - firstBytes);
        putU16(b, ETH + 6, firstBytes / 8);
        return List.of(fixIpChecksum(a, 20), fixIpChecksum(b, 20));
    }

    /** Sets the 16-bit flags and fragment offset field; checksum fixed. */
    static byte[] withFragmentField(byte[] f, int flagsAndOffset) {
        byte[] g = f.clone();
        putU16(g, ETH + 6, flagsAndOffset);
        return fixIpChecksum(g, (g[ETH] & 0x0F) * 4);
    }

    /** Sets the UDP checksum of a frame without IP options to 0 ("no checksum"). */
    static byte[] withoutUdpChecksum(byte[] f) {
        byte[] g = f.clone();
        putU16(g, ETH + 20 + 6, 0);
        return g;
    }

    /** Pads a frame with zeros to {@code length} bytes (Ethernet padding after the IP packet). */
    static byte[] padded(byte[] f, int length) {
        return Arrays.copyOf(f, Math.max(length, f.length));
    }

    // ------------------------------------------------------------------ reading

    static int u8(byte[] f, int at) {
        return f[at] & 0xFF;
    }

    static int u16(byte[] f, int at) {
        return (f[at] & 0xFF) << 8 | (f[at + 1] & 0xFF);
    }

    static int u32(byte[] f, int at) {
        return u16(f, at) << 16 | u16(f, at + 2);
    }

    static String mac(byte[] f, int at) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append(i == 0 ? "" : ":").append(String.format("%02x", f[at + i] & 0xFF));
        }
        return sb.toString();
    }

    static String ip(byte[] f, int at) {
        return Addresses.ipString(u32(f, at));
    }

    /** Whether the IPv4 header at {@link #ETH} has a valid checksum. */
    static boolean ipChecksumOk(byte[] f) {
        int hl = (f[ETH] & 0x0F) * 4;
        return f.length >= ETH + hl && Checksum.of(f, ETH, hl) == 0;
    }

    /** Whether the TCP, UDP or ICMP checksum of an unfragmented IPv4 frame verifies (UDP 0 counts as good). */
    static boolean l4ChecksumOk(byte[] f) {
        int hl = (f[ETH] & 0x0F) * 4;
        int l4 = ETH + hl;
        int len = u16(f, ETH + 2) - hl;
        int proto = u8(f, ETH + 9);
        if (proto == FrameBuilder.PROTO_ICMP) {
            return Checksum.of(f, l4, len) == 0;
        }
        if (proto == FrameBuilder.PROTO_UDP && u16(f, l4 + 6) == 0) {
            return true;
        }
        int sum = Checksum.add(Checksum.pseudoHeader(u32(f, ETH + 12), u32(f, ETH + 16), proto, len), f, l4, len);
        return Checksum.finish(sum) == 0;
    }

    /**
     * One line describing a frame, tcpdump-like: {@code 02:..:02 > 02:..:03 ip 10.0.0.2 > 10.1.0.5
     * ttl 63 udp 1234 > 80 len 64}, with {@code BADSUM} when the IP checksum is wrong.
     */
    static String describe(byte[] f) {
        if (f.length < ETH) {
            return "runt " + HexFormat.of().formatHex(f);
        }
        StringBuilder sb = new StringBuilder(mac(f, 6)).append(" > ").append(mac(f, 0));
        int type = u16(f, 12);
        if (type == FrameBuilder.ETHERTYPE_ARP && f.length >= 42) {
            if (u16(f, 20) == 1) {
                sb.append(" arp who-has ").append(ip(f, 38)).append(" tell ").append(ip(f, 28));
            } else {
                sb.append(" arp reply ").append(ip(f, 28)).append(" is-at ").append(mac(f, 22))
                        .append(" to ").append(ip(f, 38)).append(" at ").append(mac(f, 32));
            }
        } else if (type == FrameBuilder.ETHERTYPE_IPV4 && f.length >= ETH + 20) {
            int hl = (f[ETH] & 0x0F) * 4;
            int proto = u8(f, ETH + 9);
            int frag = u16(f, ETH + 6);
            sb.append(" ip ").append(ip(f, ETH + 12)).append(" > ").append(ip(f, ETH + 16))
                    .append(" ttl ").append(u8(f, ETH + 8)).append(" id ").append(u16(f, ETH + 4))
                    .append(" len ").append(u16(f, ETH + 2));
            if (hl > 20 && f.length >= ETH + hl) {
                sb.append(" options ").append(HexFormat.of().formatHex(f, ETH + 20, ETH + hl));
            }
            if ((frag & 0x4000) != 0) {
                sb.append(" DF");
            }
            if ((frag & 0x2000) != 0) {
                sb.append(" MF");
            }
            if ((frag & 0x1FFF) != 0) {
                sb.append(" off ").append((frag & 0x1FFF) * 8);
            }
            if (!ipChecksumOk(f)) {
                sb.append(" BADSUM");
            }
            int l4 = ETH + hl;
            boolean first = (frag & 0x1FFF) == 0;
            if (first && proto == FrameBuilder.PROTO_UDP && f.length >= l4 + 8) {
                sb.append(" udp ").append(u16(f, l4)).append(" > ").append(u16(f, l4 + 2));
            } else if (first && proto == FrameBuilder.PROTO_TCP && f.length >= l4 + 20) {
                sb.append(" tcp ").append(u16(f, l4)).append(" > ").append(u16(f, l4 + 2))
                        .append(" flags 0x").append(Integer.toHexString(u8(f, l4 + 13)));
            } else if (first && proto == FrameBuilder.PROTO_ICMP && f.length >= l4 + 8) {
                sb.append(" icmp ").append(u8(f, l4)).append('/').append(u8(f, l4 + 1));
                int t = u8(f, l4);
                if (t == 3 && u8(f, l4 + 1) == 4) {
                    sb.append(" mtu ").append(u16(f, l4 + 6));
                } else if (t == 5) {
                    sb.append(" gateway ").append(ip(f, l4 + 4));
                } else if (t == 12) {
                    sb.append(" pointer ").append(u8(f, l4 + 4));
                }
                if ((t == 3 || t == 5 || t == 11 || t == 12) && f.length >= l4 + 28) {
                    sb.append(" [").append(ip(f, l4 + 8 + 12)).append(" > ").append(ip(f, l4 + 8 + 16)).append(']');
                }
            } else {
                sb.append(" proto ").append(proto);
            }
            boolean whole = (frag & 0x3FFF) == 0 && f.length >= ETH + u16(f, ETH + 2) && u16(f, ETH + 2) >= hl + 8;
            boolean checked = proto == FrameBuilder.PROTO_UDP || proto == FrameBuilder.PROTO_TCP
                    || proto == FrameBuilder.PROTO_ICMP;
            if (whole && checked && !l4ChecksumOk(f)) {
                sb.append(" BADL4SUM");
            }
        } else {
            sb.append(String.format(" type 0x%04x", type));
        }
        return sb.append(" (").append(f.length).append(" bytes)").toString();
    }

    private static void putMac(byte[] f, int at, String mac) {
        long m = Addresses.mac(mac);
        for (int i = 0; i < 6; i++) {
            f[at + i] = (byte) (m >>> (8 * (5 - i)));
        }
    }

    static void putU16(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 8);
        f[at + 1] = (byte) v;
    }

    static void putU32(byte[] f, int at, int v) {
        putU16(f, at, v >>> 16);
        putU16(f, at + 2, v);
    }
}
