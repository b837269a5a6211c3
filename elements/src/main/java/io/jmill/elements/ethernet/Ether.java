package io.jmill.elements.ethernet;

import io.jmill.layout.Packet;

import java.util.Locale;

/** Ethernet and ARP header layout and address helpers for this package. */
final class Ether {
    static final int HEADER_LENGTH = 14;
    static final int ETHERTYPE_IP = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    // An Ethernet ARP packet for IPv4, offsets from the start of the Ethernet header.
    static final int ARP_HRD = 14;
    static final int ARP_PRO = 16;
    static final int ARP_HLN = 18;
    static final int ARP_PLN = 19;
    static final int ARP_OP = 20;
    static final int ARP_SHA = 22;
    static final int ARP_SPA = 28;
    static final int ARP_THA = 32;
    static final int ARP_TPA = 38;
    /** Ethernet header plus the ARP payload for Ethernet and IPv4. */
    static final int ARP_LENGTH = 42;
    static final int ARPHRD_ETHER = 1;
    static final int ARPOP_REQUEST = 1;
    static final int ARPOP_REPLY = 2;

    private Ether() {
    }

    /** Writes a 48-bit address at {@code offset}. */
    static void setMac(Packet p, int offset, long mac) {
        p.setU32(offset, (int) (mac >>> 16));
        p.setU16(offset + 4, (int) mac);
    }

    /** Reads a 48-bit address at {@code offset}. */
    static long mac(Packet p, int offset) {
        return (Integer.toUnsignedLong(p.u32(offset)) << 16) | p.u16(offset + 4);
    }

    /** Group (multicast or broadcast) addresses have the low bit of the first octet set. */
    static boolean isGroup(long mac) {
        return (mac & 0x0100_0000_0000L) != 0;
    }

    /** Click's form: six upper-case hex octets separated by dashes, {@code 00-1B-21-3A-4F-5C}. */
    static String macString(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            sb.append(String.format(Locale.ROOT, "%02X", (mac >>> (8 * i)) & 0xFF));
            if (i > 0) {
                sb.append('-');
            }
        }
        return sb.toString();
    }

    /**
     * Parses an Ethernet address as Click does: six groups of one or two hex digits separated by
     * ':' or '-' (one separator throughout). Returns -1 if {@code text} is not one.
     */
    static long parseMac(String text) {
        String[] parts = text.split(text.indexOf(':') >= 0 ? ":" : "-", -1);
        if (parts.length != 6) {
            return -1;
        }
        long v = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2) {
                return -1;
            }
            for (int i = 0; i < part.length(); i++) {
                if (Character.digit(part.charAt(i), 16) < 0) {
                    return -1;
                }
            }
            v = (v << 8) | Integer.parseInt(part, 16);
        }
        return v;
    }
}
