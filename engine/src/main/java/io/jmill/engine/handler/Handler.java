package io.jmill.engine.handler;

/**
 * One handler: a name with a reader, a writer, or both.
 *
 * @param name   handler name, e.g. {@code count}
 * @param reader null if not readable
 * @param writer null if not writable
 */
public record Handler(String name, ReadHandler reader, WriteHandler writer) {
    public boolean readable() {
        return reader != null;
    }

    public boolean writable() {
        return writer != null;
    }

    /** Click's mode string: {@code r}, {@code w} or {@code rw}. */
    public String mode() {
        return (readable() ? "r" : "") + (writable() ? "w" : "");
    }
}
