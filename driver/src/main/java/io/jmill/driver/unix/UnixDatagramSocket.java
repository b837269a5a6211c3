package io.jmill.driver.unix;

import io.jmill.driver.afpacket.Linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A non-blocking UNIX-domain datagram socket, {@code socket(AF_UNIX, SOCK_DGRAM)}, through Panama
 * FFM (the JDK's {@code DatagramChannel} has no UNIX-domain kind). Buffers are native addresses.
 *
 * <pre>{@code
 * UnixDatagramSocket s = UnixDatagramSocket.open(Path.of("/tmp/server.sock"));   // bound; null: unbound
 * long n = s.receive(address, 2048);    // -1: nothing waiting; the sender is kept for reply
 * s.send(address, (int) n);             // to the peer if one was set, else back to the last sender
 * }</pre>
 *
 * <p>One thread at a time: the errno state and the sender's address are the socket's own.
 */
public final class UnixDatagramSocket implements AutoCloseable {
    /** {@code sizeof(struct sockaddr_un)}: a 2-byte family and 108 bytes of path. */
    static final int SOCKADDR_UN = 110;
    private static final int SUN_PATH = 2;
    private static final int MAX_PATH = SOCKADDR_UN - SUN_PATH - 1;

    private final int fd;
    private final Path bound;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment errno = Linux.newErrnoState(arena);
    private final MemorySegment peer = arena.allocate(SOCKADDR_UN);
    private int peerLength;
    private final MemorySegment sender = arena.allocate(SOCKADDR_UN);
    private final MemorySegment senderLength = arena.allocate(ValueLayout.JAVA_INT);
    /** Length of the last sender's address; 0 before any, or if it was unbound. */
    private int lastSender;
    private boolean closed;

    private UnixDatagramSocket(int fd, Path bound) {
        this.fd = fd;
        this.bound = bound;
    }

    /** A socket bound to {@code path} (which must not exist), or unbound if {@code path} is null. */
    public static UnixDatagramSocket open(Path path) throws IOException {
        int fd;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment err = Linux.newErrnoState(a);
            fd = (int) Linux.SOCKET.invokeExact(err, Linux.AF_UNIX, Linux.SOCK_DGRAM | Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC, 0);
            if (fd < 0) {
                throw new IOException("socket(AF_UNIX, SOCK_DGRAM): " + Linux.strerror(Linux.errno(err)));
            }
            UnixDatagramSocket s = new UnixDatagramSocket(fd, path);
            if (path != null) {
                MemorySegment addr = a.allocate(SOCKADDR_UN);
                int len = sockaddr(addr, path);
                int r = (int) Linux.BIND.invokeExact(err, fd, addr, len);
                if (r < 0) {
                    int e = Linux.errno(err);
                    s.close();
                    throw new IOException("bind(" + path + "): " + Linux.strerror(e)
                            + (e == Linux.EACCES ? " (no write permission on its directory)" : ""));
                }
            }
            return s;
        } catch (IOException e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException("socket(AF_UNIX, SOCK_DGRAM): " + t, t);
        }
    }

    /** Writes {@code path} as a {@code struct sockaddr_un} into {@code addr}; returns its length. */
    private static int sockaddr(MemorySegment addr, Path path) throws IOException {
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        if (p.length > MAX_PATH) {
            throw new IOException("UNIX socket path longer than " + MAX_PATH + " bytes: " + path);
        }
        addr.fill((byte) 0);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) Linux.AF_UNIX);
        MemorySegment.copy(p, 0, addr, ValueLayout.JAVA_BYTE, SUN_PATH, p.length);
        return SUN_PATH + p.length + 1;
    }

    /** Sends every later datagram to {@code path} (a client); null: back to the last sender (a server). */
    public void peer(Path path) throws IOException {
        peerLength = path == null ? 0 : sockaddr(peer, path);
    }

    /** The path this socket is bound to, or null. */
    public Path boundPath() {
        return bound;
    }

    /**
     * Receives one datagram into {@code len} bytes at native {@code address} (a longer one is
     * cut); returns its length, or -1 if none is waiting, or {@code -errno} (below -1) on an
     * error. Its sender becomes the destination of {@link #send} if no peer is set.
     */
    public long receive(long address, int len) {
        try {
            senderLength.set(ValueLayout.JAVA_INT, 0, SOCKADDR_UN);
            long n = (long) Linux.RECVFROM.invokeExact(errno, fd, address, (long) len, 0, sender.address(), senderLength.address());
            if (n >= 0) {
                int l = senderLength.get(ValueLayout.JAVA_INT, 0);
                lastSender = l > SUN_PATH ? l : 0; // an unbound sender cannot be answered
                return n;
            }
            int e = Linux.errno(errno);
            return e == Linux.EAGAIN ? -1 : -Math.max(2, e);
        } catch (Throwable t) {
            return -2;
        }
    }

    /**
     * Sends {@code len} bytes at native {@code address} to the peer, or to the last sender.
     *
     * @return 1 if sent, 0 if the receiver's queue is full (try again), -1 if there is no
     *     destination, {@code -errno} (below -1) on an error such as a receiver that is gone
     */
    public int send(long address, int len) {
        MemorySegment to;
        int toLength;
        if (peerLength > 0) {
            to = peer;
            toLength = peerLength;
        } else if (lastSender > 0) {
            to = sender;
            toLength = lastSender;
        } else {
            return -1;
        }
        try {
            long n = (long) Linux.SENDTO.invokeExact(errno, fd, address, (long) len, 0, to.address(), toLength);
            if (n >= 0) {
                return 1;
            }
            int e = Linux.errno(errno);
            return e == Linux.EAGAIN ? 0 : -Math.max(2, e);
        } catch (Throwable t) {
            return -2;
        }
    }

    /** Closes the socket; the file it was bound to stays (the caller removes it). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            int ignored = (int) Linux.CLOSE.invokeExact(errno, fd);
        } catch (Throwable ignored) {
            // closed anyway
        }
        arena.close();
    }
}
