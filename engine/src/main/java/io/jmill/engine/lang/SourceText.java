package io.jmill.engine.lang;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The text of one configuration file, with a line table so any character offset can be turned into
 * a {@link Location}. Tokens and argument fragments keep offsets (cheap) and only build a
 * {@code Location} when one is needed.
 *
 * <p>Line directives that the C preprocessor writes ({@code # 12 "file"} or {@code #line 12 "file"},
 * at the start of a line) rename the lines that follow, as in Click: a configuration run through
 * {@code cpp} reports errors at the places in the files it was made of. The directive lines
 * themselves are left out of the language and of argument text.
 */
record SourceText(String file, String text, int[] lineStarts, List<Directive> directives) {

    /** From {@code lineStart} on (the line after the directive), lines are {@code file}'s, from {@code line}. */
    record Directive(int lineStart, int physicalLine, String file, int line) {
    }

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
        List<Directive> directives = new ArrayList<>();
        String current = file;
        for (int k = 0; k < starts.length; k++) {
            int end = k + 1 < starts.length ? starts[k + 1] : text.length();
            Directive d = lineDirective(text, starts[k], end, k + 2, current, file);
            if (d != null) {
                directives.add(d);
                current = d.file();
            }
        }
        return new SourceText(file, text, starts, List.copyOf(directives));
    }

    /**
     * The directive on the line {@code [start, end)}, if it is one; {@code nextLine} is the physical
     * number of the line after it. An empty file name returns to the original file.
     */
    private static Directive lineDirective(String text, int start, int end, int nextLine, String current,
                                           String original) {
        if (start >= end || text.charAt(start) != '#') {
            return null;
        }
        String line = text.substring(start + 1, end).strip();
        if (line.startsWith("line ") || line.startsWith("line\t")) {
            line = line.substring(5).strip();
        }
        int digits = 0;
        while (digits < line.length() && Character.isDigit(line.charAt(digits))) {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            return null;
        }
        int number = Integer.parseInt(line.substring(0, digits));
        String rest = line.substring(digits).strip();
        String name = current;
        if (rest.startsWith("\"")) {
            int close = rest.indexOf('"', 1);
            name = close < 0 ? rest.substring(1) : rest.substring(1, close);
            if (name.isEmpty()) {
                name = original;
            }
        }
        return new Directive(end, nextLine, name, number);
    }

    /** Whether the line starting at {@code lineStart} is a line directive. */
    boolean isDirectiveLine(int lineStart) {
        int end = text.indexOf('\n', lineStart);
        end = end < 0 ? text.length() : end + 1;
        for (Directive d : directives) {
            if (d.lineStart() == end) {
                return true;
            }
        }
        return false;
    }

    /** The location of character {@code offset} (offsets past the end map to the end). */
    Location location(int offset) {
        int index = Arrays.binarySearch(lineStarts, offset);
        // binarySearch returns -(insertion point) - 1 for offsets inside a line
        int line = index >= 0 ? index : -index - 2;
        int column = offset - lineStarts[line] + 1;
        for (int k = directives.size() - 1; k >= 0; k--) {
            Directive d = directives.get(k);
            if (d.lineStart() <= offset) {
                return new Location(d.file(), d.line() + (line + 1 - d.physicalLine()), column);
            }
        }
        return new Location(file, line + 1, column);
    }

    int length() {
        return text.length();
    }

    char charAt(int offset) {
        return text.charAt(offset);
    }
}
