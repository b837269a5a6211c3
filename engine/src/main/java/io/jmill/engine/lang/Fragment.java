package io.jmill.engine.lang;

import java.util.Arrays;

/**
 * A piece of argument text together with the source offset of every character, so that errors
 * found after comments were stripped or variables substituted still point at the right
 * line and column.
 *
 * @param offsets source offset of each character of {@code value} (same length)
 * @param anchor  source offset used for locations when the fragment is empty
 */
record Fragment(SourceText source, String value, int[] offsets, int anchor) {

    /** Location of character {@code index}; the end (or an empty fragment) maps to the last char / anchor. */
    Location location(int index) {
        if (offsets.length == 0) {
            return source.location(anchor);
        }
        return source.location(offsets[Math.min(index, offsets.length - 1)]);
    }

    int length() {
        return value.length();
    }

    char charAt(int index) {
        return value.charAt(index);
    }

    boolean isBlank() {
        return value.isBlank();
    }

    Fragment sub(int from, int to) {
        int anchorOffset = from < offsets.length ? offsets[from] : (offsets.length > 0 ? offsets[offsets.length - 1] : anchor);
        return new Fragment(source, value.substring(from, to), Arrays.copyOfRange(offsets, from, to), anchorOffset);
    }

    Fragment sub(int from) {
        return sub(from, value.length());
    }

    Fragment trim() {
        int from = 0;
        int to = value.length();
        while (from < to && Character.isWhitespace(value.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(value.charAt(to - 1))) {
            to--;
        }
        return from == 0 && to == value.length() ? this : sub(from, to);
    }

    /** Accumulates characters with their source offsets. */
    static final class Builder {
        private final StringBuilder text = new StringBuilder();
        private int[] offsets = new int[16];

        void append(char c, int offset) {
            if (text.length() == offsets.length) {
                offsets = Arrays.copyOf(offsets, offsets.length * 2);
            }
            offsets[text.length()] = offset;
            text.append(c);
        }

        /** Appends substituted text; all of it is attributed to the offset of the reference. */
        void append(String s, int offset) {
            for (int i = 0; i < s.length(); i++) {
                append(s.charAt(i), offset);
            }
        }

        Fragment build(SourceText source, int anchor) {
            return new Fragment(source, text.toString(), Arrays.copyOf(offsets, text.length()), anchor);
        }
    }
}
