package io.jmill.driver.net;

import java.nio.ByteBuffer;

/**
 * Builds well-formed Ethernet frames (optionally VLAN-tagged) carrying IPv4 with UDP, TCP or
 * ICMP echo, with correct checksums: for tests, default traffic and generators.
 *
 * <pre>{@code
 * byte[] f = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 80).frameLength(64).build();
 * }</pre>
 *
 * Every field has a sensible default; {@link #frameLength} sizes the payload so the frame has
 * exactly that many bytes (without FCS), the usual way packet sizes are quoted.
 */
public final class FrameBuilder {
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_VLAN = 0x8100;
    public static final int PROTO_ICMP = 1;
    public static final int PROTO_TCP = 6;
    public static final int PROTO_UDP = 17;

    private long srcMac = 0x02_00_00_00_00_01L;
    private long dstMac = 0x02_00_00_00_00_02L;
    private int vlanTci = -1;
    private int srcIp = Addresses.ip("10.0.0.1");
    private int dstIp = Addresses.ip("10.0.0.2");
    private int protocol;
    private int ttl = 64;
    private int tos;
    private int ipId = 1;
    private int fragment;
    private byte[] ipOptions = new byte[0];
    private int srcPort = 1234;
    private int dstPort = 80;
    private int tcpFlags = 0x10;
    private int seq = 1;
    private int ack;
    private int icmpType = 8;
    private int icmpCode;
    private int payloadLength = 18;
    private int frameLength = -1;
    private byte fill = 0;

    private FrameBuilder(int protocol) {
        this.protocol = protocol;
    }

    public static FrameBuilder udp() {
        return new FrameBuilder(PROTO_UDP);
    }

    public static FrameBuilder tcp() {
        return new FrameBuilder(PROTO_TCP);
    }

    /** ICMP echo request (type 8) by default; see {@link #icmp(int, int)}. */
    public static FrameBuilder icmp() {
        return new FrameBuilder(PROTO_ICMP);
    }

    /** Any other IP protocol number; the payload follows the IP header directly. */
    public static FrameBuilder ip(int protocol) {
        return new FrameBuilder(protocol);
    }

    public FrameBuilder srcMac(String mac) {
        srcMac = Addresses.mac(mac);
        return this;
    }

    /** The source MAC address as a 48-bit number (first byte most significant). */
    public FrameBuilder srcMac(long mac) {
        srcMac = mac;
        return this;
    }

    /** The destination MAC address as a 48-bit number (first byte most significant). */
    public FrameBuilder dstMac(long mac) {
        dstMac = mac;
        return this;
    }

    public FrameBuilder dstMac(String mac) {
        dstMac = Addresses.mac(mac);
        return this;
    }

    public FrameBuilder vlan(int tci) {
        vlanTci = tci;
        return this;
    }

    public FrameBuilder src(String ip, int port) {
        srcIp = Addresses.ip(ip);
        srcPort = port;
        return this;
    }

    public FrameBuilder dst(String ip, int port) {
        dstIp = Addresses.ip(ip);
        dstPort = port;
        return this;
    }

    public FrameBuilder srcIp(int ip) {
        srcIp = ip;
        return this;
    }

    public FrameBuilder dstIp(int ip) {
        dstIp = ip;
        return this;
    }

    public FrameBuilder ports(int src, int dst) {
        srcPort = src;
        dstPort = dst;
        return this;
    }

    public FrameBuilder ttl(int ttl) {
        this.ttl = ttl;
        return this;
    }

    public FrameBuilder tos(int tos) {
        this.tos = tos;
        return this;
    }

    public FrameBuilder ipId(int id) {
        ipId = id;
        return this;
    }

    /** The 16-bit flags+fragment-offset field (e.g. 0x2000 = more fragments, offset 0). */
    public FrameBuilder fragment(int flagsAndOffset) {
        fragment = flagsAndOffset;
        return this;
    }

    /** IP options (padded with zeros to a multiple of 4 bytes). */
    public FrameBuilder ipOptions(byte[] options) {
        int padded = (options.length + 3) & ~3;
        ipOptions = java.util.Arrays.copyOf(options, padded);
        return this;
    }

    public FrameBuilder tcpFlags(int flags) {
        tcpFlags = flags;
        return this;
    }

    public FrameBuilder seq(int seq, int ack) {
        this.seq = seq;
        this.ack = ack;
        return this;
    }

    public FrameBuilder icmp(int type, int code) {
        icmpType = type;
        icmpCode = code;
        return this;
    }

    public FrameBuilder payloadLength(int n) {
        payloadLength = n;
        frameLength = -1;
        return this;
    }

    /** Total frame length in bytes, Ethernet header included, FCS excluded. */
    public FrameBuilder frameLength(int n) {
        frameLength = n;
        return this;
    }

    /** Byte the payload is filled with (default 0). */
    public FrameBuilder fill(int b) {
        fill = (byte) b;
        return this;
    }

    private int transportHeaderLength() {
        return switch (protocol) {
            case PROTO_UDP -> 8;
            case PROTO_TCP -> 20;
            case PROTO_ICMP -> 8;
            default -> 0;
        };
    }

    /** Ethernet (+VLAN) header length of the frames this builder makes. */
    public int ethernetHeaderLength() {
        return vlanTci >= 0 ? 18 : 14;
    }

    public byte[] build() {
        int l2 = ethernetHeaderLength();
        int ipHeader = 20 + ipOptions.length;
        int l4 = transportHeaderLength();
        int payload = frameLength >= 0 ? frameLength - l2 - ipHeader - l4 : payloadLength;
        if (payload < 0) {
            throw new IllegalArgumentException("frame length " + frameLength + " is too short for the headers ("
                    + (l2 + ipHeader + l4) + " bytes)");
        }
        int ipTotal = ipHeader + l4 + payload;
        ByteBuffer b = ByteBuffer.allocate(l2 + ipTotal);
        putMac(b, dstMac);
        putMac(b, srcMac);
        if (vlanTci >= 0) {
            b.putShort((short) ETHERTYPE_VLAN).putShort((short) vlanTci);
        }
        b.putShort((short) ETHERTYPE_IPV4);
        int ip = b.position();
        b.put((byte) (0x40 | (ipHeader / 4))).put((byte) tos).putShort((short) ipTotal).putShort((short) ipId)
                .putShort((short) fragment).put((byte) ttl).put((byte) protocol).putShort((short) 0)
                .putInt(srcIp).putInt(dstIp).put(ipOptions);
        int l4start = b.position();
        switch (protocol) {
            case PROTO_UDP -> b.putShort((short) srcPort).putShort((short) dstPort).putShort((short) (l4 + payload))
                    .putShort((short) 0);
            case PROTO_TCP -> b.putShort((short) srcPort).putShort((short) dstPort).putInt(seq).putInt(ack)
                    .put((byte) 0x50).put((byte) tcpFlags).putShort((short) 65535).putShort((short) 0).putShort((short) 0);
            case PROTO_ICMP -> b.put((byte) icmpType).put((byte) icmpCode).putShort((short) 0)
                    .putShort((short) 0x1234).putShort((short) 1);
            default -> {
            }
        }
        for (int i = 0; i < payload; i++) {
            b.put(fill);
        }
        byte[] f = b.array();
        putShort(f, ip + 10, Checksum.of(f, ip, ipHeader));
        int l4len = l4 + payload;
        switch (protocol) {
            case PROTO_UDP -> {
                int c = Checksum.finish(Checksum.add(Checksum.pseudoHeader(srcIp, dstIp, PROTO_UDP, l4len), f, l4start, l4len));
                putShort(f, l4start + 6, c == 0 ? 0xFFFF : c);
            }
            case PROTO_TCP -> putShort(f, l4start + 16,
                    Checksum.finish(Checksum.add(Checksum.pseudoHeader(srcIp, dstIp, PROTO_TCP, l4len), f, l4start, l4len)));
            case PROTO_ICMP -> putShort(f, l4start + 2, Checksum.of(f, l4start, l4len));
            default -> {
            }
        }
        return f;
    }

    private static void putMac(ByteBuffer b, long mac) {
        for (int i = 5; i >= 0; i--) {
            b.put((byte) (mac >>> (8 * i)));
        }
    }

    private static void putShort(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 8);
        f[at + 1] = (byte) v;
    }
}
