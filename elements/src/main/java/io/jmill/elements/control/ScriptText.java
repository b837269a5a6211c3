package io.jmill.elements.control;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Click's text conventions as Script uses them: words separated by spaces outside quotes
 * ({@code cp_pop_spacevec}), removing one layer of quotes ({@code cp_unquote}), booleans, and the
 * arithmetic and comparison operators that Script offers as read handlers with parameters
 * ({@code $(add 1 2)}).
 */
final class ScriptText {
    /** Operators Script evaluates itself ({@code $(add $x 1)}, {@code $(s.lt $x 5)}). */
    static final List<String> OPERATORS = List.of("add", "sub", "mul", "div", "idiv", "eq", "ne", "lt", "gt",
            "le", "ge", "not", "first", "sprintf", "min", "max", "avg", "count", "popcount", "gt_vec", "mod", "rem",
            "neg", "abs", "ceil", "floor", "round", "htonl", "ntohl", "htons", "ntohs", "and", "or", "in", "if",
            "length", "unquote");

    private ScriptText() {
    }

    /** Thrown for a malformed operator call; the message is for the user. */
    static final class TextException extends Exception {
        TextException(String message) {
            super(message);
        }
    }

    // ------------------------------------------------------------------ words and quotes

    /** The first word of {@code s} (quotes kept) and the rest with leading spaces removed. */
    static String[] popWord(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        while (i < n && !Character.isWhitespace(s.charAt(i))) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfQuote(s, i);
            } else if (c == '\\' && i + 1 < n) {
                i += 2;
            } else {
                i++;
            }
        }
        String word = s.substring(start, i);
        while (i < n && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return new String[] {word, s.substring(i)};
    }

    /** All words of {@code s}, quotes kept. */
    static List<String> words(String s) {
        List<String> out = new ArrayList<>();
        String rest = s;
        while (true) {
            String[] wr = popWord(rest);
            if (wr[0].isEmpty()) {
                return out;
            }
            out.add(wr[0]);
            rest = wr[1];
        }
    }

    /** Index just past the quote that closes the one opening at {@code s[open]} (or the end). */
    static int endOfQuote(String s, int open) {
        char q = s.charAt(open);
        int i = open + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == q) {
                return i + 1;
            }
            i += c == '\\' && q == '"' ? 2 : 1;
        }
        return s.length();
    }

    /** Index of the ')' matching the '(' at {@code s[open]}, skipping quotes; -1 if none. */
    static int matchingParen(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfQuote(s, i);
                continue;
            }
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * Removes one layer of quoting: {@code "..."} with backslash escapes processed, {@code '...'}
     * taken literally, unquoted text kept as is; adjacent pieces are concatenated.
     */
    static String unquote(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\'') {
                int end = endOfQuote(s, i);
                boolean closed = end - 1 > i && s.charAt(end - 1) == '\'';
                b.append(s, i + 1, closed ? end - 1 : end);
                i = end;
            } else if (c == '"') {
                i++;
                while (i < n && s.charAt(i) != '"') {
                    char d = s.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        i = escape(s, i, b);
                    } else {
                        b.append(d);
                        i++;
                    }
                }
                i++; // the closing quote
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** Appends the character escaped at {@code s[i] == '\\'}; returns the index after the escape. */
    private static int escape(String s, int i, StringBuilder b) {
        char e = s.charAt(i + 1);
        switch (e) {
            case 'n' -> b.append('\n');
            case 't' -> b.append('\t');
            case 'r' -> b.append('\r');
            case 'a' -> b.append('\u0007');
            case 'b' -> b.append('\b');
            case 'f' -> b.append('\f');
            case 'v' -> b.append('\u000B');
            case '\\', '"', '\'', '$' -> b.append(e);
            case '\n' -> { /* line continuation */ }
            case '<' -> { // Click's hex bytes: \<0a 09 01>
                int close = s.indexOf('>', i + 2);
                String hex = close < 0 ? null : s.substring(i + 2, close).replaceAll("[\\s:_]", "");
                if (hex == null || hex.length() % 2 != 0 || !hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
                    b.append("\\<");
                    return i + 2;
                }
                for (int k = 0; k < hex.length(); k += 2) {
                    b.append((char) Integer.parseInt(hex.substring(k, k + 2), 16));
                }
                return close + 1;
            }
            case 'x' -> {
                int j = i + 2;
                int v = 0;
                while (j < s.length() && j < i + 4 && Character.digit(s.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(s.charAt(j), 16);
                    j++;
                }
                if (j == i + 2) {
                    b.append("\\x");
                    return i + 2;
                }
                b.append((char) v);
                return j;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int j = i + 1;
                    int v = 0;
                    while (j < s.length() && j < i + 4 && s.charAt(j) >= '0' && s.charAt(j) <= '7') {
                        v = v * 8 + (s.charAt(j) - '0');
                        j++;
                    }
                    b.append((char) v);
                    return j;
                }
                b.append('\\').append(e);
            }
        }
        return i + 2;
    }

    /** Escapes {@code v} so that it survives a later {@link #unquote} inside double quotes. */
    static String escapeForDoubleQuotes(String v) {
        if (v.indexOf('\\') < 0 && v.indexOf('"') < 0) {
            return v;
        }
        StringBuilder b = new StringBuilder(v.length() + 8);
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' || c == '"') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Click's booleans; null if {@code s} is not one. */
    static Boolean bool(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "t", "y", "1" -> Boolean.TRUE;
            case "false", "no", "f", "n", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    // ------------------------------------------------------------------ operators

    /** Evaluates operator {@code op} on the space-separated {@code params}. */
    static String operate(String op, String params) throws TextException {
        List<String> args = words(params);
        return switch (op) {
            case "add", "sub", "mul", "div", "idiv" -> arithmetic(op, args);
            case "eq", "ne", "lt", "gt", "le", "ge" -> compare(op, args);
            case "not" -> {
                Boolean b = bool(unquote(params.strip()));
                if (b == null) {
                    throw new TextException("not: expected boolean, got '" + params.strip() + "'");
                }
                yield Boolean.toString(!b);
            }
            case "first" -> args.isEmpty() ? "" : args.getFirst();
            case "sprintf" -> sprintf(args);
            case "min", "max", "avg" -> aggregate(op, args);
            case "count" -> Integer.toString(args.size());
            case "popcount", "gt_vec" -> Integer.toString(countOf(op, args));
            case "mod", "rem" -> {
                List<Double> v = numbers(op, args, 2);
                Long a = parseLong(args.get(0));
                Long b = parseLong(args.get(1));
                if (a != null && b != null) {
                    if (b == 0) {
                        throw new TextException(op + ": division by zero");
                    }
                    yield Long.toString(a % b);
                }
                yield formatReal(v.get(0) % v.get(1));
            }
            case "neg", "abs" -> {
                numbers(op, args, 1);
                Long a = parseLong(args.getFirst());
                if (a != null) {
                    yield Long.toString(op.equals("neg") ? -a : Math.abs(a));
                }
                double d = parseDouble(args.getFirst());
                yield formatReal(op.equals("neg") ? -d : Math.abs(d));
            }
            case "ceil", "floor", "round" -> {
                double d = numbers(op, args, 1).getFirst();
                double r = switch (op) {
                    case "ceil" -> Math.ceil(d);
                    case "floor" -> Math.floor(d);
                    default -> Math.signum(d) * Math.floor(Math.abs(d) + 0.5); // halves away from zero, as C's round
                };
                yield formatReal(r);
            }
            case "htonl", "ntohl", "htons", "ntohs" -> {
                numbers(op, args, 1);
                Long a = parseLong(args.getFirst());
                if (a == null) {
                    throw new TextException(op + ": expected integer, got '" + args.getFirst() + "'");
                }
                yield op.endsWith("l") ? Long.toString(Integer.reverseBytes(a.intValue()) & 0xFFFFFFFFL)
                        : Integer.toString(Short.reverseBytes(a.shortValue()) & 0xFFFF);
            }
            case "and", "or" -> {
                boolean and = op.equals("and");
                boolean r = and;
                for (String a : args) {
                    Boolean v = bool(unquote(a));
                    if (v == null) {
                        throw new TextException(op + ": expected booleans, got '" + a + "'");
                    }
                    r = and ? r && v : r || v;
                }
                yield Boolean.toString(r);
            }
            case "in" -> {
                boolean found = false;
                for (int i = 1; i < args.size(); i++) {
                    found |= !args.isEmpty() && unquote(args.get(i)).equals(unquote(args.getFirst()));
                }
                yield Boolean.toString(found);
            }
            case "if" -> {
                Boolean c = args.size() == 3 ? bool(unquote(args.getFirst())) : null;
                if (c == null) {
                    throw new TextException("if: expected 'BOOL THEN ELSE'");
                }
                yield c ? args.get(1) : args.get(2);
            }
            case "length" -> Integer.toString(params.length()); // as written, quotes included, as in Click
            case "unquote" -> unquote(params.strip());
            default -> throw new TextException("unknown operator '" + op + "'");
        };
    }

    /** The words of {@code args} as numbers (at least {@code min} of them). */
    private static List<Double> numbers(String op, List<String> args, int min) throws TextException {
        if (args.size() < min) {
            throw new TextException(op + ": expected " + min + (min == 1 ? " number" : " numbers"));
        }
        List<Double> out = new ArrayList<>(args.size());
        for (String a : args) {
            Double d = parseDouble(a);
            if (d == null) {
                Long l = parseLong(a);
                if (l == null) {
                    throw new TextException(op + ": expected list of numbers, got '" + a + "'");
                }
                d = (double) l;
            }
            out.add(d);
        }
        return out;
    }

    /** min, max, avg: in integers if every word is one (avg then divides as integers), else in reals. */
    private static String aggregate(String op, List<String> args) throws TextException {
        List<Double> v = numbers(op, args, 1);
        boolean integers = args.stream().allMatch(a -> parseLong(a) != null);
        if (integers) {
            long r = op.equals("avg") ? 0 : parseLong(args.getFirst());
            for (String a : args) {
                long x = parseLong(a);
                r = switch (op) {
                    case "min" -> Math.min(r, x);
                    case "max" -> Math.max(r, x);
                    default -> r + x;
                };
            }
            return Long.toString(op.equals("avg") ? r / args.size() : r);
        }
        double r = op.equals("avg") ? 0 : v.getFirst();
        for (double x : v) {
            r = switch (op) {
                case "min" -> Math.min(r, x);
                case "max" -> Math.max(r, x);
                default -> r + x;
            };
        }
        return formatReal(op.equals("avg") ? r / v.size() : r);
    }

    /** popcount: how many words are non-zero; gt_vec: how many of the words after the first exceed it. */
    private static int countOf(String op, List<String> args) throws TextException {
        List<Double> v = numbers(op, args, op.equals("gt_vec") ? 1 : 0);
        int n = 0;
        for (int i = op.equals("gt_vec") ? 1 : 0; i < v.size(); i++) {
            n += (op.equals("gt_vec") ? v.get(i) > v.getFirst() : v.get(i) != 0) ? 1 : 0;
        }
        return n;
    }

    private static String arithmetic(String op, List<String> args) throws TextException {
        boolean real = op.equals("div") || op.equals("idiv");
        for (String a : args) {
            if (parseLong(a) == null) {
                if (parseDouble(a) == null) {
                    throw new TextException(op + ": expected list of numbers, got '" + a + "'");
                }
                real = true;
            }
        }
        if (args.isEmpty()) {
            return op.equals("add") || op.equals("sub") ? "0" : "1";
        }
        if (!real) {
            long acc = parseLong(args.getFirst());
            for (int i = 1; i < args.size(); i++) {
                long v = parseLong(args.get(i));
                acc = switch (op) {
                    case "add" -> acc + v;
                    case "sub" -> acc - v;
                    default -> acc * v;
                };
            }
            return Long.toString(acc);
        }
        double acc = parseDouble(args.getFirst());
        for (int i = 1; i < args.size(); i++) {
            double v = parseDouble(args.get(i));
            acc = switch (op) {
                case "add" -> acc + v;
                case "sub" -> acc - v;
                case "mul" -> acc * v;
                default -> acc / v;
            };
        }
        return op.equals("idiv") ? Long.toString((long) acc) : formatReal(acc);
    }

    private static String compare(String op, List<String> args) throws TextException {
        if (args.size() != 2) {
            throw new TextException(op + ": expected two numbers");
        }
        String a = args.get(0);
        String b = args.get(1);
        int cmp;
        Long la = parseLong(a);
        Long lb = parseLong(b);
        Double da = parseDouble(a);
        Double db = parseDouble(b);
        if (la != null && lb != null) {
            cmp = Long.compare(la, lb);
        } else if (da != null && db != null) {
            cmp = Double.compare(da, db);
        } else {
            cmp = unquote(a).compareTo(unquote(b));
        }
        boolean r = switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "lt" -> cmp < 0;
            case "gt" -> cmp > 0;
            case "le" -> cmp <= 0;
            default -> cmp >= 0;
        };
        return Boolean.toString(r);
    }

    /** C's {@code printf} for %d %i %u %x %X %o %s %c %%, with flags, width and precision. */
    private static String sprintf(List<String> args) throws TextException {
        if (args.isEmpty()) {
            throw new TextException("sprintf: missing format");
        }
        String format = unquote(args.getFirst());
        int next = 1;
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c != '%') {
                out.append(c);
                i++;
                continue;
            }
            int start = i++;
            while (i < format.length() && "0#- +".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            while (i < format.length() && (Character.isDigit(format.charAt(i)) || format.charAt(i) == '.')) {
                i++;
            }
            while (i < format.length() && "hlLqj".indexOf(format.charAt(i)) >= 0) {
                i++;
            }
            if (i >= format.length()) {
                throw new TextException("sprintf: bad format '" + format + "'");
            }
            char conv = format.charAt(i++);
            String spec = format.substring(start, i).replaceAll("[hlLqj]", "");
            if (conv == '%') {
                out.append('%');
                continue;
            }
            if (next >= args.size()) {
                throw new TextException("sprintf: too few arguments for '" + format + "'");
            }
            String arg = args.get(next++);
            switch (conv) {
                case 'd', 'i', 'u', 'x', 'X', 'o' -> {
                    Long v = parseLong(arg);
                    if (v == null) {
                        throw new TextException("sprintf: expected integer, got '" + arg + "'");
                    }
                    char jc = conv == 'i' || conv == 'u' ? 'd' : conv;
                    out.append(String.format(Locale.ROOT, spec.substring(0, spec.length() - 1) + jc, v));
                }
                case 's' -> out.append(String.format(Locale.ROOT, spec, unquote(arg)));
                case 'c' -> {
                    Long v = parseLong(arg);
                    out.append(v != null ? (char) v.longValue() : unquote(arg).isEmpty() ? ' ' : unquote(arg).charAt(0));
                }
                case 'e', 'f', 'g', 'E', 'G' -> {
                    Double v = parseDouble(arg);
                    if (v == null) {
                        throw new TextException("sprintf: expected number, got '" + arg + "'");
                    }
                    out.append(String.format(Locale.ROOT, spec, v));
                }
                default -> throw new TextException("sprintf: unsupported conversion '%" + conv + "'");
            }
        }
        if (next < args.size()) {
            throw new TextException("sprintf: too many arguments for '" + format + "'");
        }
        return out.toString();
    }

    static Long parseLong(String s) {
        String t = unquote(s).strip();
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            if (t.startsWith("-0x") || t.startsWith("-0X")) {
                return -Long.parseLong(t.substring(3), 16);
            }
            return Long.parseLong(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double parseDouble(String s) {
        String t = unquote(s).strip();
        if (t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1)) && t.charAt(t.length() - 1) != '.') {
            return null; // rejects NaN, Infinity and Java's 'd'/'f' suffixes
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A real as C's {@code %.12g} would print it: {@code 2.5}, {@code 2}, {@code 0.333333333333}. */
    static String formatReal(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v).toLowerCase(Locale.ROOT);
        }
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(12)).stripTrailingZeros();
        int exponent = d.precision() - d.scale() - 1;
        if (exponent < -4 || exponent >= 12) {
            return String.format(Locale.ROOT, "%.11e", v).replaceAll("\\.?0+e", "e");
        }
        return d.toPlainString();
    }
}
