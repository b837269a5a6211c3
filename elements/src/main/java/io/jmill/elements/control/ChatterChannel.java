package io.jmill.elements.control;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The router's chatter as ChatterSocket sees it: what is written to standard error. While at least
 * one listener is registered, {@link System#err} is a stream that writes to the original standard
 * error and hands every chunk to each listener; when the last listener leaves, the original is put
 * back.
 */
final class ChatterChannel extends OutputStream {
    private static final List<Consumer<byte[]>> LISTENERS = new CopyOnWriteArrayList<>();
    private static PrintStream original;

    private final PrintStream to;

    private ChatterChannel(PrintStream to) {
        this.to = to;
    }

    static synchronized void listen(Consumer<byte[]> listener) {
        if (LISTENERS.isEmpty()) {
            original = System.err;
            System.setErr(new PrintStream(new ChatterChannel(original), true));
        }
        LISTENERS.add(listener);
    }

    static synchronized void leave(Consumer<byte[]> listener) {
        if (LISTENERS.remove(listener) && LISTENERS.isEmpty() && original != null) {
            System.err.flush();
            System.setErr(original);
            original = null;
        }
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        to.write(b, off, len);
        byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + len);
        for (Consumer<byte[]> l : LISTENERS) {
            l.accept(chunk);
        }
    }

    @Override
    public void flush() {
        to.flush();
    }
}
