package io.jmill.engine.args;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits configuration text the way Click's {@code cp_argvec} and {@code cp_spacevec} do: separators only count
 * outside quotes and {@code \<...>} hex blocks (and, for commas, outside brackets).
 *
 * <p>Pieces are returned raw, quotes included, because only the consumer knows whether a piece is a string to
 * unquote, a number, or a nested configuration to split again.
 */
final class ConfigSplitter {
    private ConfigSplitter() {}

    /**
     * Splits at top-level commas and trims each piece. An empty or all-blank text gives no pieces, and a single
     * trailing empty piece ({@code "a, b,"}) is dropped, as in Click; inner empty pieces ({@code "a,,b"}) are kept
     * because they are positional placeholders.
     */
    static List<String> splitArguments(String text) {
        List<String> pieces = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return pieces;
        }
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            switch (c) {
                case '"', '\'' -> i = skipQuoted(text, i);
                case '\\' -> i = skipBackslash(text, i);
                case '(', '[', '{' -> {
                    depth++;
                    i++;
                }
                case ')', ']', '}' -> {
                    // Unbalanced closers are the value parser's problem; never let depth go negative and hide commas.
                    depth = Math.max(0, depth - 1);
                    i++;
                }
                case ',' -> {
                    if (depth == 0) {
                        pieces.add(text.substring(start, i).strip());
                        start = i + 1;
                    }
                    i++;
                }
                default -> i++;
            }
        }
        String last = text.substring(start).strip();
        if (!last.isEmpty() || pieces.isEmpty()) {
            pieces.add(last);
        }
        return pieces;
    }

    /** Splits at whitespace outside quotes and {@code \<...>} blocks; quotes are kept in the words. */
    static List<String> splitWords(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                char c = text.charAt(i);
                if (c == '"' || c == '\'') {
                    i = skipQuoted(text, i);
                } else if (c == '\\') {
                    i = skipBackslash(text, i);
                } else {
                    i++;
                }
            }
            if (i > start) {
                words.add(text.substring(start, i));
            }
        }
        return words;
    }

    /**
     * Returns the index just past the quoted string starting at {@code open} (or the text length when the quote is
     * unterminated). Inside double quotes a backslash protects the next character; single quotes are literal.
     */
    static int skipQuoted(String text, int open) {
        char quote = text.charAt(open);
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == quote) {
                return i + 1;
            }
            i += (c == '\\' && quote == '"') ? 2 : 1;
        }
        return text.length();
    }

    /** Skips a backslash outside quotes: a whole {@code \<...>} block, otherwise just the backslash itself. */
    private static int skipBackslash(String text, int backslash) {
        if (backslash + 1 < text.length() && text.charAt(backslash + 1) == '<') {
            int close = text.indexOf('>', backslash + 2);
            return close < 0 ? text.length() : close + 1;
        }
        return backslash + 1;
    }
}
