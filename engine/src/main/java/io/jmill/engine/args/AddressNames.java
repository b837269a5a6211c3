package io.jmill.engine.args;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for addresses, as Click's AddressInfo element defines them: {@code NAME ADDRESS...} where the
 * addresses are an IPv4 address or prefix and/or an Ethernet address. While a router's elements are
 * configured, the names in {@link #current() force} stand wherever an address, a prefix or an
 * Ethernet address is parsed: {@code NAME} and {@code NAME:ip} (the address), {@code NAME:ipnet} (the
 * network prefix), {@code NAME:bcast} (the broadcast address), {@code NAME:eth} (the Ethernet
 * address).
 *
 * <pre>{@code
 * AddressNames names = new AddressNames();
 * names.define("foo", "1.2.3.4/20 00:01:02:03:04:05");
 * try (var in = names.install()) { ... configure elements ... }
 * }</pre>
 */
public final class AddressNames {
    private static final ThreadLocal<AddressNames> CURRENT = new ThreadLocal<>();

    private record Entry(Integer ip, int mask, Long ether) {
    }

    private final Map<String, Entry> names = new HashMap<>();

    /**
     * Defines {@code name} as the addresses in {@code addresses} (white-space separated).
     *
     * @throws IllegalArgumentException if one is neither an IPv4 address or prefix nor an Ethernet
     *                                  address (the message says which)
     */
    public void define(String name, String addresses) {
        List<String> words = List.of(addresses.strip().split("\\s+"));
        if (addresses.isBlank()) {
            throw new IllegalArgumentException("no address for '" + name + "'");
        }
        try {
            defineWords(name, words);
        } catch (ValueException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    private void defineWords(String name, List<String> words) throws ValueException {
        Integer ip = null;
        int mask = -1;
        Long ether = null;
        for (String w : words) {
            if (w.matches("[0-9a-fA-F]{1,2}([:-])([0-9a-fA-F]{1,2}\\1){4}[0-9a-fA-F]{1,2}")) {
                ether = AddressParser.parseEther(w);
            } else if (w.indexOf(':') >= 0 && w.indexOf('.') < 0) {
                // an IPv6 address: JMill has no IPv6 arguments; the name simply has no IPv6 form
                continue;
            } else {
                IPPrefix p = AddressParser.parsePrefix(w);
                ip = p.address();
                mask = p.mask();
            }
        }
        names.put(name, new Entry(ip, mask, ether));
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** What {@link #install()} returns: closing it restores the names in force before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes these names current on this thread until the returned scope is closed. */
    public Scope install() {
        AddressNames previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /** The names in force on this thread, or null. */
    public static AddressNames current() {
        return CURRENT.get();
    }

    private Entry entry(String name) {
        return names.get(name);
    }

    /** {@code NAME}, {@code NAME:ip}, {@code NAME:ipnet}, {@code NAME:bcast} as an address; null if not a name. */
    static Integer ip(String text) {
        AddressNames n = current();
        if (n == null) {
            return null;
        }
        int colon = text.indexOf(':');
        Entry e = n.entry(colon < 0 ? text : text.substring(0, colon));
        if (e == null || e.ip() == null) {
            return null;
        }
        String form = colon < 0 ? "ip" : text.substring(colon + 1);
        return switch (form) {
            case "ip" -> e.ip();
            case "ipnet" -> e.ip() & e.mask();
            case "bcast" -> e.ip() | ~e.mask();
            default -> null;
        };
    }

    /** {@code NAME:ipnet} as its prefix, the other IP forms as /32; null if not a name. */
    static IPPrefix prefix(String text) {
        AddressNames n = current();
        if (n == null) {
            return null;
        }
        int colon = text.indexOf(':');
        Entry e = n.entry(colon < 0 ? text : text.substring(0, colon));
        if (e == null || e.ip() == null) {
            return null;
        }
        if (colon >= 0 && text.substring(colon + 1).equals("ipnet")) {
            return new IPPrefix(e.ip() & e.mask(), e.mask());
        }
        Integer ip = ip(text);
        return ip == null ? null : new IPPrefix(ip, -1);
    }

    /** {@code NAME} or {@code NAME:eth} as an Ethernet address; null if not a name. */
    static Long ether(String text) {
        AddressNames n = current();
        if (n == null) {
            return null;
        }
        int colon = text.indexOf(':');
        Entry e = n.entry(colon < 0 ? text : text.substring(0, colon));
        if (e == null || e.ether() == null || (colon >= 0 && !text.substring(colon + 1).equals("eth"))) {
            return null;
        }
        return e.ether();
    }
}
