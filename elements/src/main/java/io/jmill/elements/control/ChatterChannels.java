package io.jmill.elements.control;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Chatter channels by name, as Click's {@code Router::chatter_channel}: the default channel is
 * standard error ({@link ChatterChannel}); a named channel, such as the {@code verbose} of
 * {@code IPPrint(CHANNEL verbose)}, reaches only the ChatterSockets listening on it (and standard
 * error too if one of them has {@code QUIET_CHANNEL false}). Messages to a channel nobody listens on
 * are dropped. Channels are per process: two routers in one JVM share them.
 *
 * <pre>{@code
 * PrintStream out = ChatterChannels.stream("verbose");   // null for "default": print to System.err
 * }</pre>
 */
public final class ChatterChannels {
    /** The name of standard error's channel, {@code click_chatter}'s. */
    public static final String DEFAULT = "default";

    private static final Map<String, Named> NAMED = new ConcurrentHashMap<>();

    private ChatterChannels() {
    }

    static boolean isDefault(String name) {
        return name == null || name.isEmpty() || name.equals(DEFAULT);
    }

    /**
     * The stream that writes to channel {@code name}, or null for the default channel (whose
     * writer should print to {@link System#err} as it is when printing).
     */
    public static PrintStream stream(String name) {
        return isDefault(name) ? null : named(name).stream;
    }

    private static Named named(String name) {
        return NAMED.computeIfAbsent(name, n -> new Named());
    }

    /** Hands every later message of channel {@code name} to {@code listener}. */
    static void listen(String name, Consumer<byte[]> listener, boolean quiet) {
        if (isDefault(name)) {
            ChatterChannel.listen(listener);
        } else {
            named(name).listeners.add(new Listening(listener, quiet));
        }
    }

    static void leave(String name, Consumer<byte[]> listener) {
        if (isDefault(name)) {
            ChatterChannel.leave(listener);
        } else {
            named(name).listeners.removeIf(l -> l.listener == listener);
        }
    }

    private record Listening(Consumer<byte[]> listener, boolean quiet) {
    }

    private static final class Named extends OutputStream {
        final List<Listening> listeners = new CopyOnWriteArrayList<>();
        final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (listeners.isEmpty()) {
                return;
            }
            byte[] chunk = java.util.Arrays.copyOfRange(b, off, off + len);
            boolean toStandardError = false;
            for (Listening l : listeners) {
                l.listener.accept(chunk);
                toStandardError |= !l.quiet;
            }
            if (toStandardError) {
                System.err.write(b, off, len);
                System.err.flush();
            }
        }
    }
}
