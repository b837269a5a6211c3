package io.jmill.elements.standard;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Crafted packet bytes and pool helpers for the element tests. */
final class TestPackets {
    private TestPackets() {
    }

    /** Bytes from hex digits; spaces are ignored. */
    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replace(" ", ""));
    }

    /** {@code n} bytes 00 01 02 ... */
    static byte[] seq(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    /** {@code n} bytes, all {@code value}. */
    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) value);
        return b;
    }

    /**
     * Takes packets from the pool until only {@code leave} remain free, and returns them; give
     * them back with {@link #release}. Tests use it to exhaust the pool.
     */
    static List<Packet> exhaustPool(int leave) {
        List<Packet> taken = new ArrayList<>();
        for (Packet p; (p = PacketPool.alloc()) != null; ) {
            taken.add(p);
        }
        for (int i = 0; i < leave && !taken.isEmpty(); i++) {
            taken.removeLast().kill();
        }
        return taken;
    }

    static void release(List<Packet> taken) {
        taken.forEach(Packet::kill);
        taken.clear();
    }
}
