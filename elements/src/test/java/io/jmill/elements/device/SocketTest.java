package io.jmill.elements.device;

import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

/** Socket against plain JDK sockets on the loopback interface and a UNIX-domain socket file. */
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

    @Test
    void badArguments() {
        ConfigException e = assertThrows(ConfigException.class, () -> start("Socket(SCTP, 1.2.3.4, 5) -> Discard"));
        assertTrue(e.getMessage().contains("TYPE: expected TCP, UDP, UNIX or UNIX_DGRAM, got 'SCTP'"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> start("Socket(TCP, 1.2.3.4, 5, ALLOW rt) -> Discard"));
        assertTrue(e.getMessage().contains("ALLOW: not supported"), e.getMessage());
    }
}
