package io.jmill.elements.control;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.ElementConfig;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The listening side that ControlSocket and ChatterSocket share: Click's {@code TCP, PORT} (a port,
 * {@code PORT+} for the first free port from PORT on, 0 for any) or {@code UNIX, FILENAME}, bound
 * to the loopback address unless LOCALHOST is false, and a daemon thread that accepts connections
 * and hands each to a handler on a virtual thread of its own.
 */
final class Listener {
    /** How many ports {@code PORT+} tries. */
    private static final int PORT_TRIES = 64;

    final boolean tcp;
    /** The TCP port asked for (0: any). */
    final int port;
    final boolean portPlus;
    final Path path;
    final boolean localhost;

    private volatile ServerSocketChannel server;
    private volatile int boundPort = -1;
    private volatile boolean closed;

    private Listener(boolean tcp, int port, boolean portPlus, Path path, boolean localhost) {
        this.tcp = tcp;
        this.port = port;
        this.portPlus = portPlus;
        this.path = path;
        this.localhost = localhost;
    }

    /** Reads TYPE and PORT/FILENAME, and LOCALHOST (default true). */
    static Listener configure(ElementConfig c) {
        Args args = c.args();
        List<String> parts = Args.split(c.configText());
        String first = parts.isEmpty() ? "" : parts.getFirst().strip();
        String type;
        if (first.matches("[A-Z][A-Z0-9_]*")) {
            // ControlSocket(TCP, 7777): Click takes the bare word for TYPE, JMill's Args for a keyword.
            args.keyword(first);
            type = first;
        } else {
            type = args.mandatoryPositional("TYPE").string("TCP").strip().toUpperCase(Locale.ROOT);
        }
        var where = args.mandatoryPositional(type.equals("UNIX") ? "FILENAME" : "PORT");
        boolean localhost = args.keyword("LOCALHOST").bool(true);
        switch (type) {
            case "TCP" -> {
                String text = where.present() ? where.raw().strip() : "0";
                boolean plus = text.endsWith("+");
                int port = 0;
                try {
                    port = Integer.parseInt(plus ? text.substring(0, text.length() - 1) : text);
                    if (port < 0 || port > 65535) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    args.error("PORT: expected a port number (0 to 65535, optionally followed by '+'), got '" + text + "'");
                }
                return new Listener(true, port, plus, null, localhost);
            }
            case "UNIX" -> {
                return new Listener(false, -1, false, Path.of(where.string("")), localhost);
            }
            default -> {
                args.error("TYPE: expected TCP or UNIX, got '" + type + "'");
                return new Listener(true, 0, false, null, localhost);
            }
        }
    }

    /** Binds the socket; throws with the address and the reason if it cannot. */
    void bind() throws IOException {
        if (tcp) {
            InetAddress host = localhost ? InetAddress.getLoopbackAddress() : null;
            int tries = portPlus ? PORT_TRIES : 1;
            IOException last = null;
            for (int i = 0; i < tries; i++) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                try {
                    ch.bind(new InetSocketAddress(host, port == 0 ? 0 : port + i));
                    server = ch;
                    boundPort = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                    return;
                } catch (BindException e) {
                    ch.close();
                    last = e;
                }
            }
            throw new IOException("cannot bind TCP port " + port + (portPlus ? "+" : "") + ": " + last.getMessage(), last);
        }
        Files.deleteIfExists(path); // a stale socket file from an earlier run, as Click does
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot bind UNIX socket " + path + ": " + e.getMessage(), e);
        }
        server = ch;
    }

    /** Accepts connections on a daemon thread named {@code name}, each handled on a virtual thread. */
    void acceptLoop(String name, Consumer<SocketChannel> handler) {
        Thread t = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
            while (!closed) {
                try {
                    SocketChannel c = server.accept();
                    Thread.ofVirtual().name(name + "-conn").start(() -> handler.accept(c));
                } catch (IOException e) {
                    if (!closed) {
                        System.err.println(name + ": accept failed: " + e.getMessage());
                    }
                    return;
                }
            }
        });
        t.start();
    }

    /** The TCP port bound (after {@link #bind}), or -1. */
    int boundPort() {
        return boundPort;
    }

    /** Where clients connect, for messages: {@code 127.0.0.1:7777} or the socket file. */
    String describe() {
        return tcp ? (localhost ? "127.0.0.1:" : "*:") + boundPort : path.toString();
    }

    void close() {
        closed = true;
        ServerSocketChannel s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (!tcp) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // the file is left behind; the next bind removes it
            }
        }
    }
}
