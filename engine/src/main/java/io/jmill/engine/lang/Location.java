package io.jmill.engine.lang;

/**
 * A position in a configuration source: file name, 1-based line and 1-based column.
 *
 * <p>Every {@link ConfigError}, {@link FlatElement}, {@link FlatConnection} and {@link Requirement}
 * carries one, so that later stages (router, element argument parsing) can point the user at the
 * exact place in the file. {@link #toString()} renders the conventional {@code file:line:col}.
 */
public record Location(String file, int line, int column) {

    /** Click's landmark for the same place: {@code file:line}, without the column. */
    public String landmark() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
