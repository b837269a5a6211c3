package io.jmill.engine.handler;

/**
 * One handler: a name with a reader, a writer, or both. A reader may take parameters
 * ({@code paramReader}); read without parameters it is called with empty text.
 *
 * @param name        handler name, e.g. {@code count}
 * @param reader      null if not readable without parameters
 * @param writer      null if not writable
 * @param paramReader null if the handler takes no parameters
 */
public record Handler(String name, ReadHandler reader, WriteHandler writer, ParamReadHandler paramReader) {
    public Handler(String name, ReadHandler reader, WriteHandler writer) {
        this(name, reader, writer, null);
    }

    public boolean readable() {
        return reader != null || paramReader != null;
    }

    public boolean writable() {
        return writer != null;
    }

    /** Click's mode string: {@code r}, {@code w} or {@code rw}. */
    public String mode() {
        return (readable() ? "r" : "") + (writable() ? "w" : "");
    }

    /** Reads with {@code params} (empty for none); a handler without parameters refuses any. */
    public String read(String params) throws HandlerException {
        String p = params == null ? "" : params;
        if (paramReader != null) {
            return paramReader.read(p);
        }
        if (!p.isEmpty()) {
            throw new HandlerException("handler '" + name + "' takes no parameters");
        }
        if (reader == null) {
            throw new HandlerException("handler '" + name + "' is write-only");
        }
        return reader.read();
    }
}
