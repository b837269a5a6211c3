package io.jmill.elements.classifier;

import io.jmill.driver.net.Addresses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses IPClassifier / IPFilter expressions (Click's tcpdump-like language) into {@link Expr}s.
 *
 * <p>Grammar, as in Click:
 * <pre>
 * expr   ::= orexpr | orexpr ? expr : expr        (the ':' surrounded by spaces)
 * orexpr ::= term ((or | ||) term)*
 * term   ::= factor ((and | &amp;&amp;)? factor)*        (juxtaposition means and)
 * factor ::= (not | !) factor | ( expr ) | test
 * test   ::= true | false | QUALIFIERS [ [POS:LEN] ] [&amp; MASK] [RELOP] [DATA]
 * </pre>
 * Qualifiers are {@code src}, {@code dst}, {@code src and dst}, {@code src or dst}, {@code ip},
 * {@code ether}, {@code not}, protocol names ({@code tcp}, {@code udp}, {@code icmp}, {@code igmp},
 * {@code ipip}, {@code tcpudp}, {@code transp}) and type words ({@code host}, {@code net},
 * {@code port}, {@code proto}, {@code opt}, {@code frag}, {@code unfrag}, {@code vers}, {@code hl},
 * {@code id}, {@code len}, {@code tos}, {@code dscp}, {@code ttl}, {@code ect}, {@code ce},
 * {@code win}, {@code type}). Relations: {@code = == != < > <= >=}. A test without qualifiers
 * takes its type, direction and protocol from the previous test ({@code src port 80 or 81}), and
 * a bare data word implies its type ({@code 10.0.0.0/8} = {@code net 10.0.0.0/8}, {@code www} =
 * {@code port www}, {@code syn} = {@code tcp opt syn}, {@code tcp} = {@code ip proto tcp}).
 *
 * <p>Port, TCP option, TCP window, ICMP type and transport-header field tests also require the
 * protocol and a first fragment (fragment offset zero). A relation's negation ({@code !=},
 * {@code <=}, ...) covers a primitive's source/destination combination as a whole, as in Click:
 * {@code port != 80} means neither port is 80, {@code port > 1023} means either is above 1023.
 */
final class IPExpression {
    static final int UNKNOWN = -1000;
    static final int PROTO_ICMP = 1;
    static final int PROTO_TCP = 6;
    static final int PROTO_UDP = 17;
    static final int PROTO_DCCP = 33;
    static final int PROTO_TCP_OR_UDP = 256;
    static final int PROTO_TRANSP = 257;

    private static final int SD_NONE = 0;
    private static final int SD_SRC = 1;
    private static final int SD_DST = 2;
    private static final int SD_AND = 3;
    private static final int SD_OR = 4;

    /** Kinds of primitive (Click's TYPE_*), also used for the kind of data a word gave. */
    private enum Type { NONE, INT, HOST, NET, ETHER, PROTO, PORT, TCPOPT, IPFRAG, IPUNFRAG, IPECT, IPCE, FIELD }

    /**
     * A header field compared by number: {@code width} bytes at {@code offset} from {@code base},
     * of which the field is the bits {@code fullMask << shift}.
     */
    private record Field(String name, int base, int offset, int width, int fullMask, int shift, int proto) {
    }

    private static final Field IP_LEN = new Field("ip len", FieldTest.NET, 2, 2, 0xFFFF, 0, UNKNOWN);
    private static final Field IP_ID = new Field("ip id", FieldTest.NET, 4, 2, 0xFFFF, 0, UNKNOWN);
    private static final Field IP_VERS = new Field("ip vers", FieldTest.NET, 0, 1, 0xF, 4, UNKNOWN);
    private static final Field IP_HL = new Field("ip hl", FieldTest.NET, 0, 1, 0xF, 0, UNKNOWN);
    private static final Field IP_TOS = new Field("ip tos", FieldTest.NET, 1, 1, 0xFF, 0, UNKNOWN);
    private static final Field IP_DSCP = new Field("ip dscp", FieldTest.NET, 1, 1, 0x3F, 2, UNKNOWN);
    private static final Field IP_TTL = new Field("ip ttl", FieldTest.NET, 8, 1, 0xFF, 0, UNKNOWN);
    private static final Field TCP_WIN = new Field("tcp win", FieldTest.TRANSPORT, 14, 2, 0xFFFF, 0, PROTO_TCP);
    private static final Field ICMP_TYPE = new Field("icmp type", FieldTest.TRANSPORT, 0, 1, 0xFF, 0, PROTO_ICMP);

    /** A type word's meaning: a primitive kind, or a field. */
    private record TypeWord(Type type, Field field) {
    }

    private static final Map<String, TypeWord> TYPE_WORDS = Map.ofEntries(
            Map.entry("ce", new TypeWord(Type.IPCE, null)),
            Map.entry("dscp", new TypeWord(Type.FIELD, IP_DSCP)),
            Map.entry("ect", new TypeWord(Type.IPECT, null)),
            Map.entry("frag", new TypeWord(Type.IPFRAG, null)),
            Map.entry("hl", new TypeWord(Type.FIELD, IP_HL)),
            Map.entry("host", new TypeWord(Type.HOST, null)),
            Map.entry("id", new TypeWord(Type.FIELD, IP_ID)),
            Map.entry("len", new TypeWord(Type.FIELD, IP_LEN)),
            Map.entry("net", new TypeWord(Type.NET, null)),
            Map.entry("opt", new TypeWord(Type.TCPOPT, null)),
            Map.entry("port", new TypeWord(Type.PORT, null)),
            Map.entry("proto", new TypeWord(Type.PROTO, null)),
            Map.entry("tos", new TypeWord(Type.FIELD, IP_TOS)),
            Map.entry("ttl", new TypeWord(Type.FIELD, IP_TTL)),
            Map.entry("type", new TypeWord(Type.FIELD, ICMP_TYPE)),
            Map.entry("unfrag", new TypeWord(Type.IPUNFRAG, null)),
            Map.entry("vers", new TypeWord(Type.FIELD, IP_VERS)),
            Map.entry("win", new TypeWord(Type.FIELD, TCP_WIN)));

    static final Map<String, Integer> PROTOCOLS = Map.of(
            "icmp", PROTO_ICMP, "igmp", 2, "ipip", 4, "tcp", PROTO_TCP, "tcpudp", PROTO_TCP_OR_UDP,
            "transp", PROTO_TRANSP, "udp", PROTO_UDP);

    static final Map<String, Integer> PORTS = Map.ofEntries(
            Map.entry("auth", 113), Map.entry("bootpc", 68), Map.entry("bootps", 67), Map.entry("chargen", 19),
            Map.entry("daytime", 13), Map.entry("discard", 9), Map.entry("dns", 53), Map.entry("domain", 53),
            Map.entry("echo", 7), Map.entry("finger", 79), Map.entry("ftp", 21), Map.entry("ftp-data", 20),
            Map.entry("https", 443), Map.entry("imap3", 220), Map.entry("imaps", 993), Map.entry("irc", 194),
            Map.entry("netbios-dgm", 138), Map.entry("netbios-ns", 137), Map.entry("netbios-ssn", 139),
            Map.entry("nntp", 119), Map.entry("ntp", 123), Map.entry("pop3", 110), Map.entry("pop3s", 995),
            Map.entry("rip", 520), Map.entry("route", 520), Map.entry("smtp", 25), Map.entry("snmp", 161),
            Map.entry("snmp-trap", 162), Map.entry("ssh", 22), Map.entry("sunrpc", 111), Map.entry("telnet", 23),
            Map.entry("tftp", 69), Map.entry("www", 80));

    static final Map<String, Integer> TCP_FLAGS = Map.of(
            "fin", 0x01, "syn", 0x02, "rst", 0x04, "psh", 0x08, "ack", 0x10, "urg", 0x20);

    static final Map<String, Integer> ICMP_TYPES = Map.ofEntries(
            Map.entry("echo-reply", 0), Map.entry("unreachable", 3), Map.entry("sourcequench", 4),
            Map.entry("redirect", 5), Map.entry("echo", 8), Map.entry("routeradvert", 9),
            Map.entry("routersolicit", 10), Map.entry("timeexceeded", 11), Map.entry("parameterproblem", 12),
            Map.entry("timestamp", 13), Map.entry("timestamp-reply", 14), Map.entry("inforeq", 15),
            Map.entry("inforeq-reply", 16), Map.entry("maskreq", 17), Map.entry("maskreq-reply", 18));

    private static final int OP_EQ = 0;
    private static final int OP_GT = 1;
    private static final int OP_LT = 2;

    /** One primitive while it is parsed (Click's IPFilter::Primitive). */
    private static final class Prim {
        Type type = Type.NONE;
        Field field;
        /** Kind of the data word; for {@link Type#FIELD} the field is {@link #dataField}. */
        Type data = Type.NONE;
        Field dataField;
        int srcdst = SD_NONE;
        int transp = UNKNOWN;
        int op = OP_EQ;
        boolean opNegated;
        /** The value: a number, an IPv4 address, or a 48-bit Ethernet address. */
        long value;
        /** The mask that came with the data (a prefix's netmask). */
        long dataMask;
        /** The compared bits (after check). */
        long mask;
        /** Set when a relation is decided without looking (Click warns "always true/false"). */
        Boolean constant;
        /** Position of the word that gave the type, for messages; -1 if implied. */
        int typePos = -1;
    }

    private final List<String> words;
    private int pos;
    private Prim prev;

    private IPExpression(List<String> words, int start) {
        this.words = words;
        this.pos = start;
    }

    /** Parses a whole IPClassifier pattern. */
    static Expr parse(String pattern) throws PatternException {
        List<String> w = tokenize(pattern);
        if (w.isEmpty()) {
            throw new PatternException("empty pattern");
        }
        return parse(w, 0);
    }

    private static final java.util.regex.Pattern PORT_RANGE = java.util.regex.Pattern.compile("(\\d{1,5})-(\\d{1,5})");

    /**
     * Port ranges, {@code [tcp|udp] [src|dst] port LOW-HIGH}, written as the relations they mean:
     * {@code (src port >= LOW and src port <= HIGH)}, and without src/dst either port in the range:
     * {@code ((src port >= LOW and src port <= HIGH) or (dst port >= LOW and dst port <= HIGH))}.
     */
    static List<String> expandPortRanges(List<String> w) throws PatternException {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < w.size(); i++) {
            java.util.regex.Matcher m = i + 1 < w.size() && w.get(i).equals("port")
                    ? PORT_RANGE.matcher(w.get(i + 1)) : null;
            if (m == null || !m.matches()) {
                out.add(w.get(i));
                continue;
            }
            int low = Integer.parseInt(m.group(1));
            int high = Integer.parseInt(m.group(2));
            if (low > high || high > 65535) {
                throw new PatternException("bad port range '" + w.get(i + 1) + "'");
            }
            // Take the qualifiers written just before 'port' back out of the output.
            List<String> proto = new ArrayList<>();
            String direction = null;
            while (!out.isEmpty()) {
                String q = out.getLast();
                if (q.equals("tcp") || q.equals("udp")) {
                    proto.addFirst(out.removeLast());
                } else if (direction == null && (q.equals("src") || q.equals("dst") || q.equals("dest"))) {
                    direction = out.removeLast();
                } else {
                    break;
                }
            }
            List<String> directions = direction == null ? List.of("src", "dst") : List.of(direction);
            out.add("(");
            for (int d = 0; d < directions.size(); d++) {
                if (d > 0) {
                    out.add("or");
                }
                out.add("(");
                out.addAll(proto);
                out.addAll(List.of(directions.get(d), "port", ">=", Integer.toString(low), "and"));
                out.addAll(proto);
                out.addAll(List.of(directions.get(d), "port", "<=", Integer.toString(high), ")"));
            }
            out.add(")");
            i++;
        }
        return out;
    }

    /**
     * Parses {@code words[start..]} as one expression; {@code -}, {@code any} or {@code all} alone
     * match everything. An empty range is an error.
     */
    static Expr parse(List<String> given, int start) throws PatternException {
        List<String> words = new ArrayList<>(given.subList(0, start));
        words.addAll(expandPortRanges(given.subList(start, given.size())));
        if (words.size() == start + 1) {
            String w = words.get(start);
            if (w.equals("-") || w.equals("any") || w.equals("all")) {
                return Expr.TRUE;
            }
        }
        IPExpression p = new IPExpression(words, start);
        Expr e = p.parseExpr();
        if (p.pos < words.size()) {
            throw new PatternException("garbage after expression at '" + words.get(p.pos) + "'");
        }
        return e;
    }

    /** Splits text into words as Click's IPFilter does. */
    static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            char next = i + 1 < n ? text.charAt(i + 1) : 0;
            if ((c == '&' || c == '|') && next == c || (c == '<' || c == '>' || c == '!' || c == '=') && next == '=') {
                out.add(text.substring(i, i + 2));
                i += 2;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(text.charAt(i))) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else {
                out.add(String.valueOf(c));
                i++;
            }
        }
        return out;
    }

    private static boolean isWordChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '/' || c == '@' || c == '_'
                || c == ':');
    }

    // ------------------------------------------------------------------ grammar

    private boolean at(String w) {
        return pos < words.size() && words.get(pos).equals(w);
    }

    private String peek() {
        return pos < words.size() ? words.get(pos) : null;
    }

    private Expr parseExpr() throws PatternException {
        Expr c = parseOr();
        if (!at("?")) {
            return c;
        }
        pos++;
        Expr a = parseExpr();
        if (!at(":")) {
            throw new PatternException("missing ':' in ternary expression");
        }
        pos++;
        Expr b = parseExpr();
        return Expr.cond(c, a, b);
    }

    private Expr parseOr() throws PatternException {
        List<Expr> terms = new ArrayList<>();
        terms.add(parseTerm());
        while (at("or") || at("||")) {
            pos++;
            terms.add(parseTerm());
        }
        return Expr.or(terms);
    }

    private Expr parseTerm() throws PatternException {
        List<Expr> factors = new ArrayList<>();
        Expr f = parseFactor();
        if (f == null) {
            throw new PatternException(peek() == null ? "missing expression at end of pattern"
                    : "missing expression before '" + peek() + "'");
        }
        factors.add(f);
        while (true) {
            if (at("and") || at("&&")) {
                String conj = words.get(pos++);
                f = parseFactor();
                if (f == null) {
                    throw new PatternException("missing expression after '" + conj + "'");
                }
            } else {
                f = parseFactor();
                if (f == null) {
                    break;
                }
            }
            factors.add(f);
        }
        return Expr.and(factors);
    }

    /** A factor, or null if the next word cannot start one (end, ')', 'or', '?', ':'). */
    private Expr parseFactor() throws PatternException {
        String w = peek();
        if (w == null || w.equals(")") || w.equals("||") || w.equals("or") || w.equals("?") || w.equals(":")) {
            return null;
        }
        if (w.equals("not") || w.equals("!")) {
            pos++;
            Expr f = parseFactor();
            if (f == null) {
                throw new PatternException("missing expression after '" + w + "'");
            }
            return Expr.not(f);
        }
        if (w.equals("(")) {
            pos++;
            String after = peek();
            if (after == null || after.equals(")")) {
                throw new PatternException("missing expression after '('");
            }
            Expr e = parseExpr();
            if (!at(")")) {
                throw new PatternException(peek() == null ? "missing ')'" : "missing ')' before '" + peek() + "'");
            }
            pos++;
            return e;
        }
        return parseTest();
    }

    // ------------------------------------------------------------------ primitives

    private Expr parseTest() throws PatternException {
        String first = words.get(pos);
        if (first.equals("true")) {
            pos++;
            return Expr.TRUE;
        }
        if (first.equals("false")) {
            pos++;
            return Expr.FALSE;
        }
        int firstPos = pos;
        Prim prim = new Prim();
        char header = 0;
        boolean negated = false;

        // Qualifiers.
        for (; pos < words.size(); pos++) {
            String wd = words.get(pos);
            TypeWord tw = TYPE_WORDS.get(wd);
            if (tw != null) {
                if (prim.type != Type.NONE) {
                    throw new PatternException("type specified twice at '" + wd + "'");
                }
                prim.type = tw.type;
                prim.field = tw.field;
                prim.typePos = pos;
                if (tw.field != null && tw.field.proto != UNKNOWN) {
                    setTransp(prim, tw.field.proto, wd);
                }
            } else if (PROTOCOLS.containsKey(wd)) {
                setTransp(prim, PROTOCOLS.get(wd), wd);
            } else if (PORTS.containsKey(wd) || TCP_FLAGS.containsKey(wd) || ICMP_TYPES.containsKey(wd)) {
                break;
            } else if (wd.equals("src")) {
                if (pos + 2 < words.size() && (words.get(pos + 2).equals("dst") || words.get(pos + 2).equals("dest"))
                        && isAndOr(words.get(pos + 1))) {
                    String conj = words.get(pos + 1);
                    setSrcDst(prim, conj.equals("and") || conj.equals("&&") ? SD_AND : SD_OR, wd);
                    pos += 2;
                } else {
                    setSrcDst(prim, SD_SRC, wd);
                }
            } else if (wd.equals("dst") || wd.equals("dest")) {
                setSrcDst(prim, SD_DST, wd);
            } else if (wd.equals("ip") || wd.equals("ether")) {
                if (header != 0) {
                    break;
                }
                header = wd.charAt(0);
            } else if (wd.equals("not") || wd.equals("!")) {
                negated = !negated;
            } else {
                break;
            }
        }

        // The previous primitive only fills in for a test without qualifiers.
        if (pos != firstPos) {
            prev = null;
        }
        if (prev != null && prev.data == Type.ETHER) {
            header = 'e';
        }

        // Optional [POS:LEN] after a qualifier such as ip, tcp, transp.
        String wd = notLast();
        if ("[".equals(wd) && pos > firstPos && prim.type == Type.NONE) {
            parseBrackets(prim, header);
            wd = notLast();
        }

        // Optional mask.
        long providedMask = 0;
        Type maskType = Type.NONE;
        if ("&".equals(wd)) {
            String m = words.get(pos + 1);
            Long asInt = parseInt(m);
            Integer asIp = header != 'e' ? parseIp(m) : null;
            Long asEther = header != 'i' ? parseEther(m) : null;
            if (asInt != null) {
                providedMask = asInt;
                maskType = Type.INT;
            } else if (asIp != null) {
                providedMask = asIp & 0xFFFFFFFFL;
                maskType = Type.HOST;
            } else if (asEther != null) {
                providedMask = asEther;
                maskType = Type.ETHER;
            } else {
                throw new PatternException("expected mask after '&', got '" + m + "'");
            }
            if (providedMask == 0) {
                throw new PatternException("zero mask '& " + m + "'");
            }
            pos += 2;
            wd = notLast();
        }

        // Optional relation.
        if (wd != null) {
            boolean isRelop = true;
            switch (wd) {
                case "=", "==" -> {
                }
                case "!=" -> prim.opNegated = true;
                case ">" -> prim.op = OP_GT;
                case "<" -> prim.op = OP_LT;
                case ">=" -> {
                    prim.op = OP_LT;
                    prim.opNegated = true;
                }
                case "<=" -> {
                    prim.op = OP_GT;
                    prim.opNegated = true;
                }
                default -> isRelop = false;
            }
            if (isRelop) {
                pos++;
            }
        }
        boolean relation = prim.op != OP_EQ || prim.opNegated;

        // The data.
        if (pos < words.size()) {
            wd = words.get(pos);
            pos++;
            if (!lookupData(prim, wd)) {
                Long asInt = parseInt(wd);
                Integer asIp = header != 'e' ? parseIp(wd) : null;
                long[] prefix = header != 'e' ? parsePrefix(wd) : null;
                Long asEther = header != 'i' ? parseEther(wd) : null;
                if (asInt != null) {
                    prim.data = Type.INT;
                    prim.value = asInt;
                } else if (asIp != null) {
                    prim.value = asIp & 0xFFFFFFFFL;
                    Integer netmask = pos + 1 < words.size() && words.get(pos).equals("mask")
                            ? parseIp(words.get(pos + 1)) : null;
                    if (netmask != null) {
                        pos += 2;
                        prim.data = Type.NET;
                        prim.dataMask = netmask & 0xFFFFFFFFL;
                    } else if (prim.type == Type.NET) {
                        prim.data = Type.NET;
                        prim.dataMask = 0xFFFFFFFFL;
                    } else {
                        prim.data = Type.HOST;
                    }
                } else if (prefix != null) {
                    prim.data = Type.NET;
                    prim.value = prefix[0];
                    prim.dataMask = prefix[1];
                } else if (asEther != null) {
                    prim.data = Type.ETHER;
                    prim.value = asEther;
                } else {
                    pos--;
                    if (relation && prim.type == Type.NONE) {
                        throw new PatternException("dangling operator near '" + wd + "'");
                    }
                }
            }
        }

        if (pos == firstPos) {
            throw new PatternException("unknown word '" + words.get(pos) + "'");
        }

        check(prim, header, maskType, providedMask, firstPos);
        Expr e = compile(prim);
        prev = prim;
        return negated ? Expr.not(e) : e;
    }

    /** The word at pos unless it is the last word (Click only reads '[', '&amp;' and relations before data). */
    private String notLast() {
        return pos < words.size() - 1 ? words.get(pos) : null;
    }

    private static boolean isAndOr(String w) {
        return w.equals("and") || w.equals("&&") || w.equals("or") || w.equals("||");
    }

    private static void setTransp(Prim prim, int proto, String word) throws PatternException {
        if (prim.transp != UNKNOWN && prim.transp != proto) {
            throw new PatternException("transport protocol specified twice at '" + word + "'");
        }
        prim.transp = proto;
    }

    private static void setSrcDst(Prim prim, int sd, String word) throws PatternException {
        if (prim.srcdst != SD_NONE) {
            throw new PatternException("'src' or 'dst' specified twice at '" + word + "'");
        }
        prim.srcdst = sd;
    }

    private void parseBrackets(Prim prim, char header) throws PatternException {
        int open = pos;
        StringBuilder inside = new StringBuilder();
        for (pos++; pos < words.size() && !words.get(pos).equals("]"); pos++) {
            inside.append(words.get(pos));
        }
        if (pos >= words.size()) {
            throw new PatternException("missing ']'");
        }
        pos++;
        String s = inside.toString();
        Long fieldPos;
        Long len = 1L;
        int colon = s.indexOf(':');
        int comma = s.indexOf(',');
        if (colon >= 0) {
            fieldPos = parseInt(s.substring(0, colon));
            len = parseInt(s.substring(colon + 1));
        } else if (comma >= 0) {
            fieldPos = parseInt(s.substring(0, comma));
            Long last = parseInt(s.substring(comma + 1));
            len = fieldPos == null || last == null ? null : last - fieldPos + 1;
        } else {
            fieldPos = parseInt(s);
        }
        if (fieldPos == null || len == null) {
            throw new PatternException("syntax error after '[', expected '[POS]' or '[POS:LEN]'");
        }
        if (len < 1 || len > 4) {
            throw new PatternException("LEN in '[POS:LEN]' out of range, should be between 1 and 4");
        }
        if (fieldPos < 0 || fieldPos + len - 1 > 0xFFFF) {
            throw new PatternException("POS in '[POS:LEN]' out of range, should be between 0 and 65535");
        }
        int proto = prim.transp == UNKNOWN ? 0 : prim.transp;
        String what = (proto == 0 ? "ip" : protoName(proto)) + "[" + fieldPos + ":" + len + "]";
        int width = len.intValue();
        int full = width == 4 ? -1 : (1 << (8 * width)) - 1;
        prim.type = Type.FIELD;
        prim.field = new Field(what, proto == 0 ? FieldTest.NET : FieldTest.TRANSPORT, fieldPos.intValue(), width, full,
                0, proto == 0 ? UNKNOWN : proto);
        prim.typePos = open - 1;
    }

    /**
     * Looks the data word up among names (protocols, ports, TCP flags, ICMP types) that fit the
     * primitive's type and protocol; true if it was a name.
     */
    private boolean lookupData(Prim prim, String word) throws PatternException {
        Integer proto = PROTOCOLS.get(word);
        Integer port = PORTS.get(word);
        Integer flag = TCP_FLAGS.get(word);
        Integer icmp = ICMP_TYPES.get(word);
        if (proto == null && port == null && flag == null && icmp == null) {
            return false;
        }
        Type t = prim.type;
        int tp = prim.transp;
        boolean anyType = t == Type.NONE;
        boolean okProto = proto != null && (anyType || t == Type.PROTO);
        boolean okPort = port != null && (anyType || t == Type.PORT)
                && (tp == UNKNOWN || tp == PROTO_TCP || tp == PROTO_UDP || tp == PROTO_TCP_OR_UDP);
        boolean okFlag = flag != null && (anyType || t == Type.TCPOPT)
                && (tp == UNKNOWN || tp == PROTO_TCP || tp == PROTO_TCP_OR_UDP);
        boolean okIcmp = icmp != null && (anyType || (t == Type.FIELD && prim.field == ICMP_TYPE))
                && (tp == UNKNOWN || tp == PROTO_ICMP);
        int n = (okProto ? 1 : 0) + (okPort ? 1 : 0) + (okFlag ? 1 : 0) + (okIcmp ? 1 : 0);
        if (n == 1) {
            if (okProto) {
                prim.data = Type.PROTO;
                prim.value = proto;
            } else if (okPort) {
                prim.data = Type.PORT;
                prim.value = port;
            } else if (okFlag) {
                prim.data = Type.TCPOPT;
                prim.value = flag;
            } else {
                prim.data = Type.FIELD;
                prim.dataField = ICMP_TYPE;
                prim.value = icmp;
            }
            return true;
        }
        List<String> tries = new ArrayList<>();
        if (proto != null) {
            tries.add("'ip proto " + word + "'");
        }
        if (port != null) {
            tries.add("'" + (tp == PROTO_UDP ? "udp " : tp == PROTO_TCP ? "tcp " : "") + "port " + word + "'");
        }
        if (flag != null) {
            tries.add("'tcp opt " + word + "'");
        }
        if (icmp != null) {
            tries.add("'icmp type " + word + "'");
        }
        String context = (t == Type.NONE ? "" : typeName(prim) + " ")
                + (tp == UNKNOWN || t == Type.FIELD && prim.field == ICMP_TYPE ? "" : protoName(tp) + " ");
        throw new PatternException("'" + context + word + "' is " + (n > 1 ? "ambiguous" : "meaningless") + "; try "
                + String.join(" or ", tries));
    }

    // ------------------------------------------------------------------ checking

    private void check(Prim prim, char header, Type maskType, long providedMask, int firstPos)
            throws PatternException {
        if (prim.type == Type.NONE) {
            Type d = prim.data;
            Field df = prim.dataField;
            if (d == Type.INT) {
                if (prev == null || !(prev.type == Type.FIELD || prev.type == Type.PROTO || prev.type == Type.PORT)) {
                    throw new PatternException("'" + words.get(firstPos)
                            + "': specify a header field or 'port' before a bare number");
                }
                d = prev.type;
                df = prev.field;
            }
            switch (d) {
                case HOST, NET, TCPOPT, ETHER -> {
                    prim.type = d;
                    if (prim.srcdst == SD_NONE && prev != null) {
                        prim.srcdst = prev.srcdst;
                    }
                }
                case PROTO -> prim.type = Type.PROTO;
                case PORT -> {
                    prim.type = Type.PORT;
                    if (prev != null) {
                        if (prim.srcdst == SD_NONE) {
                            prim.srcdst = prev.srcdst;
                        }
                        if (prim.transp == UNKNOWN) {
                            prim.transp = prev.transp;
                        }
                    }
                }
                case FIELD -> {
                    prim.type = Type.FIELD;
                    prim.field = df;
                    if (df.proto != UNKNOWN && prim.transp == UNKNOWN) {
                        prim.transp = df.proto;
                    }
                }
                case NONE -> {
                    if (prim.transp == UNKNOWN) {
                        throw new PatternException("incomplete primitive '" + String.join(" ", words.subList(firstPos, pos))
                                + "'");
                    }
                    prim.type = Type.PROTO;
                }
                default -> throw new IllegalStateException(d.toString());
            }
        }

        if (header == 0) {
            header = prim.data == Type.ETHER ? 'e' : 'i';
        }
        if (header == 'e' && prim.type == Type.HOST) {
            prim.type = Type.ETHER;
        }
        if (header == 'e' && prim.type != Type.ETHER) {
            throw new PatternException("'" + typeName(prim) + "': ip only (with 'ether' only 'host' is allowed)");
        }

        switch (prim.type) {
            case HOST -> {
                if (prim.data != Type.HOST) {
                    throw valueMissing(prim, "IP address");
                }
                requireEquality(prim);
                prim.mask = 0xFFFFFFFFL;
                applyAddressMask(prim, maskType, providedMask);
            }
            case NET -> {
                if (prim.data != Type.NET) {
                    throw valueMissing(prim, "network address (ADDR/LEN or ADDR mask MASK)");
                }
                requireEquality(prim);
                prim.type = Type.HOST;
                prim.mask = prim.dataMask;
                applyAddressMask(prim, maskType, providedMask);
            }
            case ETHER -> {
                if (prim.data != Type.ETHER) {
                    throw valueMissing(prim, "Ethernet address");
                }
                requireEquality(prim);
                prim.mask = 0xFFFF_FFFF_FFFFL;
                if (maskType != Type.NONE && maskType != Type.ETHER) {
                    throw badMask(prim);
                }
                if (maskType == Type.ETHER) {
                    prim.mask = providedMask;
                }
            }
            case PROTO -> {
                if (prim.data == Type.INT || prim.data == Type.PROTO) {
                    if (prim.transp != UNKNOWN && prim.transp != prim.value) {
                        throw new PatternException("'ip proto': protocol specified twice");
                    }
                } else if (prim.data == Type.NONE && prim.transp != UNKNOWN) {
                    prim.value = prim.transp;
                } else {
                    throw valueMissing(prim, "protocol name or number");
                }
                prim.transp = UNKNOWN;
                if (prim.value >= 256) {
                    if (prim.op != OP_EQ || prim.opNegated || maskType != Type.NONE) {
                        throw new PatternException("'" + protoName((int) prim.value)
                                + "': operator or mask not supported");
                    }
                    prim.mask = 0xFF;
                } else {
                    if (maskType != Type.NONE && maskType != Type.INT) {
                        throw badMask(prim);
                    }
                    setMask(prim, 0xFF, providedMask);
                }
                if (prim.op == OP_EQ && !prim.opNegated && prim.constant == null
                        && (prim.mask == 0xFF || prim.value >= 256)) {
                    prim.transp = (int) prim.value;
                }
            }
            case PORT -> {
                if (prim.data == Type.INT) {
                    prim.data = Type.PORT;
                }
                if (prim.data != Type.PORT) {
                    throw valueMissing(prim, "port number or name");
                }
                if (prim.transp == UNKNOWN) {
                    prim.transp = PROTO_TCP_OR_UDP;
                } else if (prim.transp != PROTO_TCP && prim.transp != PROTO_UDP && prim.transp != PROTO_TCP_OR_UDP
                        && prim.transp != PROTO_DCCP) {
                    throw new PatternException("'port': bad protocol " + protoName(prim.transp)
                            + " (ports need tcp, udp or dccp)");
                }
                if (maskType != Type.NONE && maskType != Type.INT) {
                    throw badMask(prim);
                }
                setMask(prim, 0xFFFF, providedMask);
            }
            case TCPOPT -> {
                if (prim.data == Type.INT) {
                    prim.data = Type.TCPOPT;
                }
                if (prim.data != Type.TCPOPT) {
                    throw valueMissing(prim, "TCP flag (syn, fin, ack, rst, psh, urg)");
                }
                if (prim.transp == UNKNOWN) {
                    prim.transp = PROTO_TCP;
                } else if (prim.transp != PROTO_TCP) {
                    throw new PatternException("'tcp opt': bad protocol " + protoName(prim.transp));
                }
                if (prim.op != OP_EQ || prim.opNegated || maskType != Type.NONE) {
                    throw new PatternException("'tcp opt': operator or mask not supported");
                }
                if (prim.value < 0 || prim.value > 255) {
                    throw new PatternException("'tcp opt': value " + prim.value + " out of range, bound 255");
                }
                prim.mask = prim.value;
            }
            case IPECT -> {
                if (prim.data != Type.NONE && prim.data != Type.INT) {
                    throw valueMissing(prim, "ECN value");
                }
                prim.field = IP_TOS;
                prim.type = Type.FIELD;
                if (prim.data == Type.NONE) {
                    // "ip ect": ECN bits not zero.
                    prim.value = 0;
                    prim.opNegated = !prim.opNegated;
                } else if (maskType != Type.NONE && maskType != Type.INT) {
                    throw badMask(prim);
                }
                setMask(prim, 0x3, maskType == Type.NONE ? 0 : providedMask);
            }
            case IPCE -> {
                if (prim.data != Type.NONE || maskType != Type.NONE) {
                    throw new PatternException("'ip ce': value not supported");
                }
                prim.field = IP_TOS;
                prim.type = Type.FIELD;
                prim.mask = 0x3;
                prim.value = 0x3;
            }
            case IPFRAG, IPUNFRAG -> {
                if (prim.data != Type.NONE || maskType != Type.NONE) {
                    throw new PatternException("'" + typeName(prim) + "': value not supported");
                }
                if (prim.type == Type.IPUNFRAG) {
                    prim.opNegated = !prim.opNegated;
                    prim.type = Type.IPFRAG;
                }
            }
            case FIELD -> {
                if (prim.data != Type.INT && !(prim.data == Type.FIELD && prim.dataField == prim.field)) {
                    throw valueMissing(prim, prim.field == ICMP_TYPE ? "ICMP type name or number" : "value");
                }
                if (maskType != Type.NONE && maskType != Type.INT) {
                    throw badMask(prim);
                }
                setMask(prim, prim.field.fullMask & 0xFFFFFFFFL, providedMask);
            }
            default -> throw new IllegalStateException(prim.type.toString());
        }
        if (prim.type == Type.HOST || prim.type == Type.PORT || prim.type == Type.ETHER) {
            if (prim.srcdst == SD_NONE) {
                prim.srcdst = SD_OR;
            }
        }
    }

    private void requireEquality(Prim prim) throws PatternException {
        if (prim.op != OP_EQ) {
            throw new PatternException("'" + typeName(prim) + "': operator not supported (only == and !=)");
        }
    }

    private void applyAddressMask(Prim prim, Type maskType, long providedMask) throws PatternException {
        if (maskType == Type.INT || maskType == Type.HOST) {
            if (providedMask > 0xFFFFFFFFL || providedMask < 0) {
                throw new PatternException("'" + typeName(prim) + "': mask out of range, bound 0xFFFFFFFF");
            }
            prim.mask = providedMask;
        } else if (maskType != Type.NONE) {
            throw badMask(prim);
        }
    }

    /**
     * Click's set_mask: checks the value and mask against the field's width and folds relations
     * that are always true or false. Afterwards OP_LT no longer occurs.
     */
    private void setMask(Prim prim, long fullMask, long providedMask) throws PatternException {
        long thisMask = providedMask != 0 ? providedMask : fullMask;
        if ((thisMask & ~fullMask) != 0) {
            throw new PatternException("'" + typeName(prim) + "': mask out of range, bound 0x"
                    + Long.toHexString(fullMask).toUpperCase());
        }
        long v = prim.value;
        if (prim.op == OP_GT || prim.op == OP_LT) {
            if (v < 0) {
                throw new PatternException("'" + typeName(prim) + "': value " + v + " out of range");
            }
            if (prim.op == OP_LT && (v == 0 || v > thisMask) || prim.op == OP_GT && v >= thisMask) {
                prim.constant = prim.op == OP_LT && v > thisMask ? !prim.opNegated : prim.opNegated;
                prim.op = OP_EQ;
                prim.opNegated = false;
                return;
            }
            if (prim.op == OP_LT) {
                // x < v  is  not (x > v - 1)
                prim.value = v - 1;
                prim.opNegated = !prim.opNegated;
                prim.op = OP_GT;
            }
            prim.mask = thisMask;
            return;
        }
        if (v < 0 || v > fullMask) {
            throw new PatternException("'" + typeName(prim) + "': value " + v + " out of range, bound " + fullMask);
        }
        prim.mask = thisMask;
    }

    private PatternException valueMissing(Prim prim, String what) {
        String name = typeName(prim);
        // Blame the first word after the type word (skipping a relation): the one that is not a value.
        int i = prim.typePos >= 0 ? prim.typePos + 1 : pos;
        while (i < words.size() && isRelation(words.get(i))) {
            i++;
        }
        String got = i < words.size() ? "'" + words.get(i) + "'" : "end of pattern";
        return new PatternException("expected " + what + " after '" + name + "', got " + got);
    }

    private PatternException badMask(Prim prim) {
        return new PatternException("'" + typeName(prim) + "': bad mask");
    }

    private static boolean isRelation(String w) {
        return switch (w) {
            case "=", "==", "!=", "<", ">", "<=", ">=" -> true;
            default -> false;
        };
    }

    /** The primitive's type as the user would write it. */
    private String typeName(Prim prim) {
        if (prim.typePos >= 0 && prim.field == null) {
            return words.get(prim.typePos);
        }
        return switch (prim.type) {
            case HOST -> "host";
            case NET -> "net";
            case ETHER -> "ether host";
            case PROTO -> "ip proto";
            case PORT -> "port";
            case TCPOPT -> "tcp opt";
            case IPFRAG -> "ip frag";
            case IPUNFRAG -> "ip unfrag";
            case IPECT -> "ip ect";
            case IPCE -> "ip ce";
            case FIELD -> prim.field.name;
            default -> "<none>";
        };
    }

    static String protoName(int proto) {
        return switch (proto) {
            case PROTO_ICMP -> "icmp";
            case 2 -> "igmp";
            case 4 -> "ipip";
            case PROTO_TCP -> "tcp";
            case PROTO_UDP -> "udp";
            case PROTO_TCP_OR_UDP -> "tcpudp";
            case PROTO_TRANSP -> "transp";
            default -> "ip proto " + proto;
        };
    }

    // ------------------------------------------------------------------ compiling a primitive

    private static final FieldTest FIRST_FRAGMENT = FieldTest.equal(FieldTest.NET, 6, 2, 0x1FFF, 0);
    private static final FieldTest NOT_FRAGMENT = FieldTest.equal(FieldTest.NET, 6, 2, 0x3FFF, 0);

    private static Expr protocol(int proto) {
        if (proto == PROTO_TCP_OR_UDP) {
            return Expr.or(protocol(PROTO_TCP), protocol(PROTO_UDP));
        }
        if (proto >= 256) {
            return Expr.TRUE;
        }
        return Expr.leaf(FieldTest.equal(FieldTest.NET, 9, 1, 0xFF, proto));
    }

    private static Expr compile(Prim prim) {
        List<Expr> parts = new ArrayList<>();
        if (prim.transp != UNKNOWN) {
            parts.add(protocol(prim.transp));
        }
        if (prim.type == Type.PORT || prim.type == Type.TCPOPT
                || prim.type == Type.FIELD && prim.field.base == FieldTest.TRANSPORT) {
            parts.add(Expr.leaf(FIRST_FRAGMENT));
        }
        switch (prim.type) {
            case HOST -> parts.add(sides(prim,
                    address(FieldTest.NET, 12, prim.value, prim.mask),
                    address(FieldTest.NET, 16, prim.value, prim.mask)));
            case ETHER -> parts.add(sides(prim,
                    ether(6, prim.value, prim.mask),
                    ether(0, prim.value, prim.mask)));
            case PROTO -> {
                // A plain protocol test was added as the transport protocol above.
                if (prim.transp == UNKNOWN && prim.value < 256) {
                    Expr c = comparison(prim, FieldTest.NET, 9, 1, 0);
                    parts.add(prim.opNegated ? Expr.invert(c) : c);
                }
            }
            case IPFRAG -> parts.add(new Expr.Leaf(NOT_FRAGMENT, !prim.opNegated));
            case PORT -> parts.add(sides(prim,
                    comparison(prim, FieldTest.TRANSPORT, 0, 2, 0),
                    comparison(prim, FieldTest.TRANSPORT, 2, 2, 0)));
            case TCPOPT -> parts.add(Expr.leaf(FieldTest.equal(FieldTest.TRANSPORT, 13, 1, (int) prim.mask,
                    (int) prim.value)));
            case FIELD -> {
                Field f = prim.field;
                Expr c = comparison(prim, f.base, f.offset, f.width, f.shift);
                parts.add(prim.opNegated ? Expr.invert(c) : c);
            }
            default -> throw new IllegalStateException(prim.type.toString());
        }
        return Expr.and(parts);
    }

    /** Combines the source and destination tests by the primitive's direction, then its relation's negation. */
    private static Expr sides(Prim prim, Expr src, Expr dst) {
        Expr e = switch (prim.srcdst) {
            case SD_SRC -> src;
            case SD_DST -> dst;
            case SD_AND -> Expr.and(src, dst);
            default -> Expr.or(src, dst);
        };
        return prim.opNegated ? Expr.invert(e) : e;
    }

    /** The relation (== or >, not yet negated) on a numeric field, or the folded constant. */
    private static Expr comparison(Prim prim, int base, int offset, int width, int shift) {
        if (prim.constant != null) {
            return prim.constant ? Expr.TRUE : Expr.FALSE;
        }
        int mask = (int) (prim.mask << shift);
        if (prim.op == OP_GT) {
            return Expr.leaf(new FieldTest(base, offset, width, mask, (int) ((prim.value + 1) << shift), mask));
        }
        return Expr.leaf(FieldTest.equal(base, offset, width, mask, (int) (prim.value << shift)));
    }

    private static Expr address(int base, int offset, long value, long mask) {
        return Expr.leaf(FieldTest.equal(base, offset, 4, (int) mask, (int) value));
    }

    /** Six bytes at {@code offset} of the MAC header, tested as four and two. */
    private static Expr ether(int offset, long value, long mask) {
        return Expr.and(
                Expr.leaf(FieldTest.equal(FieldTest.MAC, offset, 4, (int) (mask >>> 16), (int) (value >>> 16))),
                Expr.leaf(FieldTest.equal(FieldTest.MAC, offset + 4, 2, (int) (mask & 0xFFFF), (int) (value & 0xFFFF))));
    }

    // ------------------------------------------------------------------ values

    /** A C-style integer (decimal, 0x hex, 0 octal, optional minus), or null. */
    static Long parseInt(String s) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = s.charAt(0) == '-';
        String t = neg ? s.substring(1) : s;
        int radix = 10;
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            radix = 8;
            t = t.substring(1);
        }
        if (t.isEmpty() || t.length() > 16) {
            return null;
        }
        for (int i = 0; i < t.length(); i++) {
            if (Character.digit(t.charAt(i), radix) < 0) {
                return null;
            }
        }
        long v = Long.parseLong(t, radix);
        return neg ? -v : v;
    }

    static Integer parseIp(String s) {
        if (s.indexOf('.') < 0) {
            return null;
        }
        try {
            return Addresses.ip(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code ADDR/LEN} or {@code ADDR/MASK} as {address, mask} (network bits of the address only), or null. */
    static long[] parsePrefix(String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            return null;
        }
        Integer addr = parseIp(s.substring(0, slash));
        String rest = s.substring(slash + 1);
        long mask;
        Integer asMask = parseIp(rest);
        if (addr == null) {
            return null;
        }
        if (asMask != null) {
            int inv = ~asMask;
            if ((inv & (inv + 1)) != 0) {
                return null;
            }
            mask = asMask & 0xFFFFFFFFL;
        } else {
            if (rest.isEmpty() || rest.length() > 2 || !rest.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int len = Integer.parseInt(rest);
            if (len > 32) {
                return null;
            }
            mask = len == 0 ? 0 : (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
        }
        return new long[] {addr & mask & 0xFFFFFFFFL, mask};
    }

    static Long parseEther(String s) {
        if (s.indexOf(':') < 0 && s.indexOf('-') < 0) {
            return null;
        }
        try {
            return Addresses.mac(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
