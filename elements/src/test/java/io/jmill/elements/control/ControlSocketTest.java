package io.jmill.elements.control;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ControlSocket driven by a plain TCP (and UNIX-domain) client, as Click's tools drive it. */
class ControlSocketTest {

    private static Router router(String config) throws ConfigException {
        return new RouterBuilder(Harness.registry()).build(ClickParser.parse("test.click", config, Map.of()));
    }

    /** A client that sends raw lines and reads raw responses. */
    private static final class Client implements AutoCloseable {
        final InputStream in;
        final OutputStream out;
        final AutoCloseable closer;

        Client(InputStream in, OutputStream out, AutoCloseable closer) {
            this.in = in;
            this.out = out;
            this.closer = closer;
        }

        static Client tcp(int port) throws IOException {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            s.setSoTimeout(10_000);
            return new Client(s.getInputStream(), s.getOutputStream(), s);
        }

        void send(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        /** One response line, CRLF checked and removed. */
        String line() throws IOException {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new IOException("connection closed after '" + b + "'");
                }
                b.write(c);
            }
            String s = b.toString(StandardCharsets.UTF_8);
            assertTrue(s.endsWith("\r"), "CRLF-terminated: " + s);
            return s.substring(0, s.length() - 1);
        }

        /** After "200 Read handler ... OK": the DATA line and its bytes. */
        String data() throws IOException {
            String d = line();
            assertTrue(d.startsWith("DATA "), d);
            return new String(in.readNBytes(Integer.parseInt(d.substring(5))), StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws Exception {
            closer.close();
        }
    }

    @Test
    void readsAndWritesHandlersOverTcp() throws Exception {
        Router r = router("cs :: ControlSocket(TCP, 0); src :: InfiniteSource(LIMIT 5, ACTIVE false) -> c :: Counter -> Discard;"
                + " Idle -> s :: Switch(0) -> Discard;");
        try (Client c = Client.tcp(Integer.parseInt(r.read("cs.port")))) {
            assertEquals("Click::ControlSocket/1.3", c.line());
            c.send("READ c.count\r\n");
            assertEquals("200 Read handler 'c.count' OK", c.line());
            assertEquals("0", c.data());
            // line ends: LF alone and CR alone are accepted
            c.send("write s.switch 0\nCHECKREAD c.count\r");
            assertEquals("200 Write handler 's.switch' OK", c.line());
            assertEquals("200 Read handler 'c.count' OK", c.line());
            c.send("WRITEDATA src.limit 2\r\n10READ src.limit\r\n");
            assertEquals("200 Write handler 'src.limit' OK", c.line());
            assertEquals("200 Read handler 'src.limit' OK", c.line());
            assertEquals("10", c.data());
            c.send("READDATA version 0\r\n");
            assertEquals("200 Read handler 'version' OK", c.line());
            assertFalse(c.data().isEmpty());
            c.send("READ 3.config\r\n");
            assertEquals("200 Read handler 'c.config' OK", c.line(), "element numbers count from 1");
            assertEquals("", c.data());
            c.send("WRITEUNTIL s.switch END\r\n1\r\nEND\r\nREAD s.switch\r\n");
            assertEquals("200 Write handler 's.switch' OK", c.line());
            assertEquals("200 Read handler 's.switch' OK", c.line());
            assertEquals("-1", c.data(), "Switch with one output: 1 is past it");
            c.send("QUIT\r\n");
            assertEquals("200 Goodbye!", c.line());
            assertEquals(-1, c.in.read(), "closed after QUIT");
        } finally {
            r.close();
        }
        assertEquals("1", r.read("cs.connections"));
    }

    @Test
    void errorsHaveClicksCodes() throws Exception {
        Router r = router("cs :: ControlSocket(TCP, 0); c :: Counter; Idle -> c -> Discard;");
        try (Client c = Client.tcp(Integer.parseInt(r.read("cs.port")))) {
            c.line();
            c.send("READ nope.count\r\n");
            assertEquals("510 No element named 'nope'", c.line());
            c.send("READ c.nope\r\n");
            assertEquals("511 No handler named 'c.nope'", c.line());
            c.send("READ 99.count\r\n");
            assertEquals("510 No element named '99'", c.line());
            c.send("READ c.reset\r\n");
            assertEquals("530 Handler 'c.reset' write-only", c.line());
            c.send("WRITE c.count 5\r\n");
            assertEquals("530 Handler 'c.count' read-only", c.line());
            c.send("CHECKWRITE c.count\r\n");
            assertEquals("511 Handler 'c.count' not writable", c.line());
            c.send("WRITE\r\n");
            assertEquals("500 Wrong number of arguments", c.line());
            c.send("FROB c.count\r\n");
            assertEquals("501 Command 'FROB' unimplemented", c.line());
            c.send("LLRPC c#1234\r\n");
            assertEquals("501 Cannot call LLRPC 'c#1234' remotely", c.line());
            c.send("READ c.count extra\r\n");
            assertEquals("520-Read handler 'c.count' error:", c.line());
            assertEquals("520 handler 'c.count' takes no parameters", c.line());
            c.send("HELP\r\n");
            String l;
            int lines = 1;
            while ((l = c.line()).startsWith("200-")) {
                lines++;
            }
            assertTrue(l.startsWith("200 QUIT"), l);
            assertEquals(11, lines);
        } finally {
            r.close();
        }
    }

    @Test
    void readOnlyAndProxy() throws Exception {
        Router r = router("cs :: ControlSocket(TCP, 0, READONLY true); ps :: ControlSocket(TCP, 0, PROXY c);"
                + " c :: Counter; Idle -> c -> Discard;");
        try (Client ro = Client.tcp(Integer.parseInt(r.read("cs.port")));
             Client px = Client.tcp(Integer.parseInt(r.read("ps.port")))) {
            ro.line();
            ro.send("WRITE c.reset\r\n");
            assertEquals("530 Permission denied for 'c.reset'", ro.line());
            px.line();
            px.send("READ count\r\n");
            assertEquals("200 Read handler 'c.count' OK", px.line());
            assertEquals("0", px.data());
        } finally {
            r.close();
        }
    }

    @Test
    void unixDomainSocket(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("click.sock");
        Router r = router("cs :: ControlSocket(UNIX, " + sock + "); c :: Counter; Idle -> c -> Discard;");
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(sock));
            Client c = new Client(Channels.newInputStream(ch), Channels.newOutputStream(ch), ch);
            assertEquals("Click::ControlSocket/1.3", c.line());
            c.send("READ c.count\r\n");
            assertEquals("200 Read handler 'c.count' OK", c.line());
            assertEquals("0", c.data());
            assertEquals(sock.toString(), r.read("cs.filename"));
        } finally {
            r.close();
        }
        assertFalse(Files.exists(sock), "the socket file is removed at close");
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> router("ControlSocket(UDP, 7)"));
        assertTrue(e.getMessage().contains("TYPE: expected TCP or UNIX, got 'UDP'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> router("ControlSocket(TCP, 70000)"));
        assertTrue(e.getMessage().contains("PORT: expected a port number"), e.getMessage());
    }
}
