package io.jmill.elements.device;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.jmill.driver.unix.UnixDatagramSocket;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Socket against plain JDK sockets on the loopback interface, a UNIX-domain socket file, and
 * UNIX-domain datagram sockets in a temporary directory.
 */
class SocketTest {

    private static Router start(String config) throws Exception {
        Router r = new RouterBuilder(Harness.registry()).build(ClickParser.parse("socket.click", config, Map.of()));
        r.start(1);
        return r;
    }

    @Test
    void tcpServerEchoes() throws Exception {
        int before = PacketPool.inUse();
        Router r = start("s :: Socket(TCP, 127.0.0.1, 0); s -> Queue -> s;");
        try (java.net.Socket c = new java.net.Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(r.read("s.port")))) {
            c.setSoTimeout(10_000);
            c.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello", new String(c.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
            assertEquals("true", r.read("s.connected"));
        } finally {
            r.close();
        }
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
    }

    @Test
    void tcpClientSendsWhatItIsGiven() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(10_000);
            Router r = start("InfiniteSource(\\<68656c6c6f>, LIMIT 3) -> s :: Socket(TCP, 127.0.0.1, "
                    + server.getLocalPort() + ");");
            try (java.net.Socket peer = server.accept()) {
                peer.setSoTimeout(10_000);
                assertEquals("hellohellohello", new String(peer.getInputStream().readNBytes(15), StandardCharsets.US_ASCII));
                // the bytes can arrive before the element has counted the last write
                for (int i = 0; i < 500 && !r.read("s.packets_out").equals("3"); i++) {
                    Thread.sleep(10);
                }
                assertEquals("3", r.read("s.packets_out"));
            } finally {
                r.close();
            }
        }
    }

    @Test
    void udpServerAnswersTheLastSender() throws Exception {
        Router r = start("s :: Socket(UDP, 127.0.0.1, 0); s -> Queue -> s;");
        try (DatagramSocket c = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            c.setSoTimeout(10_000);
            int port = Integer.parseInt(r.read("s.port"));
            for (String msg : new String[] {"one", "two"}) {
                byte[] b = msg.getBytes(StandardCharsets.US_ASCII);
                c.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket reply = new DatagramPacket(new byte[64], 64);
                c.receive(reply);
                assertEquals(msg, new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII));
            }
            assertEquals("2", r.read("s.packets_in"));
        } finally {
            r.close();
        }
    }

    @Test
    void unixStreamServerEchoes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("echo.sock");
        Router r = start("s :: Socket(UNIX, " + file + "); s -> Queue -> s;");
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(file));
            c.write(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer in = ByteBuffer.allocate(4);
            while (in.hasRemaining()) {
                assertTrue(c.read(in) >= 0, "echo before end of stream");
            }
            assertEquals("ping", new String(in.array(), StandardCharsets.US_ASCII));
        } finally {
            r.close();
        }
    }

    /** Waits (up to a minute) for a datagram on {@code s}; returns its text. */
    private static String receive(UnixDatagramSocket s, MemorySegment buf) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        long n;
        while ((n = s.receive(buf.address(), (int) buf.byteSize())) < 0) {
            assertTrue(n == -1, "receive failed: " + n);
            assertTrue(System.nanoTime() < deadline, "no datagram");
            Thread.sleep(1);
        }
        return new String(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII);
    }

    private static int send(UnixDatagramSocket s, MemorySegment buf, String text) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        MemorySegment.copy(b, 0, buf, ValueLayout.JAVA_BYTE, 0, b.length);
        return s.send(buf.address(), b.length);
    }

    @Test
    void unixDatagramServerAnswersTheLastSender(@TempDir Path dir) throws Exception {
        int before = PacketPool.inUse();
        Path file = dir.resolve("echo.sock");
        Router r = start("s :: Socket(UNIX_DGRAM, " + file + "); s -> Queue -> s;");
        try (Arena a = Arena.ofConfined(); UnixDatagramSocket c = UnixDatagramSocket.open(dir.resolve("client.sock"))) {
            MemorySegment buf = a.allocate(2048);
            c.peer(file);
            for (String m : new String[] {"ping", "a longer datagram"}) {
                assertEquals(1, send(c, buf, m));
                assertEquals(m, receive(c, buf), "one packet per datagram, echoed to its sender");
            }
            assertEquals("2", r.read("s.packets_in"));
            assertEquals("2", r.read("s.packets_out"));
        } finally {
            r.close();
        }
        assertEquals(before, PacketPool.inUse(), "no packet leaked");
        assertTrue(!java.nio.file.Files.exists(file), "the server's socket file goes with the router");
    }

    @Test
    void unixDatagramClientSendsFromItsLocalFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("server.sock");
        try (Arena a = Arena.ofConfined(); UnixDatagramSocket server = UnixDatagramSocket.open(file)) {
            MemorySegment buf = a.allocate(2048);
            Router r = start("InfiniteSource(\\<68656c6c6f>, LIMIT 3) -> s :: Socket(UNIX_DGRAM, " + file
                    + ", " + dir.resolve("local.sock") + ") -> c :: Counter -> Discard;");
            try {
                for (int i = 0; i < 3; i++) {
                    assertEquals("hello", receive(server, buf));
                }
                assertEquals(1, send(server, buf, "reply"), "the client is bound: it can be answered");
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (!r.read("c.count").equals("1")) {
                    assertTrue(System.nanoTime() < deadline, "the reply came out of the client's output");
                    Thread.sleep(1);
                }
                assertEquals("3", r.read("s.packets_out"));
            } finally {
                r.close();
            }
        }
    }

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> start("Socket(SCTP, 1.2.3.4, 5) -> Discard"));
        assertTrue(e.getMessage().contains("TYPE: expected TCP, UDP, UNIX or UNIX_DGRAM, got 'SCTP'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> start("Socket(TCP, 1.2.3.4, 5, ALLOW rt) -> Discard"));
        assertTrue(e.getMessage().contains("ALLOW: not supported"), e.getMessage());
    }
}
