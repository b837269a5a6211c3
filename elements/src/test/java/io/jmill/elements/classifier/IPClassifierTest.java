package io.jmill.elements.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;

import java.util.List;

import org.junit.jupiter.api.Test;

class IPClassifierTest {
    /** Pushes each packet and returns the output port it came out of (-1: dropped). */
    static int[] classify(Harness h, int noutputs, Packet... packets) {
        int[] ports = new int[packets.length];
        for (int i = 0; i < packets.length; i++) {
            int[] before = new int[noutputs];
            for (int k = 0; k < noutputs; k++) {
                before[k] = h.count(k);
            }
            h.push(0, packets[i]);
            ports[i] = -1;
            for (int k = 0; k < noutputs; k++) {
                if (h.count(k) > before[k]) {
                    ports[i] = k;
                }
            }
        }
        return ports;
    }

    static Packet tcp(String src, int sport, String dst, int dport, int flags) {
        return Frames.annotated(FrameBuilder.tcp().src(src, sport).dst(dst, dport).tcpFlags(flags).build());
    }

    @Test
    void clickManualExampleBySynFinAndNet() throws Exception {
        try (Harness h = Harness.element(
                "IPClassifier(10.0.0.0/24 and syn, 10.0.0.0/24 and fin ack, 10.0.0.0/24 and tcp, -)", 1, 4)) {
            int[] ports = classify(h, 4,
                    tcp("10.0.0.1", 1000, "1.1.1.1", 80, 0x02),
                    tcp("1.1.1.1", 80, "10.0.0.9", 1000, 0x12),   // SYN+ACK to the net: syn matches first
                    tcp("10.0.0.1", 1000, "1.1.1.1", 80, 0x11),
                    tcp("10.0.0.1", 1000, "1.1.1.1", 80, 0x01),   // FIN without ACK
                    tcp("10.0.1.1", 1000, "1.1.1.1", 80, 0x02),   // another net
                    Frames.annotated(FrameBuilder.udp().src("10.0.0.1", 53).dst("10.0.0.2", 53).build()));
            assertArrayEquals(new int[] {0, 0, 1, 2, 3, 3}, ports);
        }
    }

    @Test
    void clickManualExampleWithPortRelations() throws Exception {
        try (Harness h = Harness.element("IPClassifier(dst tcp port 8000 or 8080, dst tcp port > 1023, tcp)", 1, 3)) {
            int[] ports = classify(h, 3,
                    tcp("1.1.1.1", 5, "2.2.2.2", 8080, 0x10),
                    tcp("1.1.1.1", 5, "2.2.2.2", 8000, 0x10),
                    tcp("1.1.1.1", 5, "2.2.2.2", 1024, 0x10),
                    tcp("1.1.1.1", 5, "2.2.2.2", 1023, 0x10),
                    Frames.annotated(FrameBuilder.udp().ports(5, 8080).build()));
            assertArrayEquals(new int[] {0, 0, 1, 2, -1}, ports);
            assertEquals("1", h.read("drops"));
            assertEquals("0 2\n1 1\n2 1\nnomatch 1\n", h.read("hits"));
        }
    }

    @Test
    void fragmentsOnlyMatchTransportTestsOnTheFirstOne() throws Exception {
        try (Harness h = Harness.element("IPClassifier(udp port 53, ip frag, -)", 1, 3)) {
            byte[] whole = FrameBuilder.udp().ports(1000, 53).build();
            byte[] first = FrameBuilder.udp().ports(1000, 53).fragment(0x2000).build();
            byte[] later = FrameBuilder.udp().ports(1000, 53).fragment(0x0010).build();
            byte[] lastLater = FrameBuilder.udp().ports(1000, 53).fragment(0x00B9).build();
            byte[] dontFragment = FrameBuilder.udp().ports(1000, 53).fragment(0x4000).build();
            int[] ports = classify(h, 3, Frames.annotated(whole), Frames.annotated(first), Frames.annotated(later),
                    Frames.annotated(lastLater), Frames.annotated(dontFragment));
            assertArrayEquals(new int[] {0, 0, 1, 1, 0}, ports);
        }
    }

    @Test
    void ipOptionsMoveTheTransportHeader() throws Exception {
        try (Harness h = Harness.element("IPClassifier(dst port 22, ip hl > 5, -)", 1, 3)) {
            byte[] plain = FrameBuilder.tcp().ports(1000, 22).build();
            byte[] withOptions = FrameBuilder.tcp().ports(1000, 22).ipOptions(new byte[] {1, 1, 1, 1, 1, 1, 1, 0})
                    .build();
            byte[] optionsOtherPort = FrameBuilder.tcp().ports(22, 1000).ipOptions(new byte[] {1, 1, 1, 0}).build();
            int[] ports = classify(h, 3, Frames.annotated(plain), Frames.annotated(withOptions),
                    Frames.annotated(optionsOtherPort), Frames.bareIp(withOptions, 14));
            assertArrayEquals(new int[] {0, 0, 1, 0}, ports);
        }
    }

    @Test
    void vlanFramesUseTheNetworkHeaderAnnotation() throws Exception {
        try (Harness h = Harness.element("IPClassifier(src host 10.0.0.1 && dst port 80, -)", 1, 2)) {
            byte[] vlan = FrameBuilder.tcp().vlan(0x2005).src("10.0.0.1", 9).dst("10.0.0.2", 80).build();
            int[] ports = classify(h, 2, Frames.annotated(vlan, 18), Frames.annotated(vlan, 14));
            // Annotated at 14, the VLAN frame's "IP header" is shifted by 4 bytes and does not match.
            assertArrayEquals(new int[] {0, 1}, ports);
        }
    }

    @Test
    void truncatedHeadersFailTheirTestsWithoutReadingPastTheEnd() throws Exception {
        try (Harness h = Harness.element(
                "IPClassifier(tcp opt syn, src port 7, not dst port 80, dst port != 80, -)", 1, 5)) {
            byte[] f = FrameBuilder.tcp().ports(7, 80).tcpFlags(0x02).build();
            Packet full = Frames.annotated(f);
            Packet noFlags = Frames.annotated(Frames.truncate(f, 14 + 20 + 13));
            Packet srcPortOnly = Frames.annotated(Frames.truncate(f, 14 + 20 + 2));
            Packet oneByte = Frames.annotated(Frames.truncate(f, 14 + 20 + 1));
            Packet ipOnly = Frames.annotated(Frames.truncate(f, 14 + 20));
            int[] ports = classify(h, 5, full, noFlags, srcPortOnly, oneByte, ipOnly);
            // noFlags still has both ports: "src port 7" matches. Without the ports, "not dst port 80"
            // is true (its test is false) while "dst port != 80" is false.
            assertArrayEquals(new int[] {0, 1, 1, 2, 2}, ports);
        }
        try (Harness h = Harness.element("IPClassifier(src host 10.0.0.1, -)", 1, 2)) {
            byte[] f = FrameBuilder.udp().src("10.0.0.1", 1).build();
            assertArrayEquals(new int[] {1, 0}, classify(h, 2, Frames.annotated(Frames.truncate(f, 14 + 15)),
                    Frames.annotated(Frames.truncate(f, 14 + 16))));
        }
    }

    @Test
    void icmpTypesAndProtocols() throws Exception {
        try (Harness h = Harness.element(
                "IPClassifier(icmp type echo, icmp type echo-reply, icmp, ip proto 47, tcp or udp)", 1, 5)) {
            int[] ports = classify(h, 5,
                    Frames.annotated(FrameBuilder.icmp().build()),
                    Frames.annotated(FrameBuilder.icmp().icmp(0, 0).build()),
                    Frames.annotated(FrameBuilder.icmp().icmp(3, 1).build()),
                    Frames.annotated(FrameBuilder.ip(47).build()),
                    Frames.annotated(FrameBuilder.udp().build()),
                    Frames.annotated(FrameBuilder.ip(50).build()));
            assertArrayEquals(new int[] {0, 1, 2, 3, 4, -1}, ports);
        }
    }

    @Test
    void programHandlerAndPatternHandlers() throws Exception {
        try (Harness h = Harness.element("IPClassifier(tcp, udp, icmp, -)", 1, 4)) {
            assertEquals("""
                     0 264/00060000%00ff0000  yes->[0]  no->step 1
                     1 264/00110000%00ff0000  yes->[1]  no->step 2
                     2 264/00010000%00ff0000  yes->[2]  no->[3]
                    safe length 266
                    alignment offset 0
                    """, h.read("program"));
            assertEquals("udp", h.read("pattern1"));
            assertEquals("-", h.read("pattern3"));
        }
        try (Harness h = Harness.element("IPClassifier(dst tcp port > 1023 and ip ttl < 10)", 1, 1)) {
            assertEquals("""
                     0 264/00060000%00ff0000  yes->step 1  no->[X]
                     1 260/00000000%00001fff  yes->step 2  no->[X]
                     2 512/00000400-0000ffff%0000ffff  yes->step 3  no->[X]
                     3 264/00000000-09000000%ff000000  yes->[0]  no->[X]
                    safe length 516
                    alignment offset 0
                    """, h.read("program"));
        }
        try (Harness h = Harness.element("IPClassifier(not dst port 80, -)", 1, 2)) {
            assertEquals("""
                     0 264/00060000%00ff0000  yes->step 2  no->step 1
                     1 264/00110000%00ff0000  yes->step 2  no->[0]
                     2 260/00000000%00001fff  yes->step 3  no->[0]
                     3 512/00000050%0000ffff  yes->[1]  no->[0]
                    safe length 516
                    alignment offset 0
                    """, h.read("program"));
        }
        try (Harness h = Harness.element("IPClassifier(\"all\")", 1, 1)) {
            assertEquals("all->[0]\nsafe length 0\nalignment offset 0\n", h.read("program"));
        }
    }

    @Test
    void optimizerSkipsTestsThatAreAlreadyDecided() throws Exception {
        // "tcp" known true on a path decides "udp" false; "dst port 80" once tested is not tested again.
        try (Harness h = Harness.element("IPClassifier(tcp dst port 80, udp dst port 80, tcp, dst port 80, -)", 1, 5)) {
            assertEquals("""
                     0 264/00060000%00ff0000  yes->step 1  no->step 3
                     1 260/00000000%00001fff  yes->step 2  no->[2]
                     2 512/00000050%0000ffff  yes->[0]  no->[2]
                     3 264/00110000%00ff0000  yes->step 4  no->[4]
                     4 260/00000000%00001fff  yes->step 5  no->[4]
                     5 512/00000050%0000ffff  yes->[1]  no->[4]
                    safe length 516
                    alignment offset 0
                    """, h.read("program"));
            int[] ports = classify(h, 5, tcp("1.1.1.1", 1, "2.2.2.2", 80, 0x10),
                    Frames.annotated(FrameBuilder.udp().ports(1, 80).build()),
                    tcp("1.1.1.1", 1, "2.2.2.2", 81, 0x10),
                    Frames.annotated(FrameBuilder.udp().ports(1, 81).build()));
            assertArrayEquals(new int[] {0, 1, 2, 4}, ports);
        }
    }

    @Test
    void manyPacketsNoLeaks() throws Exception {
        try (Harness h = Harness.element("IPClassifier(tcp, udp)", 1, 2)) {
            for (int i = 0; i < 2000; i++) {
                h.push(0, i % 4 == 0 ? Frames.annotated(FrameBuilder.icmp().build())
                        : Frames.annotated(FrameBuilder.udp().build()));
                if (i % 200 == 199) {
                    h.clearOutputs();
                }
            }
            assertEquals("0 0\n1 1500\nnomatch 500\n", h.read("hits"));
            assertEquals("500", h.read("drops"));
        }
    }

    static List<String> errors(String decl, int nout) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl, 1, nout).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }

    static String error(String pattern) {
        List<String> errs = errors("IPClassifier(" + pattern + ")", 1);
        assertEquals(1, errs.size(), errs.toString());
        return errs.getFirst();
    }

    @Test
    void badExpressionsNameThePatternAndTheProblem() {
        assertEquals(List.of("pattern 3: expected IP address after 'host', got 'tcp'"),
                errors("IPClassifier(tcp, udp, icmp, host tcp, -)", 5));
        assertEquals("pattern 0: expected IP address after 'host', got end of pattern", error("src host"));
        assertEquals("pattern 0: expected IP address after 'host', got '80'", error("host 80"));
        assertEquals("pattern 0: expected port number or name after 'port', got '10.0.0.1'", error("port 10.0.0.1"));
        assertEquals("pattern 0: bad port range '2000-1000'", error("port 2000-1000"));
        assertEquals("pattern 0: expected network address (ADDR/LEN or ADDR mask MASK) after 'net', got '10.0.0.0/33'",
                error("net 10.0.0.0/33"));
        assertEquals("pattern 0: expected value after 'ip ttl', got end of pattern", error("ip ttl >"));
        assertEquals("pattern 0: expected ICMP type name or number after 'icmp type', got 'foo'",
                error("icmp type foo"));
        assertEquals("pattern 0: 'echo' is ambiguous; try 'port echo' or 'icmp type echo'", error("echo"));
        assertEquals("pattern 0: 'udp syn' is meaningless; try 'tcp opt syn'", error("udp syn"));
        assertEquals("pattern 0: unknown word 'foo'", error("foo"));
        assertEquals("pattern 0: unknown word 'bogus'", error("tcp and bogus"));
        assertEquals("pattern 0: garbage after expression at ')'", error("\"tcp)\""));
        assertEquals("pattern 0: missing ')'", error("\"(tcp or udp\""));
        assertEquals("pattern 0: missing expression after '('", error("()"));
        assertEquals("pattern 0: missing expression after 'not'", error("tcp and not"));
        assertEquals("pattern 0: missing expression after 'and'", error("tcp and"));
        assertEquals("pattern 0: missing expression before 'or'", error("or udp"));
        assertEquals("pattern 0: missing ':' in ternary expression", error("tcp ? udp"));
        assertEquals("pattern 0: 'ip ttl': value 300 out of range, bound 255", error("ip ttl 300"));
        assertEquals("pattern 0: 'ip vers': mask out of range, bound 0xF", error("ip vers & 0x10 = 0"));
        assertEquals("pattern 0: 'host': operator not supported (only == and !=)", error("host > 10.0.0.1"));
        assertEquals("pattern 0: 'tcp opt': operator or mask not supported", error("tcp opt != syn"));
        assertEquals("pattern 0: '80': specify a header field or 'port' before a bare number", error("80"));
        assertEquals("pattern 0: type specified twice at 'port'", error("host port 80"));
        assertEquals("pattern 0: transport protocol specified twice at 'udp'", error("tcp udp port 80"));
        assertEquals("pattern 0: 'src' or 'dst' specified twice at 'dst'", error("src dst host 10.0.0.1"));
        assertEquals("pattern 0: 'port': bad protocol icmp (ports need tcp, udp or dccp)", error("icmp port 80"));
        assertEquals("pattern 0: LEN in '[POS:LEN]' out of range, should be between 1 and 4", error("ip[0:5] = 0"));
        assertEquals("pattern 0: syntax error after '[', expected '[POS]' or '[POS:LEN]'", error("ip[x] = 0"));
        assertEquals("pattern 0: missing ']'", error("ip[9 = 6"));
        assertEquals("pattern 0: zero mask '& 0'", error("ip ttl & 0 = 0"));
        assertEquals("pattern 0: incomplete primitive 'src'", error("src"));
        assertEquals("pattern 0: dangling operator near 'foo'", error("!= foo"));
        assertEquals("pattern 0: 'proto': ip only (with 'ether' only 'host' is allowed)", error("ether proto 6"));
        assertEquals("pattern 0: expected Ethernet address after 'host', got '10.0.0.1'", error("ether host 10.0.0.1"));
        assertEquals("pattern 0: empty pattern", error("\"\""));
    }

    @Test
    void errorsOfSeveralPatternsAreAllReported() throws Exception {
        ConfigException e = assertThrows(ConfigException.class,
                () -> Harness.element("IPClassifier(tcp, host, udp port 99999, -)", 1, 4).close());
        assertEquals(List.of(
                "<harness>:1:1: e: pattern 1: expected IP address after 'host', got end of pattern",
                "<harness>:1:1: e: pattern 2: 'port': value 99999 out of range, bound 65535"),
                e.errors().stream().map(ConfigError::toString).toList());
        assertEquals(List.of("need 2 arguments, one per output port (got 1)"), errors("IPClassifier(tcp)", 2));
    }
}
