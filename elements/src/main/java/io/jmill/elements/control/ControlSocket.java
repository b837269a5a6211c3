package io.jmill.elements.control;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens a control socket through which other programs read and write handlers.
 *
 * <pre>ControlSocket(TYPE, PORT | FILENAME [, keywords READONLY, PROXY, VERBOSE, LOCALHOST])</pre>
 *
 * <p>Listens on TCP port PORT ({@code ControlSocket(TCP, 7777)}) or on the UNIX-domain socket
 * FILENAME ({@code ControlSocket(UNIX, /tmp/click.sock)}) and speaks Click's ControlSocket
 * protocol, version 1.3, so that Click's tools and scripts work unchanged. PORT may be 0 (any free
 * port; read it from the {@code port} handler) or {@code N+} (the first free port from N on). Unlike
 * Click, a TCP ControlSocket accepts connections from the local host only unless LOCALHOST is false:
 * handlers can stop the router and rewrite its tables.
 *
 * <p>The protocol is line based. On connection the server sends {@code Click::ControlSocket/1.3}.
 * Each command is one line (ended by CR, LF or CRLF) of words; each response is one or more lines
 * that start with a three-digit code, all but the last followed by a hyphen, each ended by CRLF.
 * Handler names are {@code element.handler}, {@code N.handler} (the Nth element, from 1), or a
 * global handler ({@code version}, {@code list}, {@code flatconfig}, {@code stop}, ...).
 * <ul>
 * <li>{@code READ handler} answers {@code 200 Read handler 'handler' OK}, a line {@code DATA n},
 *     and the n bytes of the value. JMill's read handlers take no parameters: READ with parameters
 *     is a handler error.</li>
 * <li>{@code READDATA handler n} and {@code READUNTIL handler [terminator]} read as READ, after
 *     taking n bytes, or the lines up to the terminator (default an empty line), as
 *     parameters.</li>
 * <li>{@code WRITE handler value...} writes the rest of the line;
 *     {@code WRITEDATA handler n} writes the n bytes that follow the line;
 *     {@code WRITEUNTIL handler [terminator]} writes the lines up to the terminator. Success is
 *     {@code 200 Write handler 'handler' OK}.</li>
 * <li>{@code CHECKREAD handler}, {@code CHECKWRITE handler} answer 200 if the handler exists and
 *     is readable (writable).</li>
 * <li>{@code LLRPC element#number [n]}: JMill elements have no LLRPCs; the answer is 501 (after
 *     taking the n bytes that follow).</li>
 * <li>{@code HELP} lists the commands; {@code QUIT} answers {@code 200 Goodbye!} and closes.</li>
 * </ul>
 * Codes: 200 OK, 500 syntax error, 501 unimplemented command, 510 no such element, 511 no such
 * handler (or not readable / writable), 520 handler error (followed by the error), 530 permission
 * denied.
 *
 * <p>Ports: none.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code READONLY}: boolean. Refuse every write (530). Default false.</li>
 * <li>{@code PROXY}: string. Prefix every handler name with {@code PROXY.}. Default none.</li>
 * <li>{@code VERBOSE}: boolean. Report the address listened on, and connections opened and
 *     closed, on standard error. Default false.</li>
 * <li>{@code LOCALHOST}: boolean. Accept TCP connections from this host only. Default true.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code port} (read): the TCP port listened on.</li>
 * <li>{@code filename} (read): the UNIX socket's file name.</li>
 * <li>{@code connections} (read): connections accepted so far.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>ControlSocket(TCP, 7777);
 * InfiniteSource -&gt; c :: Counter -&gt; Discard;
 * // then: printf 'READ c.count\r\nQUIT\r\n' | nc localhost 7777</pre>
 *
 * <p>See also: ChatterSocket, Script.
 */
@ElementInfo(ports = "0/0", processing = "a/a")
public final class ControlSocket extends Element {
    static final String BANNER = "Click::ControlSocket/1.3";

    private final Listener listener;
    private final boolean readOnly;
    private final String proxy;
    private final boolean verbose;
    private final State state = new State();

    static final class State {
        volatile long connections;
        /** Open connections, closed when the router closes. */
        final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    }

    public ControlSocket(ElementConfig c) {
        super(c);
        var args = c.args();
        listener = Listener.configure(c);
        readOnly = args.keyword("READONLY").bool(false);
        proxy = args.keyword("PROXY").string("");
        verbose = args.keyword("VERBOSE").bool(false);
        args.keyword("RETRIES").integer(0);
        args.keyword("RETRY_WARNINGS").bool(true);
    }

    @Override
    public void initialize() throws IOException {
        listener.bind();
        if (verbose) {
            System.err.println(name() + ": listening on " + listener.describe());
        }
        listener.acceptLoop("jmill-" + name(), this::serve);
    }

    private void serve(SocketChannel channel) {
        State s = state;
        s.connections++;
        if (verbose) {
            System.err.println(name() + ": connection opened");
        }
        s.open.add(channel);
        try (channel) {
            new ControlConnection(host(), channel, readOnly, proxy).run();
        } catch (IOException e) {
            if (verbose) {
                System.err.println(name() + ": connection error: " + e.getMessage());
            }
        } finally {
            s.open.remove(channel);
        }
        if (verbose) {
            System.err.println(name() + ": connection closed");
        }
    }

    @Override
    public void cleanup() {
        listener.close();
        for (SocketChannel c : state.open) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        Listener l = listener;
        if (l.tcp) {
            h.readLong("port", l::boundPort);
        } else {
            h.read("filename", l.path::toString);
        }
        h.readLong("connections", () -> s.connections);
    }
}
