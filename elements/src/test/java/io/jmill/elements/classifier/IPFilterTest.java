package io.jmill.elements.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class IPFilterTest {
    static final String FIREWALL = """
            IPFilter(allow src net 10.0.0.0/8 && dst port 80,
                     deny tcp && syn && dst port 23,
                     1 icmp type echo,
                     deny ip frag && not src net 10.0.0.0/8,
                     allow tcp && dst port 22 && src host 192.168.1.10,
                     deny tcp && dst port 22,
                     allow udp && (dst port 53 || dst port 123),
                     allow tcp && src port 80 && ack,
                     drop ip ttl < 2,
                     allow udp,
                     deny all)""";

    static Packet tcp(String src, int sport, String dst, int dport, int flags) {
        return Frames.annotated(FrameBuilder.tcp().src(src, sport).dst(dst, dport).tcpFlags(flags).build());
    }

    static Packet udp(String src, int sport, String dst, int dport) {
        return Frames.annotated(FrameBuilder.udp().src(src, sport).dst(dst, dport).build());
    }

    @Test
    void firewallSendsEachPacketByTheFirstMatchingRule() throws Exception {
        try (Harness h = Harness.element(FIREWALL, 1, 2)) {
            Packet[] packets = {
                tcp("10.1.1.1", 3000, "93.184.216.34", 80, 0x02),                 // rule 0: allow
                udp("10.1.1.1", 3000, "93.184.216.34", 80),                        // rule 0: port is tcp or udp
                tcp("10.1.1.1", 3000, "93.184.216.34", 23, 0x02),                  // rule 1: deny telnet syn
                tcp("10.1.1.1", 3000, "93.184.216.34", 23, 0x10),                  // telnet ack: ... rule 10
                Frames.annotated(FrameBuilder.icmp().src("8.8.8.8", 0).dst("10.0.0.1", 0).build()), // rule 2
                Frames.annotated(FrameBuilder.icmp().icmp(0, 0).build()),          // echo reply: rule 10
                Frames.annotated(FrameBuilder.udp().src("1.2.3.4", 9).dst("10.0.0.1", 53).fragment(0x2000)
                        .build()),                                                 // rule 3: outside fragment
                Frames.annotated(FrameBuilder.udp().src("10.0.0.9", 9).dst("1.2.3.4", 53).fragment(0x0010)
                        .build()),                                                 // inside later fragment: rule 9
                tcp("192.168.1.10", 5000, "10.0.0.1", 22, 0x02),                   // rule 4: admin ssh
                tcp("192.168.1.11", 5000, "10.0.0.1", 22, 0x02),                   // rule 5: other ssh
                udp("192.168.1.11", 5000, "10.0.0.1", 53),                         // rule 6: dns
                udp("192.168.1.11", 5000, "10.0.0.1", 123),                        // rule 6: ntp
                tcp("93.184.216.34", 80, "192.168.1.11", 5000, 0x12),              // rule 7: web reply
                tcp("93.184.216.34", 80, "192.168.1.11", 5000, 0x02),              // syn from port 80: rule 10
                Frames.annotated(FrameBuilder.udp().src("5.5.5.5", 1).dst("6.6.6.6", 2).ttl(1).build()), // rule 8
                udp("5.5.5.5", 1, "6.6.6.6", 2),                                   // rule 9: allow udp
                Frames.annotated(FrameBuilder.ip(47).build()),                     // rule 10: deny all
            };
            int[] expectedPorts = {0, 0, -1, -1, 1, -1, -1, 0, 0, -1, 0, 0, 0, -1, -1, 0, -1};
            for (int i = 0; i < packets.length; i++) {
                int c0 = h.count(0);
                int c1 = h.count(1);
                h.push(0, packets[i]);
                int got = h.count(0) > c0 ? 0 : h.count(1) > c1 ? 1 : -1;
                assertEquals(expectedPorts[i], got, "packet " + i);
            }
            assertEquals("""
                    0 2
                    1 1
                    2 1
                    3 1
                    4 1
                    5 1
                    6 2
                    7 1
                    8 1
                    9 2
                    10 4
                    nomatch 0
                    """, h.read("hits"));
            assertEquals("8", h.read("drops"));
        }
    }

    @Test
    void actionsAllowDropDenyAndOutputNumbers() throws Exception {
        try (Harness h = Harness.element("IPFilter(drop udp, 2 tcp, allow icmp, 1 ip proto 47)", 1, 3)) {
            int[] ports = IPClassifierTest.classify(h, 3, udp("1.1.1.1", 1, "2.2.2.2", 2),
                    tcp("1.1.1.1", 1, "2.2.2.2", 2, 0x10), Frames.annotated(FrameBuilder.icmp().build()),
                    Frames.annotated(FrameBuilder.ip(47).build()), Frames.annotated(FrameBuilder.ip(50).build()));
            assertArrayEquals(new int[] {-1, 2, 0, 1, -1}, ports);
            assertEquals("0 1\n1 1\n2 1\n3 1\nnomatch 1\n", h.read("hits"));
            assertEquals("2", h.read("drops"));
        }
        try (Harness h = Harness.element("IPFilter(allow)", 1, 1)) {
            assertArrayEquals(new int[] {0, 0}, IPClassifierTest.classify(h, 1, udp("1.1.1.1", 1, "2.2.2.2", 2),
                    Frames.annotated(FrameBuilder.ip(99).build())));
            assertEquals("all->[0]\nsafe length 0\nalignment offset 0\n", h.read("program"));
        }
        try (Harness h = Harness.element("IPFilter(deny tcp, allow any)", 1, 1)) {
            assertArrayEquals(new int[] {-1, 0}, IPClassifierTest.classify(h, 1, tcp("1.1.1.1", 1, "2.2.2.2", 2, 0),
                    udp("1.1.1.1", 1, "2.2.2.2", 2)));
            assertEquals(" 0 264/00060000%00ff0000  yes->[X]  no->[0]\nsafe length 266\nalignment offset 0\n",
                    h.read("program"));
        }
    }

    @Test
    void portRangesMatchInclusiveBoundsEitherWayOrInOneDirection() throws Exception {
        try (Harness h = Harness.element("IPFilter(0 tcp dst port 1000-2000, 1 port 5000-5001, deny all)", 1, 2)) {
            int[] ports = IPClassifierTest.classify(h, 2,
                    tcp("10.0.0.1", 3000, "10.0.0.2", 1000, 0x10),   // dst at the low bound
                    tcp("10.0.0.1", 3000, "10.0.0.2", 2000, 0x10),   // dst at the high bound
                    tcp("10.0.0.1", 3000, "10.0.0.2", 2001, 0x10),   // just above: no rule
                    udp("10.0.0.1", 3000, "10.0.0.2", 1500),         // udp: not rule 0
                    udp("10.0.0.1", 5001, "10.0.0.2", 9),            // either port: the source matches
                    tcp("10.0.0.1", 1500, "10.0.0.2", 80, 0x10));    // rule 0 is dst only
            assertArrayEquals(new int[] {0, 0, -1, -1, 1, -1}, ports);
        }
    }

    /** A random frame over the firewall's vocabulary: its protocols, hosts, ports, flags, TTLs and fragments. */
    static byte[] firewallTraffic(Random r) {
        String[] hosts = {"10.1.1.1", "10.0.0.9", "192.168.1.10", "192.168.1.11", "93.184.216.34", "8.8.8.8"};
        int[] ports = {80, 23, 22, 53, 123, 5000};
        FrameBuilder b = switch (r.nextInt(5)) {
            case 0, 1 -> FrameBuilder.tcp().tcpFlags(r.nextInt(64));
            case 2 -> FrameBuilder.udp();
            case 3 -> FrameBuilder.icmp().icmp(r.nextBoolean() ? 8 : r.nextInt(4), 0);
            default -> FrameBuilder.ip(47);
        };
        b.src(hosts[r.nextInt(hosts.length)], ports[r.nextInt(ports.length)])
                .dst(hosts[r.nextInt(hosts.length)], ports[r.nextInt(ports.length)]);
        if (r.nextInt(4) == 0) {
            b.ttl(r.nextInt(3));
        }
        if (r.nextInt(4) == 0) {
            b.fragment(new int[] {0x2000, 0x0010, 0x4000, 0x2010}[r.nextInt(4)]);
        }
        return b.build();
    }

    @Test
    void firewallProgramIsSmallAndAgreesWithTheUnoptimizedOne() throws Exception {
        // the firewall's rules as IPFilter reads them, compiled without the path optimization
        String text = FIREWALL.substring(FIREWALL.indexOf('(') + 1, FIREWALL.lastIndexOf(')'));
        List<Expr> rules = new ArrayList<>();
        for (String rule : text.split(",")) {
            List<String> words = IPExpression.tokenize(rule.strip());
            rules.add(words.size() == 1 ? Expr.TRUE : IPExpression.parse(words, 1));
        }
        Program plain = ProgramCompiler.compile(rules, false);
        try (Harness h = Harness.element(FIREWALL, 1, 2)) {
            Program optimized = ((IPFilter) h.element()).program();
            assertEquals(11, optimized.nrules());
            assertEquals(optimized.size() + 2, h.read("program").lines().count(), h.read("program")); // + safe length, alignment
            // 11 rules, about 30 primitive tests; path knowledge shares and skips most of them.
            assertTrue(optimized.size() < 45, h.read("program"));
            assertTrue(optimized.size() < plain.size(), "optimized " + optimized.size() + " steps, unoptimized "
                    + plain.size() + ": the optimization shares nothing");
            Matcher compiled = ProgramCodegen.compile(optimized);
            Random r = new Random(16);
            int[] hits = new int[rules.size() + 1];
            for (int i = 0; i < 20_000; i++) {
                byte[] frame = firewallTraffic(r);
                Packet p = Frames.annotated(frame);
                try {
                    int want = plain.match(p);
                    assertEquals(want, optimized.match(p), () -> "packet " + java.util.HexFormat.of().formatHex(frame));
                    assertEquals(want, compiled.match(p), () -> "packet " + java.util.HexFormat.of().formatHex(frame) + " (compiled to code)");
                    hits[want]++;
                } finally {
                    p.kill();
                }
            }
            for (int rule = 0; rule < rules.size(); rule++) {
                assertTrue(hits[rule] > 0, "no packet matched rule " + rule + ": the comparison missed part of the"
                        + " program; hits " + java.util.Arrays.toString(hits));
            }
        }
    }

    static List<String> errors(String decl, int nout) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl, 1, nout).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }

    @Test
    void badRules() {
        assertEquals(List.of("pattern 1: unknown action 'accept' (expected allow, deny, drop or an output number)"),
                errors("IPFilter(allow tcp, accept udp)", 1));
        assertEquals(List.of("pattern 0: output 2 out of range (element has 2 outputs)"),
                errors("IPFilter(2 tcp, deny all)", 2));
        assertEquals(List.of("pattern 0: expected port number or name after 'port', got end of pattern",
                        "pattern 2: unknown word 'blah'"),
                errors("IPFilter(allow dst port, deny udp, allow blah)", 1));
        assertEquals(List.of("pattern 0: 'allow' is meaningless, element has zero outputs"),
                errors("IPFilter(allow tcp)", 0));
        assertEquals(List.of("pattern 0: empty rule"), errors("IPFilter(\"\")", 1));
    }
}
