package io.jmill.elements.ip;

import java.util.Locale;
import java.util.Map;

/** Click's mnemonic names for ICMP types and, per type, codes. */
final class IcmpNames {
    private static final Map<String, Integer> TYPES = Map.ofEntries(
            Map.entry("echo-reply", 0), Map.entry("unreachable", 3), Map.entry("sourcequench", 4),
            Map.entry("redirect", 5), Map.entry("echo", 8), Map.entry("routeradvert", 9),
            Map.entry("routersolicit", 10), Map.entry("timeexceeded", 11), Map.entry("parameterproblem", 12),
            Map.entry("timestamp", 13), Map.entry("timestamp-reply", 14), Map.entry("inforeq", 15),
            Map.entry("inforeq-reply", 16), Map.entry("maskreq", 17), Map.entry("maskreq-reply", 18));

    private static final Map<String, Integer> UNREACH_CODES = Map.ofEntries(
            Map.entry("net", 0), Map.entry("host", 1), Map.entry("protocol", 2), Map.entry("port", 3),
            Map.entry("needfrag", 4), Map.entry("srcroutefail", 5), Map.entry("netunknown", 6),
            Map.entry("hostunknown", 7), Map.entry("isolated", 8), Map.entry("netprohibited", 9),
            Map.entry("hostprohibited", 10), Map.entry("tosnet", 11), Map.entry("toshost", 12),
            Map.entry("filterprohibited", 13), Map.entry("hostprecedence", 14), Map.entry("precedencecutoff", 15));
    private static final Map<String, Integer> REDIRECT_CODES = Map.of(
            "net", 0, "host", 1, "tosnet", 2, "toshost", 3);
    private static final Map<String, Integer> TIMXCEED_CODES = Map.of("transit", 0, "reassembly", 1);
    private static final Map<String, Integer> PARAMPROB_CODES = Map.of(
            "erroratptr", 0, "missingopt", 1, "length", 2);

    private IcmpNames() {
    }

    /** The type a name or number 0-255 denotes, or -1. */
    static int type(String text) {
        return lookup(TYPES, text);
    }

    /** The code a name (for {@code type}) or number 0-255 denotes, or -1. */
    static int code(int type, String text) {
        return lookup(codes(type), text);
    }

    /** The code names of {@code type}, sorted, for error messages (empty if it has none). */
    static String codeNames(int type) {
        return String.join(", ", codes(type).keySet().stream().sorted().toList());
    }

    private static Map<String, Integer> codes(int type) {
        return switch (type) {
            case Ip.ICMP_UNREACH -> UNREACH_CODES;
            case Ip.ICMP_REDIRECT -> REDIRECT_CODES;
            case Ip.ICMP_TIMXCEED -> TIMXCEED_CODES;
            case Ip.ICMP_PARAMPROB -> PARAMPROB_CODES;
            default -> Map.of();
        };
    }

    private static int lookup(Map<String, Integer> names, String text) {
        if (text.matches("[0-9]{1,3}")) {
            int v = Integer.parseInt(text);
            return v <= 255 ? v : -1;
        }
        Integer v = names.get(text.toLowerCase(Locale.ROOT));
        return v == null ? -1 : v;
    }
}
