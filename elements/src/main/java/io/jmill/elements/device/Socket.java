package io.jmill.elements.device;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Carries packets over a kernel socket: TCP, UDP or UNIX-domain, as client or server.
 *
 * <pre>Socket(TCP | UDP, IP, PORT [, LOCALIP, LOCALPORT, keywords ...])
 * Socket(UNIX | UNIX_DGRAM, FILENAME [, LOCALFILENAME, keywords ...])</pre>
 *
 * <p>Packets do not flow through Socket: the packets it receives (pushed or pulled) are sent to
 * the remote end, and what the socket receives is pushed out of its output as packets, one per
 * datagram, or one per read of at most SNAPLEN bytes on a stream (as in Click, a stream has no
 * packet boundaries).
 *
 * <p>A TCP or UNIX socket is a server (it binds IP:PORT or FILENAME, accepts one connection at a
 * time, and serves the next when the current one closes) unless CLIENT is true, or the element has
 * no output, or a local address is given: then it connects to IP:PORT or FILENAME when the router
 * starts. A datagram server (UDP, UNIX_DGRAM) receives from anyone and sends to whoever sent last;
 * a datagram client sends to IP:PORT, or, if IP is 0.0.0.0, to each packet's destination-IP
 * annotation, or to FILENAME (UNIX_DGRAM: bound to LOCALFILENAME if given, which a server needs to
 * answer it; the JDK has no UNIX datagram channels, so JMill makes this socket through Panama FFM). PORT 0 on a server binds any free port ({@code port} handler). Everything is
 * non-blocking and runs in the element's task: received data is pushed out as it comes, pulled
 * input is written as the socket accepts it, and pushed input is written at once (waiting for the
 * socket if its buffer is full).
 *
 * <p>Ports: an optional agnostic input (to the socket), an optional push output (from it).
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code CLIENT}: boolean. Connect rather than listen (see above).</li>
 * <li>{@code SNAPLEN}: integer. Most bytes per received packet. Default 2048 (the packet size).</li>
 * <li>{@code NODELAY}: boolean. TCP: disable Nagle's algorithm. Default true.</li>
 * <li>{@code SNDBUF}, {@code RCVBUF}: integers. The socket's buffer sizes.</li>
 * <li>{@code TIMESTAMP}: boolean. Stamp received packets with the time. Default true.</li>
 * <li>{@code BURST}: integer. Most packets received, and most written, per task run. Default the
 *     router's batch size.</li>
 * <li>{@code VERBOSE}: boolean. Report connections on standard error. Default false.</li>
 * <li>{@code HEADROOM}: accepted for Click's sake. {@code ALLOW}, {@code DENY} and {@code PROPER}
 *     are not supported.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code port} (read): the local TCP/UDP port.</li>
 * <li>{@code connected} (read): true while a stream socket has its peer.</li>
 * <li>{@code packets_in}, {@code packets_out} (read): packets received and sent.</li>
 * <li>{@code drops} (read): packets dropped (no peer yet, a send failed, or the pool was
 *     exhausted).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>// an echo server
 * s :: Socket(TCP, 127.0.0.1, 7000);  s -&gt; Queue -&gt; s;
 * // a client
 * FromDump(trace.pcap) -&gt; Socket(UDP, 10.0.0.2, 9000);</pre>
 *
 * <p>See also: KernelTun, ControlSocket.
 */
@ElementInfo(ports = "0-1/0-1", processing = "a/h")
public final class Socket extends Element implements Task, DropCounter {
    private final SocketEndpoint endpoint;
    private final int snaplen;
    private final boolean timestamp;
    private final int burst;
    private final boolean verbose;
    private final State state = new State();

    static final class State {
        /** Staging for one packet's data between the socket and packet memory (one thread at a time). */
        final byte[] bytes = new byte[PacketPool.DATA_SIZE];
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        /** A pulled packet the socket could not take yet. */
        Packet pending;
        long packetsIn;
        long packetsOut;
        long drops;
    }

    public Socket(ElementConfig c) {
        super(c);
        var args = c.args();
        endpoint = SocketEndpoint.configure(c);
        snaplen = args.keyword("SNAPLEN").integer(PacketPool.DATA_SIZE, 1, PacketPool.DATA_SIZE);
        timestamp = args.keyword("TIMESTAMP").bool(true);
        burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
        verbose = args.keyword("VERBOSE").bool(false);
        args.keyword("HEADROOM").integer(0);
        for (String k : new String[] {"ALLOW", "DENY", "PROPER"}) {
            if (args.keyword(k).present()) {
                args.error(k + ": not supported by JMill's Socket");
            }
        }
    }

    @Override
    public void initialize() throws IOException {
        endpoint.open(verbose ? name() : null);
    }

    @Override
    public int runTask() {
        State s = state;
        SocketEndpoint e = endpoint;
        e.acceptIfServing();
        int moved = 0;
        if (noutputs() > 0) {
            while (moved < burst) {
                ByteBuffer b = s.buffer;
                b.clear().limit(snaplen);
                int n = e.receive(b);
                if (n <= 0) {
                    break;
                }
                Packet p = PacketPool.alloc();
                if (p == null) {
                    s.drops++;
                    continue;
                }
                p.setLength(n);
                p.copyIn(0, s.bytes, 0, n);
                if (timestamp) {
                    p.setTimestampNanos(WorkerClock.wallNanos());
                }
                s.packetsIn++;
                moved++;
                output(0, p);
            }
        }
        if (ninputs() > 0 && !inputIsPush(0)) {
            int sent = 0;
            while (sent < burst) {
                Packet p = s.pending;
                if (p == null) {
                    p = input(0);
                    if (p == null) {
                        break;
                    }
                }
                int r = send(p, false);
                if (r == 0) {
                    s.pending = p;
                    break;
                }
                s.pending = null;
                sent++;
            }
            moved += sent;
        }
        return moved;
    }

    /** Sends (or drops) {@code p}; returns 0 if the socket could not take it now and {@code p} is kept. */
    private int send(Packet p, boolean wait) {
        State s = state;
        int len = p.length();
        p.copyOut(0, s.bytes, 0, len);
        ByteBuffer b = s.buffer;
        b.clear().limit(len);
        int r = endpoint.send(b, p.dstIpAnno(), wait);
        if (r == 0) {
            return 0;
        }
        if (r > 0) {
            s.packetsOut++;
        } else {
            s.drops++;
        }
        p.kill();
        return 1;
    }

    @Override
    public void push(int port, Packet p) {
        send(p, true);
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void cleanup() {
        Packet p = state.pending;
        if (p != null) {
            state.pending = null;
            p.kill();
        }
        endpoint.close();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        SocketEndpoint e = endpoint;
        h.readLong("port", e::localPort);
        h.read("connected", () -> Boolean.toString(e.connected()));
        h.readLong("packets_in", () -> s.packetsIn);
        h.readLong("packets_out", () -> s.packetsOut);
        h.readLong("drops", () -> s.drops);
    }
}
