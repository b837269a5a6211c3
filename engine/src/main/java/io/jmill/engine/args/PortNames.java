package io.jmill.engine.args;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names for TCP and UDP ports, as Click's PortInfo element defines them ({@code NAME PORT[/PROTOCOL]
 * [NAME...] [# comment]}), with the well-known service names as defaults. A name defined inside a
 * compound element applies only to the elements of that compound (whose names start with the
 * compound's name and a slash), as in Click; the innermost definition wins.
 *
 * <pre>{@code
 * PortNames names = new PortNames();
 * names.define("", "ssh 22");              // top level: both protocols
 * names.define("c", "foo 80/udp");         // inside compound c
 * try (var in = names.install()) { ... PortNames.port("foo", PortNames.UDP, "c/enc") ... }
 * }</pre>
 */
public final class PortNames {
    public static final int TCP = 6;
    public static final int UDP = 17;

    private static final ThreadLocal<PortNames> CURRENT = new ThreadLocal<>();

    /** Service names every configuration knows (the common entries of a system's services list). */
    private static final Map<String, Integer> WELL_KNOWN = Map.ofEntries(
            Map.entry("echo", 7), Map.entry("discard", 9), Map.entry("daytime", 13), Map.entry("ftp-data", 20),
            Map.entry("ftp", 21), Map.entry("ssh", 22), Map.entry("telnet", 23), Map.entry("smtp", 25),
            Map.entry("time", 37), Map.entry("domain", 53), Map.entry("bootps", 67), Map.entry("bootpc", 68),
            Map.entry("tftp", 69), Map.entry("finger", 79), Map.entry("http", 80), Map.entry("www", 80),
            Map.entry("pop3", 110), Map.entry("sunrpc", 111), Map.entry("auth", 113), Map.entry("nntp", 119),
            Map.entry("ntp", 123), Map.entry("imap", 143), Map.entry("snmp", 161), Map.entry("snmp-trap", 162),
            Map.entry("bgp", 179), Map.entry("irc", 194), Map.entry("ldap", 389), Map.entry("https", 443),
            Map.entry("syslog", 514), Map.entry("rip", 520), Map.entry("imaps", 993), Map.entry("pop3s", 995),
            Map.entry("nfs", 2049));

    /** Port per "scope\0protocol\0name"; protocol 0 = both. */
    private final Map<String, Integer> ports = new HashMap<>();

    /**
     * Defines the names of one PortInfo argument inside compound {@code scope} ("" at top level).
     *
     * @throws IllegalArgumentException if the argument is not {@code NAME PORT[/PROTOCOL] ...}
     */
    public void define(String scope, String argument) {
        List<String> words = List.of(argument.strip().split("\\s+"));
        if (words.getFirst().isEmpty() || words.getFirst().startsWith("#")) {
            return; // empty arguments and comments are allowed
        }
        if (words.size() < 2) {
            throw new IllegalArgumentException("expected 'NAME PORT/PROTO'");
        }
        String portText = words.get(1);
        int slash = portText.indexOf('/');
        int protocol = 0;
        if (slash >= 0) {
            protocol = switch (portText.substring(slash + 1)) {
                case "tcp" -> TCP;
                case "udp" -> UDP;
                default -> -1;
            };
            if (protocol < 0) {
                return; // another protocol: Click skips the entry
            }
            portText = portText.substring(0, slash);
        }
        int port;
        try {
            port = (int) NumberParser.parseInteger(portText, 0, 65535);
        } catch (ValueException e) {
            throw new IllegalArgumentException("expected 'NAME PORT/PROTO'");
        }
        for (int i = 0; i < words.size() && !words.get(i).startsWith("#"); i = i == 0 ? 2 : i + 1) {
            ports.put(key(scope, protocol, words.get(i)), port);
        }
    }

    private static String key(String scope, int protocol, String name) {
        return scope + '\0' + protocol + '\0' + name;
    }

    /** What {@link #install()} returns: closing it restores the names in force before. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Makes these names current on this thread until the returned scope is closed. */
    public Scope install() {
        PortNames previous = CURRENT.get();
        CURRENT.set(this);
        return () -> CURRENT.set(previous);
    }

    /**
     * The port {@code text} stands for in element {@code element}'s arguments, for {@code protocol}
     * ({@link #TCP} or {@link #UDP}): a number 0-65535, a name defined by a PortInfo of the element's
     * compound or an enclosing one (innermost first), or a well-known service name. -1 if none.
     */
    public static int port(String text, int protocol, String element) {
        String t = text.strip();
        try {
            return (int) NumberParser.parseInteger(t, 0, 65535);
        } catch (ValueException e) {
            // not a number: a name
        }
        PortNames names = CURRENT.get();
        if (names != null) {
            String scope = element;
            while (true) {
                int slash = scope.lastIndexOf('/');
                scope = slash < 0 ? "" : scope.substring(0, slash);
                Integer p = names.ports.get(key(scope, protocol, t));
                if (p == null) {
                    p = names.ports.get(key(scope, 0, t));
                }
                if (p != null) {
                    return p;
                }
                if (scope.isEmpty()) {
                    break;
                }
            }
        }
        Integer p = WELL_KNOWN.get(t);
        return p == null ? -1 : p;
    }
}
