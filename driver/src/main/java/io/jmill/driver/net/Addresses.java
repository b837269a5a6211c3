package io.jmill.driver.net;

/** IPv4 and Ethernet addresses between text and numbers (10.0.0.1 = 0x0A000001). */
public final class Addresses {
    private Addresses() {
    }

    /** Parses a dotted quad; throws IllegalArgumentException naming the text. */
    public static int ip(String text) {
        String[] parts = text.strip().split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("bad IPv4 address '" + text + "'");
        }
        int v = 0;
        for (String part : parts) {
            int octet;
            try {
                octet = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad IPv4 address '" + text + "'");
            }
            if (octet < 0 || octet > 255 || part.isEmpty() || part.length() > 3) {
                throw new IllegalArgumentException("bad IPv4 address '" + text + "'");
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static String ipString(int ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }

    /** Parses {@code 00:11:22:33:44:55} (or with dashes) into the low 48 bits of a long. */
    public static long mac(String text) {
        String[] parts = text.strip().split("[:-]", -1);
        if (parts.length != 6) {
            throw new IllegalArgumentException("bad Ethernet address '" + text + "'");
        }
        long v = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 2) {
                throw new IllegalArgumentException("bad Ethernet address '" + text + "'");
            }
            try {
                v = (v << 8) | Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad Ethernet address '" + text + "'");
            }
        }
        return v;
    }

    public static String macString(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            sb.append(String.format("%02x", (mac >>> (8 * i)) & 0xFF));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }
}
