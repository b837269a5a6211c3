package io.jmill.elements.nat;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.jmill.elements.nat.Frames.IP;
import static io.jmill.elements.nat.Frames.L4;
import static io.jmill.elements.nat.Frames.assertChecksums;
import static io.jmill.elements.nat.Frames.ip;
import static io.jmill.elements.nat.Frames.put16;
import static io.jmill.elements.nat.Frames.u16;
import static io.jmill.elements.nat.Frames.u32;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FTPPortMapperTest {
    private static final String GRAPH = "input [0] -> FTPPortMapper(rw, rw, 0) -> [0] rw;\n"
            + "rw :: TCPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop);\n"
            + "input [1] -> [1] rw; rw[0] -> [0] output; rw[1] -> [1] output;";

    /** A TCP frame with this payload and valid checksums. */
    private static byte[] tcp(String src, int sport, String dst, int dport, int seq, int ack, String payload) {
        byte[] text = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] f = FrameBuilder.tcp().src(src, sport).dst(dst, dport).seq(seq, ack).tcpFlags(0x10)
                .payloadLength(text.length).build();
        System.arraycopy(text, 0, f, L4 + 20, text.length);
        put16(f, L4 + 16, 0);
        int len = u16(f, IP + 2) - 20;
        int sum = Checksum.pseudoHeader(u32(f, IP + 12), u32(f, IP + 16), 6, len);
        put16(f, L4 + 16, Checksum.finish(Checksum.add(sum, f, L4, len)));
        return f;
    }

    private static String payload(byte[] f) {
        int end = IP + u16(f, IP + 2);
        return new String(Arrays.copyOfRange(f, L4 + 20, end), StandardCharsets.US_ASCII);
    }

    @Test
    void aPortCommandIsMappedRewrittenAndLaterSequenceNumbersShifted() throws Exception {
        try (Harness h = Harness.graph(GRAPH, 2, 2)) {
            h.push(0, ip(tcp("10.0.0.5", 3000, "2.0.0.2", 21, 100, 0, "USER x\r\n")));
            h.push(0, ip(tcp("10.0.0.5", 3000, "2.0.0.2", 21, 108, 0, "PORT 10,0,0,5,39,16\r\n")));
            byte[] port = h.outputBytes(0).get(1);
            // the data connection 10.0.0.5:10000 -> 2.0.0.2:20 is mapped to 1.0.0.1:1025
            assertEquals("PORT 1,0,0,1,4,1\r\n", payload(port));
            assertChecksums(port);
            assertEquals(108, u32(port, L4 + 4));
            // 21 bytes became 18: later sequence numbers move back by 3, acknowledgements forward by 3
            h.push(0, ip(tcp("10.0.0.5", 3000, "2.0.0.2", 21, 129, 0, "LIST\r\n")));
            byte[] list = h.outputBytes(0).get(2);
            assertEquals(126, u32(list, L4 + 4));
            assertChecksums(list);
            h.push(1, ip(tcp("2.0.0.2", 21, "1.0.0.1", 1024, 500, 126, "")));
            byte[] reply = h.outputBytes(1).get(0);
            assertEquals(129, u32(reply, L4 + 8));
            assertChecksums(reply);
            h.push(1, ip(tcp("2.0.0.2", 21, "1.0.0.1", 1024, 500, 108, "")));
            assertEquals(108, u32(h.outputBytes(1).get(1), L4 + 8), "before the command nothing moves");
            // the server opens the data connection to the announced address
            h.push(1, ip(tcp("2.0.0.2", 20, "1.0.0.1", 1025, 1, 0, "")));
            byte[] data = h.outputBytes(1).get(2);
            assertEquals(Frames.u32(FrameBuilder.tcp().dst("10.0.0.5", 1).build(), IP + 16), u32(data, IP + 16));
            assertEquals(10000, u16(data, L4 + 2));
            assertTrue(h.read("e/rw.tcp_table").contains("(10.0.0.5, 10000, 2.0.0.2, 20) => (1.0.0.1, 1025, 2.0.0.2, 20)"),
                    h.read("e/rw.tcp_table"));
        }
    }

    @Test
    void otherPacketsAndUnmappedControlConnectionsPassUnchanged() throws Exception {
        try (Harness h = Harness.graph("input -> FTPPortMapper(rw, rw, 0) -> output;"
                + "rw :: TCPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop); Idle -> rw -> Discard; Idle -> [1] rw [1] -> Discard;", 1, 1)) {
            byte[] cmd = tcp("10.0.0.5", 3000, "2.0.0.2", 21, 1, 0, "PORT 10,0,0,5,39,16\r\n");
            h.push(0, ip(cmd.clone()));
            assertEquals("PORT 10,0,0,5,39,16\r\n", payload(h.outputBytes(0).get(0)), "no control mapping yet");
            h.push(0, ip(tcp("10.0.0.5", 3000, "2.0.0.2", 21, 1, 0, "PORT 10,0,0,5,39\r\n")));
            assertEquals("PORT 10,0,0,5,39\r\n", payload(h.outputBytes(0).get(1)));
        }
        ConfigException e = assertThrows(ConfigException.class,
                () -> Harness.graph("input -> FTPPortMapper(c, c, 0) -> output; c :: Counter; Idle -> c -> Discard;", 1, 1).close());
        assertTrue(e.errors().getFirst().message().contains("not a TCPRewriter"), e.errors().getFirst().message());
    }
}
