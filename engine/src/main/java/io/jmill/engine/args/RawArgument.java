package io.jmill.engine.args;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One comma-separated argument as written, classified once as keyword or plain.
 *
 * <p>An argument is a keyword argument when its first word is uppercase letters, digits and underscores,
 * starting with a letter, and is followed by whitespace or ends the argument: {@code LIMIT 10} and the bare flag
 * {@code VERBOSE}. Everything else ({@code 10}, {@code "LIMIT 10"}, {@code Limit 10}, {@code ETH:0}) is plain.
 *
 * @param index position in the configuration, from 0
 * @param text the whole argument, trimmed
 * @param keyword the keyword word, or null for a plain argument
 * @param value for a keyword argument the text after the keyword (maybe empty); for a plain one, {@code text}
 */
record RawArgument(int index, String text, String keyword, String value) {
    private static final Pattern KEYWORD = Pattern.compile("([A-Z][A-Z0-9_]*)(?:\\s+(.*))?", Pattern.DOTALL);

    static RawArgument of(int index, String text) {
        return of(index, text, java.util.Set.of());
    }

    /** As {@link #of(int, String)}, but an argument whose first word is in {@code plainWords} is plain. */
    static RawArgument of(int index, String text, java.util.Set<String> plainWords) {
        Matcher m = KEYWORD.matcher(text);
        if (m.matches() && !plainWords.contains(m.group(1))) {
            return new RawArgument(index, text, m.group(1), m.group(2) == null ? "" : m.group(2).strip());
        }
        return new RawArgument(index, text, null, text);
    }

    boolean isKeyword() {
        return keyword != null;
    }
}
