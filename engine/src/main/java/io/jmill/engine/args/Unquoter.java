package io.jmill.engine.args;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Removes one level of Click quoting ({@code cp_unquote}): {@code "..."} with backslash escapes, {@code '...'}
 * taken literally, unquoted text kept as is, and {@code \<hex>} blocks expanded even outside quotes. Adjacent
 * pieces concatenate, so {@code "ab"'c'd} is {@code abcd}.
 *
 * <p>Escapes inside double quotes: {@code \a \b \t \n \v \f \r}, {@code \\ \" \' \$ \,} (and any other
 * character stands for itself), 1 to 3 octal digits {@code \101}, {@code \x} with 1 or 2 hex digits, backslash
 * before a newline (a line continuation, which produces nothing), and {@code \<0a 0B cc>} hex blocks whose
 * spaces are ignored. Unlike Click, which silently skips junk, a stray character or an odd number of digits in
 * a hex block is an error, because a silently shortened packet template is a hard bug to find.
 */
final class Unquoter {
    /** Receives the unquoted result: literal text runs and raw octets from escapes. */
    private interface Sink {
        void text(String run);

        void octet(int value);
    }

    private Unquoter() {}

    /** Unquotes to a string; escaped octets become the chars U+0000..U+00FF. */
    static String toText(String raw) throws ValueException {
        StringBuilder out = new StringBuilder(raw.length());
        unquote(raw, new Sink() {
            @Override
            public void text(String run) {
                out.append(run);
            }

            @Override
            public void octet(int value) {
                out.append((char) value);
            }
        });
        return out.toString();
    }

    /** Unquotes to bytes; literal text is encoded as UTF-8, escaped octets are taken as they are. */
    static byte[] toBytes(String raw) throws ValueException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        unquote(raw, new Sink() {
            @Override
            public void text(String run) {
                out.writeBytes(run.getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void octet(int value) {
                out.write(value);
            }
        });
        return out.toByteArray();
    }

    private static void unquote(String raw, Sink sink) throws ValueException {
        int i = 0;
        int runStart = 0;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '"' || c == '\'') {
                flush(raw, runStart, i, sink);
                i = c == '"' ? doubleQuoted(raw, i + 1, sink) : singleQuoted(raw, i + 1, sink);
                runStart = i;
            } else if (c == '\\' && i + 1 < raw.length() && raw.charAt(i + 1) == '<') {
                flush(raw, runStart, i, sink);
                i = hexBlock(raw, i + 2, sink);
                runStart = i;
            } else {
                i++;
            }
        }
        flush(raw, runStart, raw.length(), sink);
    }

    private static void flush(String raw, int from, int to, Sink sink) {
        if (to > from) {
            sink.text(raw.substring(from, to));
        }
    }

    /** Emits the body of a '...' string starting at {@code i}; returns the index after the closing quote. */
    private static int singleQuoted(String raw, int i, Sink sink) throws ValueException {
        int close = raw.indexOf('\'', i);
        if (close < 0) {
            throw new ValueException("unterminated ' quote");
        }
        flush(raw, i, close, sink);
        return close + 1;
    }

    /** Emits the body of a "..." string starting at {@code i}; returns the index after the closing quote. */
    private static int doubleQuoted(String raw, int i, Sink sink) throws ValueException {
        int runStart = i;
        while (i < raw.length()) {
            char c = raw.charAt(i);
            if (c == '"') {
                flush(raw, runStart, i, sink);
                return i + 1;
            }
            if (c == '\\') {
                flush(raw, runStart, i, sink);
                i = escape(raw, i + 1, sink);
                runStart = i;
            } else {
                i++;
            }
        }
        throw new ValueException("unterminated \" quote");
    }

    /** Handles the escape whose first character (after the backslash) is at {@code i}; returns the next index. */
    private static int escape(String raw, int i, Sink sink) throws ValueException {
        if (i >= raw.length()) {
            throw new ValueException("unterminated \" quote");
        }
        char c = raw.charAt(i);
        switch (c) {
            case 'a' -> sink.octet(0x07);
            case 'b' -> sink.octet(0x08);
            case 't' -> sink.octet('\t');
            case 'n' -> sink.octet('\n');
            case 'v' -> sink.octet(0x0B);
            case 'f' -> sink.octet('\f');
            case 'r' -> sink.octet('\r');
            case '\n' -> { /* line continuation: contributes nothing */ }
            case '\r' -> {
                return (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') ? i + 2 : i + 1;
            }
            case 'x' -> {
                return hexEscape(raw, i + 1, sink);
            }
            case '<' -> {
                return hexBlock(raw, i + 1, sink);
            }
            default -> {
                if (c >= '0' && c <= '7') {
                    return octalEscape(raw, i, sink);
                }
                // Click: any other escaped character stands for itself (\\, \", \', \$, \, ...).
                sink.text(String.valueOf(c));
            }
        }
        return i + 1;
    }

    private static int octalEscape(String raw, int i, Sink sink) throws ValueException {
        int value = 0;
        int end = i;
        while (end < raw.length() && end - i < 3 && raw.charAt(end) >= '0' && raw.charAt(end) <= '7') {
            value = value * 8 + (raw.charAt(end) - '0');
            end++;
        }
        if (value > 0xFF) {
            throw new ValueException("octal escape \\" + raw.substring(i, end) + " is above \\377");
        }
        sink.octet(value);
        return end;
    }

    private static int hexEscape(String raw, int i, Sink sink) throws ValueException {
        int value = 0;
        int end = i;
        // Two digits at most (C reads any number), so "\x41BC" is "ABC" and not an overflowing char.
        while (end < raw.length() && end - i < 2 && hexValue(raw.charAt(end)) >= 0) {
            value = value * 16 + hexValue(raw.charAt(end));
            end++;
        }
        if (end == i) {
            throw new ValueException("\\x escape without hex digits");
        }
        sink.octet(value);
        return end;
    }

    /** Expands a hex block whose content starts at {@code i} (just after {@code \<}); returns the index after '>'. */
    private static int hexBlock(String raw, int i, Sink sink) throws ValueException {
        int close = raw.indexOf('>', i);
        if (close < 0) {
            throw new ValueException("unterminated \\<...> hex block");
        }
        int pending = -1;
        for (int k = i; k < close; k++) {
            char c = raw.charAt(k);
            if (Character.isWhitespace(c)) {
                continue;
            }
            int digit = hexValue(c);
            if (digit < 0) {
                throw new ValueException("bad hex digit '" + c + "' in \\<...> block");
            }
            if (pending < 0) {
                pending = digit;
            } else {
                sink.octet(pending * 16 + digit);
                pending = -1;
            }
        }
        if (pending >= 0) {
            throw new ValueException("odd number of hex digits in \\<...> block");
        }
        return close + 1;
    }

    /** ASCII-only hex digit value, or -1; {@link Character#digit} would also accept non-ASCII digits. */
    static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        } else if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        } else if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
