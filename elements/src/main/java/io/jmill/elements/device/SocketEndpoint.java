package io.jmill.elements.device;

import io.jmill.engine.args.Args;
import io.jmill.engine.args.IPPrefix;
import io.jmill.engine.element.ElementConfig;

import io.jmill.driver.unix.UnixDatagramSocket;
import io.jmill.layout.PacketPool;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Socket's kernel side: its configuration (Click's arguments) and its non-blocking NIO channels
 * (UNIX_DGRAM: a {@link UnixDatagramSocket}, which the JDK lacks).
 * Touched by the thread that runs the element (and by handlers, for the port and state).
 */
final class SocketEndpoint {
    enum Kind { TCP, UDP, UNIX, UNIX_DGRAM }

    final Kind kind;
    final boolean client;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Path path;
    private final Path localPath;
    private final boolean noDelay;
    private final int sndbuf;
    private final int rcvbuf;

    private volatile ServerSocketChannel server;
    private volatile SocketChannel stream;
    private volatile DatagramChannel datagram;
    /** UNIX_DGRAM, which the JDK's channels lack, and its native staging buffer. */
    private volatile UnixDatagramSocket unixDatagram;
    private MemorySegment staging;
    /** Where datagrams go: the fixed remote end, or a server's last sender. */
    private SocketAddress peer;
    private int lastAnno;
    private InetSocketAddress lastAnnoAddress;
    private String verboseName;

    private SocketEndpoint(Kind kind, boolean client, InetSocketAddress remote, InetSocketAddress local, Path path,
                           Path localPath, boolean noDelay, int sndbuf, int rcvbuf) {
        this.kind = kind;
        this.client = client;
        this.remote = remote;
        this.local = local;
        this.path = path;
        this.localPath = localPath;
        this.noDelay = noDelay;
        this.sndbuf = sndbuf;
        this.rcvbuf = rcvbuf;
    }

    static SocketEndpoint configure(ElementConfig c) {
        Args args = c.args();
        List<String> parts = Args.split(c.configText());
        String first = parts.isEmpty() ? "" : parts.getFirst().strip();
        String typeText;
        if (first.matches("[A-Z][A-Z0-9_]*")) {
            args.keyword(first); // Socket(TCP, ...): Click's bare TYPE word, which JMill's Args reads as a keyword
            typeText = first;
        } else {
            typeText = args.mandatoryPositional("TYPE").string("TCP").strip().toUpperCase(Locale.ROOT);
        }
        Kind kind;
        try {
            kind = Kind.valueOf(typeText);
        } catch (IllegalArgumentException e) {
            args.error("TYPE: expected TCP, UDP, UNIX or UNIX_DGRAM, got '" + typeText + "'");
            kind = Kind.TCP;
        }
        InetSocketAddress remote = null;
        InetSocketAddress local = null;
        Path path = null;
        Path localPath = null;
        boolean localGiven;
        if (kind == Kind.TCP || kind == Kind.UDP) {
            int ip = args.mandatoryPositional("IP").ipAddress(0);
            int port = args.mandatoryPositional("PORT").integer(0, 0, 65535);
            var lip = args.positional("LOCALIP");
            var lport = args.positional("LOCALPORT");
            localGiven = lip.present() || lport.present();
            remote = new InetSocketAddress(address(ip), port);
            if (localGiven) {
                local = new InetSocketAddress(address(lip.ipAddress(0)), lport.integer(0, 0, 65535));
            }
        } else {
            path = Path.of(args.mandatoryPositional("FILENAME").string(""));
            var lf = args.positional("LOCALFILENAME");
            localGiven = lf.present();
            localPath = localGiven ? Path.of(lf.string("")) : null;
        }
        var clientArg = args.keyword("CLIENT");
        boolean client = clientArg.present() ? clientArg.bool(false)
                : localGiven || (c.noutputs() == 0 && c.ninputs() > 0);
        boolean noDelay = args.keyword("NODELAY").bool(true);
        int sndbuf = args.keyword("SNDBUF").integer(0, 0, Integer.MAX_VALUE);
        int rcvbuf = args.keyword("RCVBUF").integer(0, 0, Integer.MAX_VALUE);
        return new SocketEndpoint(kind, client, remote, client ? local : null, path, localPath, noDelay, sndbuf, rcvbuf);
    }

    private static InetAddress address(int ip) {
        try {
            return InetAddress.getByName(IPPrefix.addressToString(ip));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Binds or connects, as configured; {@code verboseName} non-null reports connections. */
    void open(String verboseName) throws IOException {
        this.verboseName = verboseName;
        try {
            switch (kind) {
                case TCP, UNIX -> {
                    if (client) {
                        SocketChannel ch = kind == Kind.TCP ? SocketChannel.open() : SocketChannel.open(StandardProtocolFamily.UNIX);
                        options(ch);
                        if (local != null) {
                            ch.bind(local);
                        } else if (localPath != null) {
                            ch.bind(UnixDomainSocketAddress.of(localPath));
                        }
                        ch.connect(kind == Kind.TCP ? remote : UnixDomainSocketAddress.of(path));
                        streamOpened(ch);
                    } else {
                        ServerSocketChannel s;
                        if (kind == Kind.TCP) {
                            s = ServerSocketChannel.open();
                            s.bind(remote);
                        } else {
                            Files.deleteIfExists(path);
                            s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                            s.bind(UnixDomainSocketAddress.of(path));
                        }
                        s.configureBlocking(false);
                        server = s;
                    }
                }
                case UDP -> {
                    DatagramChannel d = DatagramChannel.open();
                    options(d);
                    if (client) {
                        d.bind(local);
                        peer = remote.getAddress().isAnyLocalAddress() ? null : remote;
                    } else {
                        d.bind(remote);
                    }
                    d.configureBlocking(false);
                    datagram = d;
                }
                case UNIX_DGRAM -> {
                    Path bindTo = client ? localPath : path;
                    if (bindTo != null) {
                        Files.deleteIfExists(bindTo);
                    }
                    UnixDatagramSocket u = UnixDatagramSocket.open(bindTo);
                    u.peer(client ? path : null);
                    staging = Arena.ofAuto().allocate(PacketPool.DATA_SIZE);
                    unixDatagram = u;
                }
            }
        } catch (IOException e) {
            throw new IOException((client ? "connect to " : "bind ") + describe() + ": " + e.getMessage(), e);
        }
    }

    private String describe() {
        return kind + " " + (path != null ? path.toString() : remote.getAddress().getHostAddress() + ":" + remote.getPort());
    }

    private void options(NetworkChannel ch) throws IOException {
        if (sndbuf > 0) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, sndbuf);
        }
        if (rcvbuf > 0) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, rcvbuf);
        }
    }

    private void streamOpened(SocketChannel ch) throws IOException {
        if (kind == Kind.TCP) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
        }
        ch.configureBlocking(false);
        stream = ch;
        if (verboseName != null) {
            System.err.println(verboseName + ": connection opened");
        }
    }

    /** A server without a connection takes the next one waiting, if any. */
    void acceptIfServing() {
        ServerSocketChannel s = server;
        if (s == null || stream != null) {
            return;
        }
        try {
            SocketChannel ch = s.accept();
            if (ch != null) {
                options(ch);
                streamOpened(ch);
            }
        } catch (IOException e) {
            // nothing accepted this time
        }
    }

    /** Receives into {@code b} (from its position to its limit); returns the bytes received, 0 if none. */
    int receive(ByteBuffer b) {
        try {
            SocketChannel s = stream;
            if (s != null) {
                int n = s.read(b);
                if (n < 0) {
                    dropStream();
                    return 0;
                }
                return n;
            }
            UnixDatagramSocket u = unixDatagram;
            if (u != null) {
                long n = u.receive(staging.address(), b.remaining());
                if (n <= 0) {
                    return 0;
                }
                MemorySegment.copy(staging, ValueLayout.JAVA_BYTE, 0, b.array(), b.arrayOffset() + b.position(), (int) n);
                b.position(b.position() + (int) n);
                return (int) n;
            }
            DatagramChannel d = datagram;
            if (d != null) {
                SocketAddress from = d.receive(b);
                if (from == null) {
                    return 0;
                }
                if (!client) {
                    peer = from;
                }
                return b.position();
            }
        } catch (IOException e) {
            dropStream();
        }
        return 0;
    }

    /**
     * Sends {@code b}; {@code anno} is the destination-IP annotation (for a UDP client to 0.0.0.0).
     * Returns 1 if sent, -1 if it cannot be (no peer, an error: drop it), 0 if the socket cannot
     * take it now and {@code wait} is false.
     */
    int send(ByteBuffer b, int anno, boolean wait) {
        try {
            SocketChannel s = stream;
            if (s != null) {
                // A stream cannot take half a packet back: once started, it is written whole.
                if (!wait && s.write(b) == 0) {
                    return 0;
                }
                while (b.hasRemaining()) {
                    if (s.write(b) == 0) {
                        Thread.onSpinWait();
                    }
                }
                return 1;
            }
            UnixDatagramSocket u = unixDatagram;
            if (u != null) {
                int len = b.remaining();
                MemorySegment.copy(b.array(), b.arrayOffset() + b.position(), staging, ValueLayout.JAVA_BYTE, 0, len);
                int r;
                while ((r = u.send(staging.address(), len)) == 0) {
                    if (!wait) {
                        return 0;
                    }
                    Thread.onSpinWait();
                }
                return r > 0 ? 1 : -1;
            }
            DatagramChannel d = datagram;
            if (d == null) {
                return -1;
            }
            SocketAddress to = peer;
            if (to == null && client) {
                if (anno != lastAnno || lastAnnoAddress == null) {
                    lastAnno = anno;
                    lastAnnoAddress = new InetSocketAddress(address(anno), remote.getPort());
                }
                to = lastAnnoAddress;
            }
            if (to == null) {
                return -1;
            }
            while (d.send(b, to) == 0) {
                if (!wait) {
                    return 0;
                }
                Thread.onSpinWait();
            }
            return 1;
        } catch (IOException e) {
            dropStream();
            return -1;
        }
    }

    /** A stream that ended or failed: a server waits for the next connection. */
    private void dropStream() {
        SocketChannel s = stream;
        stream = null;
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closed anyway
            }
            if (verboseName != null) {
                System.err.println(verboseName + ": connection closed");
            }
        }
    }

    boolean connected() {
        SocketChannel s = stream;
        return s != null && s.isConnected();
    }

    /** The local port bound, or -1. */
    long localPort() {
        try {
            NetworkChannel ch = server != null ? server : datagram != null ? datagram : stream;
            return ch != null && ch.getLocalAddress() instanceof InetSocketAddress a ? a.getPort() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    void close() {
        dropStream();
        UnixDatagramSocket u = unixDatagram;
        if (u != null) {
            unixDatagram = null;
            u.close();
            deleteQuietly(client ? localPath : null);
        }
        for (NetworkChannel ch : new NetworkChannel[] {server, datagram}) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closed anyway
                }
            }
        }
        if (!client) {
            deleteQuietly(path);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // left behind; the next bind removes it
            }
        }
    }
}
