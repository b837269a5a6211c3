package io.jmill.elements.standard;

import io.jmill.driver.net.Checksum;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import static io.jmill.elements.standard.VLANEncapTest.errors;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class IPPrintTest {
    /** An Ethernet frame as a packet whose network header annotation marks the IP header. */
    private static Supplier<Packet> marked(byte[] frame) {
        return () -> mark(Harness.packet(frame));
    }

    private static Packet mark(Packet p) {
        p.setMacHeader(0);
        p.setNetworkHeader(14, (p.u8(14) & 0x0F) << 2);
        return p;
    }

    /**
     * What IPPrint(config) prints for these packets (made once the harness exists, so that its
     * leak check counts them), and checks they pass unchanged.
     */
    @SafeVarargs
    private static String print(String config, Supplier<Packet>... packets) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Harness h = Harness.element("IPPrint(" + config + ")")) {
            ((IPPrint) h.element()).setOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            byte[][] in = new byte[packets.length][];
            for (int i = 0; i < packets.length; i++) {
                Packet p = packets[i].get();
                in[i] = p.toByteArray();
                h.push(0, p);
            }
            assertEquals(packets.length, h.count(0));
            for (int i = 0; i < packets.length; i++) {
                assertArrayEquals(in[i], h.outputBytes(0).get(i));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static FrameBuilder tcp() {
        return FrameBuilder.tcp().src("10.0.0.1", 1234).dst("10.0.0.2", 80);
    }

    @Test
    void tcpLines() throws Exception {
        assertEquals("t: 10.0.0.1.1234 > 10.0.0.2.80: . 1:19(18,72,58) ack 0 win 65535\n",
                print("t, TIMESTAMP false", marked(tcp().build())));
        assertEquals("10.0.0.1.1234 > 10.0.0.2.80: S 5:6(1,54,40) win 65535\n",
                print("TIMESTAMP false", marked(tcp().tcpFlags(0x02).seq(5, 0).payloadLength(0).build())));
        assertEquals("10.0.0.1.1234 > 10.0.0.2.80: S 5:6(1,54,40) ack 9 win 65535\n",
                print("TIMESTAMP false", marked(tcp().tcpFlags(0x12).seq(5, 9).payloadLength(0).build())));
        assertEquals("10.0.0.1.1234 > 10.0.0.2.80: FP 100:119(19,72,58) ack 7 win 65535\n",
                print("TIMESTAMP false", marked(tcp().tcpFlags(0x19).seq(100, 7).build())));
        assertEquals("10.0.0.1.1234 > 10.0.0.2.80: R 4294967295:4294967295(0,54,40) win 65535\n",
                print("TIMESTAMP false", marked(tcp().tcpFlags(0x04).seq(-1, 0).payloadLength(0).build())));
    }

    @Test
    void udpAndOtherProtocols() throws Exception {
        assertEquals("10.0.0.1.1234 > 10.0.0.2.53: udp 26\n",
                print("TIMESTAMP false", marked(FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).build())));
        assertEquals("10.0.0.1 > 10.0.0.2: ip-proto-47\n",
                print("TIMESTAMP false", marked(FrameBuilder.ip(47).build())));
    }

    @Test
    void icmpLines() throws Exception {
        assertEquals("10.0.0.1 > 10.0.0.2: icmp echo (4660, 1)\n",
                print("TIMESTAMP false", marked(FrameBuilder.icmp().build())));
        assertEquals("10.0.0.1 > 10.0.0.2: icmp echo-reply (4660, 1)\n",
                print("TIMESTAMP false", marked(FrameBuilder.icmp().icmp(0, 0).build())));
        assertEquals("10.0.0.1 > 10.0.0.2: icmp echo (13330, 256)\n",
                print("TIMESTAMP false, SWAP false", marked(FrameBuilder.icmp().build())));
        assertEquals("10.0.0.1 > 10.0.0.2: icmp timeexceeded transit\n",
                print("TIMESTAMP false", marked(FrameBuilder.icmp().icmp(11, 0).build())));
        assertEquals("10.0.0.1 > 10.0.0.2: icmp redirect host\n",
                print("TIMESTAMP false", marked(FrameBuilder.icmp().icmp(5, 1).build())));
        assertEquals("10.0.0.1 > 10.0.0.2: icmp type 42 code 3\n",
                print("TIMESTAMP false", marked(FrameBuilder.icmp().icmp(42, 3).build())));
        assertEquals("10.0.0.1 > 10.0.0.2: icmp unreachable host truncated-icmp\n",
                print("TIMESTAMP false", marked(FrameBuilder.icmp().icmp(3, 1).payloadLength(0).build())));
    }

    /** An ICMP unreachable from 10.0.0.254 quoting a UDP packet 10.0.0.1:1234 > 10.0.0.9:53. */
    private static Supplier<Packet> unreachable(int code) {
        byte[] quoted = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.9", 53).build();
        byte[] f = FrameBuilder.icmp().src("10.0.0.254", 0).dst("10.0.0.1", 0).icmp(3, code).payloadLength(28).build();
        System.arraycopy(quoted, 14, f, 14 + 20 + 8, 28);
        return marked(f);
    }

    @Test
    void icmpUnreachableDescribesTheQuotedPacket() throws Exception {
        assertEquals("10.0.0.254 > 10.0.0.1: icmp 10.0.0.9 unreachable port udp/53\n",
                print("TIMESTAMP false", unreachable(3)));
        assertEquals("10.0.0.254 > 10.0.0.1: icmp 10.0.0.9 unreachable protocol udp\n",
                print("TIMESTAMP false", unreachable(2)));
        // FrameBuilder leaves 0x0001 (its echo sequence) where the next-hop MTU goes.
        assertEquals("10.0.0.254 > 10.0.0.1: icmp 10.0.0.9 unreachable needfrag (mtu 1)\n",
                print("TIMESTAMP false", unreachable(4)));
        assertEquals("10.0.0.254 > 10.0.0.1: icmp 10.0.0.9 unreachable net\n",
                print("TIMESTAMP false", unreachable(0)));
        assertEquals("10.0.0.254 > 10.0.0.1: icmp 10.0.0.9 unreachable code 99\n",
                print("TIMESTAMP false", unreachable(99)));
    }

    @Test
    void fragments() throws Exception {
        FrameBuilder udp = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).ipId(77);
        assertEquals("10.0.0.1.1234 > 10.0.0.2.53: udp 26 (frag 77:26@0+)\n",
                print("TIMESTAMP false", marked(udp.fragment(0x2000).build())));
        assertEquals("10.0.0.1 > 10.0.0.2: udp (frag 77:26@24)\n",
                print("TIMESTAMP false", marked(udp.fragment(0x0003).build())));
        assertEquals("10.0.0.1 > 10.0.0.2: icmp (frag 1:26@8+)\n",
                print("TIMESTAMP false", marked(FrameBuilder.icmp().fragment(0x2001).build())));
    }

    @Test
    void truncatedHeaders() throws Exception {
        byte[] tcp = tcp().build();
        assertEquals("truncated-ip\n", print("TIMESTAMP false", marked(Arrays.copyOf(tcp, 14 + 19))));
        assertEquals("10.0.0.1.1234 > 10.0.0.2.80: truncated-tcp\n",
                print("TIMESTAMP false", marked(Arrays.copyOf(tcp, 14 + 20 + 10))));
        assertEquals("10.0.0.1 > 10.0.0.2: truncated-tcp\n",
                print("TIMESTAMP false", marked(Arrays.copyOf(tcp, 14 + 20 + 3))));
        assertEquals("10.0.0.1.1234 > 10.0.0.2.80: . 1:19(18,49,58) ack 0truncated-tcp\n",
                print("TIMESTAMP false", marked(Arrays.copyOf(tcp, 14 + 20 + 15))));
        byte[] udp = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).build();
        assertEquals("10.0.0.1.1234 > 10.0.0.2.53: truncated-udp\n",
                print("TIMESTAMP false", marked(Arrays.copyOf(udp, 14 + 20 + 6))));
        assertEquals("10.0.0.1 > 10.0.0.2: icmp echo truncated-icmp\n",
                print("TIMESTAMP false", marked(Arrays.copyOf(FrameBuilder.icmp().build(), 14 + 20 + 7))));
    }

    @Test
    void withoutNetworkHeaderNothingIsPrintedAsInClick() throws Exception {
        byte[] frame = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).build();
        assertEquals("",
                print("TIMESTAMP false", () -> Harness.packet(Arrays.copyOfRange(frame, 14, frame.length))));
    }

    @Test
    void prefixesInClickOrder() throws Exception {
        byte[] f = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).ttl(9).tos(0x10).ipId(300).build();
        Supplier<Packet> p = () -> {
            Packet x = mark(Harness.packet(f));
            x.setTimestampNanos(1_700_000_000_123_456_789L);
            x.setPaint(3);
            x.setAggregate(7);
            return x;
        };
        assertEquals("in: 1700000000.123456: #7.3: id 300 ttl 9 tos 16 length 46 10.0.0.1.1234 > 10.0.0.2.53: udp 26\n",
                print("in, ID true, TTL true, TOS true, LENGTH true, PAINT true, AGGREGATE true", p));
        Supplier<Packet> q = () -> {
            Packet x = mark(Harness.packet(FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).build()));
            x.setTimestampNanos(5_000_001_000L);
            x.setPaint(200);
            return x;
        };
        assertEquals("5.000001: paint 200: 10.0.0.1.1234 > 10.0.0.2.53: udp 26\n", print("PAINT true", q));
    }

    @Test
    void etherAddresses() throws Exception {
        Supplier<Packet> p = marked(FrameBuilder.udp().srcMac("00:1b:21:3a:4f:5c").dstMac("ff:ff:ff:ff:ff:ff")
                .src("10.0.0.1", 1234).dst("10.0.0.2", 53).build());
        assertEquals("00-1B-21-3A-4F-5C > FF-FF-FF-FF-FF-FF: 10.0.0.1.1234 > 10.0.0.2.53: udp 26\n",
                print("TIMESTAMP false, ETHER true", p));
        // No MAC header annotation: no addresses.
        Supplier<Packet> q = () -> {
            Packet x = Harness.packet(FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).build());
            x.setNetworkHeader(14, 20);
            return x;
        };
        assertEquals("10.0.0.1.1234 > 10.0.0.2.53: udp 26\n", print("TIMESTAMP false, ETHER true", q));
    }

    @Test
    void hexContents() throws Exception {
        byte[] f = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).build();
        String checksum = String.format("%02x%02x", f[24] & 0xFF, f[25] & 0xFF);
        assertEquals("10.0.0.1.1234 > 10.0.0.2.53: udp 26\n"
                        + "  02000000 00020200 00000001 08004500 002e0001 00004011\n"
                        + "  " + checksum + "\n",
                print("TIMESTAMP false, CONTENTS HEX, MAXLENGTH 26", marked(f)));
        assertEquals("10.0.0.1.1234 > 10.0.0.2.53: udp 26\n  02000000\n",
                print("TIMESTAMP false, CONTENTS true, MAXLENGTH 4", marked(f)));
        assertEquals("10.0.0.1.1234 > 10.0.0.2.53: udp 26\n",
                print("TIMESTAMP false, CONTENTS false", marked(f)));
    }

    @Test
    void fullHexDumpWrapsEvery24Bytes() throws Exception {
        byte[] f = FrameBuilder.udp().frameLength(60).build();
        String out = print("TIMESTAMP false, CONTENTS HEX, MAXLENGTH -1", marked(f));
        String[] lines = out.split("\n");
        assertEquals(4, lines.length, out);              // header line, 24 + 24 + 12 bytes
        assertEquals("  " + hex(f, 0, 24), lines[1]);
        assertEquals("  " + hex(f, 24, 24), lines[2]);
        assertEquals("  " + hex(f, 48, 12), lines[3]);
    }

    /** Bytes in groups of four, as IPPrint dumps them. */
    private static String hex(byte[] b, int from, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % 4 == 0) {
                sb.append(' ');
            }
            sb.append(String.format("%02x", b[from + i] & 0xFF));
        }
        return sb.toString();
    }

    @Test
    void payloadSkipsTheHeaders() throws Exception {
        byte[] udp = FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).payloadLength(10).fill('A').build();
        assertEquals("10.0.0.1.1234 > 10.0.0.2.53: udp 18\n  AAAAAAAA AA\n",
                print("TIMESTAMP false, PAYLOAD ASCII", marked(udp)));
        byte[] tcp = tcp().payloadLength(3).fill(0x7F).build();
        assertEquals("10.0.0.1.1234 > 10.0.0.2.80: . 1:4(3,57,43) ack 0 win 65535\n  7f7f7f\n",
                print("TIMESTAMP false, PAYLOAD HEX", marked(tcp)));
        // For ICMP, the "payload" starts at the ICMP header, as in Click.
        byte[] icmp = FrameBuilder.icmp().payloadLength(2).fill(0x31).build();
        assertEquals("10.0.0.1 > 10.0.0.2: icmp echo (4660, 1)\n  " + hex(icmp, 34, 10) + "\n",
                print("TIMESTAMP false, PAYLOAD HEX", marked(icmp)));
    }

    @Test
    void asciiPayloadWrapsEvery48Bytes() throws Exception {
        byte[] f = FrameBuilder.udp().payloadLength(60).fill('z').build();
        String[] lines = print("TIMESTAMP false, PAYLOAD ASCII", marked(f)).split("\n");
        assertEquals(3, lines.length);
        assertEquals("  zzzzzzzz zzzzzzzz zzzzzzzz zzzzzzzz zzzzzzzz zzzzzzzz", lines[1]);
        assertEquals("  zzzzzzzz zzzz", lines[2]);
        String dump = print("TIMESTAMP false, CONTENTS ASCII, MAXLENGTH 16", marked(f));
        assertEquals("  ........ ......E.", dump.split("\n")[1]);
    }

    @Test
    void activeHandler() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Harness h = Harness.element("IPPrint(ACTIVE false, TIMESTAMP false)")) {
            ((IPPrint) h.element()).setOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            h.push(0, marked(FrameBuilder.udp().build()).get());
            assertEquals("false", h.read("active"));
            h.write("active", "true");
            h.push(0, marked(FrameBuilder.udp().build()).get());
            assertEquals(2, h.count(0));
        }
        assertEquals("10.0.0.1.1234 > 10.0.0.2.80: udp 26\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void outfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ipprint.txt");
        try (Harness h = Harness.element("IPPrint(x, TIMESTAMP false, OUTFILE \"" + file + "\")")) {
            h.push(0, marked(FrameBuilder.udp().build()).get());
            h.push(0, marked(FrameBuilder.icmp().build()).get());
        }
        assertEquals(List.of("x: 10.0.0.1.1234 > 10.0.0.2.80: udp 26", "x: 10.0.0.1 > 10.0.0.2: icmp echo (4660, 1)"),
                Files.readAllLines(file));
    }

    @Test
    void configurationErrors() {
        assertEquals(List.of("bad contents value 'BINARY'; should be 'NONE', 'HEX', or 'ASCII'"),
                errors("IPPrint(CONTENTS BINARY)"));
        assertEquals(List.of("bad payload value 'some'; should be 'false', 'hex', or 'ascii'"),
                errors("IPPrint(PAYLOAD some)"));
        assertEquals(List.of("specify at most one of PAYLOAD and CONTENTS"), errors("IPPrint(CONTENTS HEX, PAYLOAD ASCII)"));
        assertEquals(List.of("MAXLENGTH: must be between -1 and 2147483647, got -2"), errors("IPPrint(MAXLENGTH -2)"));
    }
}
