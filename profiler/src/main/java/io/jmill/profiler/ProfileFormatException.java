package io.jmill.profiler;

/**
 * A profile file that is not valid JSON or does not follow the profile schema. The message
 * names the place: {@code p.json:3:14: expected ',' or '}'}.
 */
public final class ProfileFormatException extends Exception {
    private final String source;
    private final int line;
    private final int column;

    public ProfileFormatException(String source, int line, int column, String problem) {
        super(source + ":" + line + ":" + column + ": " + problem);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file name (or {@code <string>}). */
    public String source() {
        return source;
    }

    /** 1-based line of the problem. */
    public int line() {
        return line;
    }

    /** 1-based column of the problem. */
    public int column() {
        return column;
    }
}
