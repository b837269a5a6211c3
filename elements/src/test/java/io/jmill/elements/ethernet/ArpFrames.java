package io.jmill.elements.ethernet;

import io.jmill.driver.net.Addresses;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** ARP and Ethernet frames written out field by field, independently of the elements' code. */
final class ArpFrames {
    private ArpFrames() {
    }

    static byte[] arp(int op, String ethDst, String ethSrc, String sha, String spa, String tha, String tpa) {
        ByteBuffer b = ByteBuffer.allocate(42);
        mac(b, ethDst);
        mac(b, ethSrc);
        b.putShort((short) 0x0806);
        b.putShort((short) 1).putShort((short) 0x0800).put((byte) 6).put((byte) 4).putShort((short) op);
        mac(b, sha);
        b.putInt(Addresses.ip(spa));
        mac(b, tha);
        b.putInt(Addresses.ip(tpa));
        return b.array();
    }

    static byte[] request(String sha, String spa, String tpa) {
        return arp(1, "ff:ff:ff:ff:ff:ff", sha, sha, spa, "00:00:00:00:00:00", tpa);
    }

    static byte[] reply(String sha, String spa, String tha, String tpa) {
        return arp(2, tha, sha, sha, spa, tha, tpa);
    }

    /** An Ethernet frame: destination, source, type, then {@code payload}. */
    static byte[] ether(String dst, String src, int type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.length);
        mac(b, dst);
        mac(b, src);
        b.putShort((short) type).put(payload);
        return b.array();
    }

    static byte[] withByte(byte[] frame, int at, int value) {
        byte[] copy = Arrays.copyOf(frame, frame.length);
        copy[at] = (byte) value;
        return copy;
    }

    private static void mac(ByteBuffer b, String mac) {
        long v = Addresses.mac(mac);
        for (int i = 5; i >= 0; i--) {
            b.put((byte) (v >>> (8 * i)));
        }
    }
}
