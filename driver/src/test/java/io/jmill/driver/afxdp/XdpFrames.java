package io.jmill.driver.afxdp;

import java.util.ArrayList;
import java.util.List;

/**
 * Test frames for the AF_XDP tests: IPv4 UDP and TCP of several flows, some VLAN-tagged, some with
 * IP options, a fragment, IPv6, a short IPv4 header, a non-IP ethertype; unicast to the receiver,
 * to another host, broadcast and multicast. Each carries its sequence number at a fixed place so
 * that order can be checked.
 */
final class XdpFrames {
    static final byte[] OTHER_MAC = {0x02, 0x55, 0x55, 0x55, 0x55, 0x55};

    private XdpFrames() {
    }

    /** {@code n} frames to a receiver whose MAC address is {@code dst}. */
    static List<byte[]> mixed(int n, byte[] dst) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(frame(i, dst));
        }
        return out;
    }

    static byte[] frame(int i, byte[] dst) {
        int kind = i % 10;
        int payload = 18 + (i * 37) % 400;
        boolean vlan = i % 7 == 3;
        int l2 = vlan ? 18 : 14;
        int ipLen = kind == 6 ? 40 + payload : kind == 5 ? 24 + 8 + payload : 20 + 8 + payload;
        byte[] f = new byte[Math.max(60, l2 + ipLen)];
        byte[] to = i % 11 == 4 ? new byte[] {-1, -1, -1, -1, -1, -1}
                : i % 13 == 5 ? new byte[] {0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}
                : i % 9 == 2 ? OTHER_MAC : dst;
        System.arraycopy(to, 0, f, 0, 6);
        byte[] from = {0x02, 0x0A, 0x0B, 0x0C, 0x0D, 0x0E};
        System.arraycopy(from, 0, f, 6, 6);
        int p = 12;
        if (vlan) {
            put16(f, 12, 0x8100);
            put16(f, 14, 0x2000 | i & 0xFFF);
            p = 16;
        }
        int ethertype = kind == 6 ? 0x86DD : kind == 8 ? 0x88B5 : 0x0800;
        put16(f, p, ethertype);
        int ip = l2;
        if (ethertype == 0x0800) {
            int ihl = kind == 5 ? 6 : kind == 9 ? 4 : 5; // 9: a bad header length
            f[ip] = (byte) (0x40 | ihl);
            put16(f, ip + 2, ipLen);
            put16(f, ip + 4, i);
            put16(f, ip + 6, kind == 7 ? 0x2000 | 10 : 0); // 7: a later fragment
            f[ip + 8] = 64;
            f[ip + 9] = (byte) (kind == 3 ? 1 : kind % 2 == 0 ? 6 : 17); // ICMP, TCP, UDP
            put32(f, ip + 12, 0x0A000000 | (i % 5) << 8 | 1);
            put32(f, ip + 16, 0x0A010000 | (i % 3));
            int l4 = ip + Math.max(ihl, 5) * 4;
            put16(f, l4, 1000 + i % 4);
            put16(f, l4 + 2, 2000 + i % 6);
        } else if (ethertype == 0x86DD) {
            f[ip] = 0x60;
            put16(f, ip + 4, payload + 8);
            f[ip + 6] = 17;
            f[ip + 7] = 64;
        }
        put32(f, f.length - 4, i); // sequence number
        return f;
    }

    static int sequence(byte[] f) {
        int n = f.length;
        return (f[n - 4] & 0xFF) << 24 | (f[n - 3] & 0xFF) << 16 | (f[n - 2] & 0xFF) << 8 | f[n - 1] & 0xFF;
    }

    private static void put16(byte[] f, int at, int v) {
        f[at] = (byte) (v >>> 8);
        f[at + 1] = (byte) v;
    }

    private static void put32(byte[] f, int at, int v) {
        put16(f, at, v >>> 16);
        put16(f, at + 2, v);
    }
}
