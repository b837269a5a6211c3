package io.jmill.engine.args;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses IPv4 addresses, IPv4 prefixes and Ethernet addresses in the forms Click accepts. */
final class AddressParser {
    private static final Pattern IP = Pattern.compile("([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})\\.([0-9]{1,3})");
    // The separator is captured and back-referenced so that "00:11-22:..." (mixed separators) is rejected.
    private static final Pattern ETHER = Pattern.compile(
            "([0-9a-fA-F]{1,2})([:-])([0-9a-fA-F]{1,2})\\2([0-9a-fA-F]{1,2})\\2"
                    + "([0-9a-fA-F]{1,2})\\2([0-9a-fA-F]{1,2})\\2([0-9a-fA-F]{1,2})");
    private static final Pattern PREFIX_LENGTH = Pattern.compile("[0-9]{1,2}");

    private AddressParser() {}

    /** Dotted quad to an int in network order: {@code 10.0.0.1} is {@code 0x0A000001}. */
    static int parseIp(String text) throws ValueException {
        Integer address = ipOrNull(text);
        if (address == null) {
            address = AddressNames.ip(text);
        }
        if (address == null) {
            throw new ValueException("expected IPv4 address, got '" + text + "'");
        }
        return address;
    }

    /**
     * Accepts {@code ADDR/LEN}, {@code ADDR/MASK}, {@code ADDR MASK} and a bare {@code ADDR} (a /32). The address
     * keeps any host bits, as in Click, because an interface address like {@code 10.0.0.1/8} is both a host and
     * a network.
     */
    /**
     * Click's short network forms before a slash: {@code 18.26.4/24} is 18.26.4.0, {@code 10/8}
     * is 10.0.0.0, {@code 0/0} is 0.0.0.0 (one to three octets, the rest zero).
     */
    private static Integer shortNetworkOrNull(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length < 1 || parts.length > 3) {
            return null;
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int octet = 0;
            if (i < parts.length) {
                if (!parts[i].matches("\\d{1,3}")) {
                    return null;
                }
                octet = Integer.parseInt(parts[i]);
                if (octet > 255) {
                    return null;
                }
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    static IPPrefix parsePrefix(String text) throws ValueException {
        IPPrefix named = AddressNames.prefix(text.strip());
        if (named != null) {
            return named;
        }
        int slash = text.indexOf('/');
        String[] spaced = text.strip().split("\\s+");
        String addressText;
        String maskText;
        if (slash >= 0) {
            addressText = text.substring(0, slash).strip();
            maskText = text.substring(slash + 1).strip();
        } else if (spaced.length == 2) {
            addressText = spaced[0];
            maskText = spaced[1];
        } else {
            addressText = text;
            maskText = null;
        }
        Integer address = ipOrNull(addressText);
        if (address == null && slash >= 0) {
            address = shortNetworkOrNull(addressText);
        }
        if (address == null) {
            throw badPrefix(text);
        }
        if (maskText == null) {
            return new IPPrefix(address, -1);
        }
        // Only the slash form takes a length: "10.0.0.0 8" is more likely a typo than a prefix.
        if (slash >= 0 && PREFIX_LENGTH.matcher(maskText).matches()) {
            int length = Integer.parseInt(maskText);
            if (length > 32) {
                throw new ValueException("prefix length must be between 0 and 32, got '" + text + "'");
            }
            return new IPPrefix(address, IPPrefix.maskOf(length));
        }
        Integer mask = ipOrNull(maskText);
        if (mask == null) {
            throw badPrefix(text);
        }
        if (!IPPrefix.isContiguous(mask)) {
            throw new ValueException("netmask " + maskText + " is not contiguous");
        }
        return new IPPrefix(address, mask);
    }

    /** Six hex octets separated by ':' or '-' (one separator throughout) to a 48-bit value, first octet highest. */
    static long parseEther(String text) throws ValueException {
        Matcher m = ETHER.matcher(text);
        if (!m.matches()) {
            Long named = AddressNames.ether(text);
            if (named != null) {
                return named;
            }
            throw new ValueException("expected Ethernet address, got '" + text + "'");
        }
        long value = 0;
        for (int group : new int[] {1, 3, 4, 5, 6, 7}) {
            value = (value << 8) | Integer.parseInt(m.group(group), 16);
        }
        return value;
    }

    private static Integer ipOrNull(String text) {
        Matcher m = IP.matcher(text);
        if (!m.matches()) {
            return null;
        }
        int address = 0;
        for (int group = 1; group <= 4; group++) {
            int octet = Integer.parseInt(m.group(group));
            if (octet > 255) {
                return null;
            }
            address = (address << 8) | octet;
        }
        return address;
    }

    private static ValueException badPrefix(String text) {
        return new ValueException("expected IPv4 prefix, got '" + text + "'");
    }
}
