package io.jmill.engine.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits argument text the way Click's {@code cp_argvec} / {@code cp_spacevec} do: into arguments
 * at top-level commas, and arguments into words at unquoted whitespace. Quotes, backslash escapes
 * and {@code ()[]{}} nesting protect commas.
 */
final class ArgSplitter {

    private ArgSplitter() {
    }

    /**
     * The comma-separated arguments of {@code text}, each trimmed. Blank text has no arguments; a
     * trailing comma does not create an empty last argument.
     */
    static List<Fragment> split(Fragment text) {
        List<Fragment> args = new ArrayList<>();
        if (text.isBlank()) {
            return args;
        }
        String v = text.value();
        int n = v.length();
        int depth = 0;
        int start = 0;
        int i = 0;
        while (i < n) {
            char c = v.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '"' || c == '\'') {
                i = ConfigText.skipQuoted(v, i, n);
                continue;
            }
            if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
                depth--;
            } else if (c == ',' && depth == 0) {
                args.add(text.sub(start, i).trim());
                start = i + 1;
            }
            i++;
        }
        args.add(text.sub(start, n).trim());
        if (args.size() > 1 && args.getLast().isBlank()) {
            args.removeLast();
        }
        return args;
    }

    /** The whitespace-separated words of {@code text}; quoted strings stay inside one word. */
    static List<Fragment> words(Fragment text) {
        List<Fragment> words = new ArrayList<>();
        String v = text.value();
        int n = v.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(v.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(v.charAt(i))) {
                char c = v.charAt(i);
                if (c == '"' || c == '\'') {
                    i = ConfigText.skipQuoted(v, i, n);
                } else if (c == '\\') {
                    i = Math.min(n, i + 2);
                } else {
                    i++;
                }
            }
            words.add(text.sub(start, i));
        }
        return words;
    }

    /** Removes quoting from a word: {@code "a\"b"} gives {@code a"b}, {@code 'x'} gives {@code x}. */
    static String unquote(String word) {
        StringBuilder out = new StringBuilder(word.length());
        int i = 0;
        int n = word.length();
        while (i < n) {
            char c = word.charAt(i);
            if (c == '\'') {
                int end = ConfigText.skipQuoted(word, i, n);
                int contentEnd = end > i + 1 && word.charAt(end - 1) == '\'' ? end - 1 : end;
                out.append(word, i + 1, contentEnd);
                i = end;
            } else if (c == '"') {
                i++;
                while (i < n && word.charAt(i) != '"') {
                    if (word.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    out.append(word.charAt(i));
                    i++;
                }
                i++;
            } else if (c == '\\' && i + 1 < n) {
                out.append(word.charAt(i + 1));
                i += 2;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
