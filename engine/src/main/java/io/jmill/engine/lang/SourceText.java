package io.jmill.engine.lang;

import java.util.Arrays;

/**
 * The text of one configuration file, with a line table so any character offset can be turned into
 * a {@link Location}. Tokens and argument fragments keep offsets (cheap) and only build a
 * {@code Location} when one is needed.
 */
record SourceText(String file, String text, int[] lineStarts) {

    static SourceText of(String file, String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                count++;
            }
        }
        int[] starts = new int[count];
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts[line++] = i + 1;
            }
        }
        return new SourceText(file, text, starts);
    }

    /** The location of character {@code offset} (offsets past the end map to the end). */
    Location location(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        // binarySearch returns -(insertion point) - 1 for offsets inside a line
        int line = index >= 0 ? index : -index - 2;
        return new Location(file, line + 1, offset - lineStarts[line] + 1);
    }

    int length() {
        return text.length();
    }

    char charAt(int offset) {
        return text.charAt(offset);
    }
}
