package io.jmill.elements.control;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Sends the router's messages to the programs that connect.
 *
 * <pre>ChatterSocket(TYPE, PORT | FILENAME [, keywords CHANNEL, QUIET_CHANNEL, GREETING, LOCALHOST])</pre>
 *
 * <p>Listens on TCP port PORT or on the UNIX-domain socket FILENAME, as ControlSocket does (PORT 0
 * or {@code N+}; loopback only unless LOCALHOST is false), and copies every message the router
 * writes to standard error (element messages, Print and IPPrint lines, errors) to each connected
 * client, as it is written. A client first receives the greeting {@code Click::ChatterSocket/1.0}
 * (CRLF-terminated) unless GREETING is false. Messages keep going to standard error too. A client
 * that does not keep up loses messages rather than slowing the router down (up to 1024 pending
 * chunks are kept per client). Whatever a client sends is ignored.
 *
 * <p>Ports: none.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code CHANNEL}: word. The chatter channel to copy. Default {@code default}: what is written
 *     to standard error. Another name is a channel of its own: elements write to it with their
 *     own CHANNEL keyword (IPPrint, ARPPrint), and its messages reach only the ChatterSockets on
 *     it, not standard error; with nobody listening they are dropped. Channels are per JVM.</li>
 * <li>{@code QUIET_CHANNEL}: boolean. If false, the messages of a named channel go to standard
 *     error too. Default true.</li>
 * <li>{@code GREETING}: boolean. Send the greeting line. Default true.</li>
 * <li>{@code LOCALHOST}: boolean. Accept TCP connections from this host only. Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code port} (read): the TCP port listened on. {@code filename} (read): the UNIX socket's
 *     file name.</li>
 * <li>{@code clients} (read): clients connected now.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>ChatterSocket(TCP, 7778);  src -&gt; Print(in) -&gt; Discard;  // nc localhost 7778 shows the lines
 * ChatterSocket(TCP, 7779, CHANNEL ip);  ... -&gt; IPPrint(CHANNEL ip) -&gt; ...  // these lines only on 7779</pre>
 *
 * <p>See also: ControlSocket, Print.
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class ChatterSocket extends Element {
    static final String GREETING = "Click::ChatterSocket/1.0";
    private static final int QUEUE = 1024;

    private final Listener listener;
    private final boolean greeting;
    private final String channel;
    private final boolean quietChannel;
    /** Each connected client's queue of chunks to send, and its connection. */
    private final Map<BlockingQueue<byte[]>, SocketChannel> clients = new ConcurrentHashMap<>();
    /** Put in a client's queue to end its connection. */
    private static final byte[] END = new byte[0];
    private final Consumer<byte[]> fanOut = this::fanOut;

    public ChatterSocket(ElementConfig c) {
        super(c);
        var args = c.args();
        listener = Listener.configure(c);
        greeting = args.keyword("GREETING").bool(true);
        channel = args.keyword("CHANNEL").string(ChatterChannels.DEFAULT).strip();
        quietChannel = args.keyword("QUIET_CHANNEL").bool(true);
        args.keyword("RETRIES").integer(0);
        args.keyword("RETRY_WARNINGS").bool(true);
    }

    @Override
    public void initialize() throws IOException {
        listener.bind();
        ChatterChannels.listen(channel, fanOut, quietChannel);
        listener.acceptLoop("jmill-" + name(), this::serve);
    }

    private void fanOut(byte[] chunk) {
        for (BlockingQueue<byte[]> q : clients.keySet()) {
            q.offer(chunk);
        }
    }

    private void serve(SocketChannel channel) {
        BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
        try (channel) {
            if (greeting) {
                write(channel, (GREETING + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            clients.put(queue, channel);
            for (byte[] chunk; (chunk = queue.take()) != END; ) {
                write(channel, chunk);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the router is closing
        } finally {
            clients.remove(queue);
        }
    }

    private static void write(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    @Override
    public void cleanup() {
        ChatterChannels.leave(channel, fanOut);
        listener.close();
        clients.keySet().forEach(q -> {
            q.clear();
            q.offer(END);
        });
    }

    @Override
    public void addHandlers(Handlers h) {
        Listener l = listener;
        if (l.tcp) {
            h.readLong("port", l::boundPort);
        } else {
            h.read("filename", l.path::toString);
        }
        h.readLong("clients", clients::size);
    }
}
