package io.jmill.elements.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * About 80 IPClassifier expressions against a fixed set of packets. The expected result of each
 * comes from a predicate written by hand over the packet bytes ({@link View}), independent of the
 * parser and compiler. A primitive whose bytes are missing is false (its {@code not} is true), and
 * port/flag/ICMP/transport tests need the protocol and a first fragment, as in Click.
 */
class IPExpressionTableTest {

    /** A frame and where its IP header starts. */
    record Sample(String name, byte[] frame, int l3) {
    }

    /** Independent reading of a sample's bytes: -1 for anything beyond the end. */
    static final class View {
        final byte[] b;
        final int l3;

        View(Sample s) {
            b = s.frame;
            l3 = s.l3;
        }

        int u8(int o) {
            return o >= 0 && o < b.length ? b[o] & 0xFF : -1;
        }

        int u16(int o) {
            return o >= 0 && o + 2 <= b.length ? ((b[o] & 0xFF) << 8) | (b[o + 1] & 0xFF) : -1;
        }

        long u32(int o) {
            return o >= 0 && o + 4 <= b.length ? ((long) u16(o) << 16) | u16(o + 2) : -1;
        }

        long mac6(int o) {
            return ((long) u16(o) << 32) | u32(o + 2);
        }

        int ihl() {
            return b[l3] & 0xF;
        }

        int t() {
            return l3 + 4 * ihl();
        }

        int proto() {
            return u8(l3 + 9);
        }

        int tos() {
            return u8(l3 + 1);
        }

        int ttl() {
            return u8(l3 + 8);
        }

        int totalLength() {
            return u16(l3 + 2);
        }

        int id() {
            return u16(l3 + 4);
        }

        int fragField() {
            return u16(l3 + 6);
        }

        long src() {
            return u32(l3 + 12);
        }

        long dst() {
            return u32(l3 + 16);
        }

        boolean tcp() {
            return proto() == 6;
        }

        boolean udp() {
            return proto() == 17;
        }

        boolean icmp() {
            return proto() == 1;
        }

        boolean tu() {
            return tcp() || udp();
        }

        boolean ff() {
            return (fragField() & 0x1FFF) == 0;
        }

        boolean isFragment() {
            return (fragField() & 0x3FFF) != 0;
        }

        int sport() {
            return u16(t());
        }

        int dport() {
            return u16(t() + 2);
        }

        int flags() {
            return u8(t() + 13);
        }

        int win() {
            return u16(t() + 14);
        }

        int icmpType() {
            return u8(t());
        }

        boolean tuff() {
            return tu() && ff();
        }

        boolean port(int p) {
            return tuff() && (sport() == p || dport() == p);
        }

        boolean sport(int p) {
            return tuff() && sport() == p;
        }

        boolean dport(int p) {
            return tuff() && dport() == p;
        }

        boolean flag(int f) {
            return tcp() && ff() && flags() >= 0 && (flags() & f) != 0;
        }

        boolean host(String a) {
            return src() == ip(a) || dst() == ip(a);
        }

        boolean inNet(long addr, String net, int len) {
            long mask = (0xFFFFFFFFL << (32 - len)) & 0xFFFFFFFFL;
            return addr >= 0 && (addr & mask) == ip(net);
        }
    }

    record Row(String expr, Predicate<View> expected) {
    }

    static long ip(String s) {
        String[] p = s.split("\\.");
        long v = 0;
        for (String x : p) {
            v = (v << 8) | Integer.parseInt(x);
        }
        return v;
    }

    static final int SYN = 0x02;
    static final int FIN = 0x01;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int URG = 0x20;

    static List<Sample> samples() {
        List<Sample> s = new ArrayList<>();
        s.add(new Sample("udp dns", FrameBuilder.udp().src("10.0.0.1", 1234).dst("10.0.0.2", 53).build(), 14));
        s.add(new Sample("tcp syn", FrameBuilder.tcp().src("10.0.0.1", 40000).dst("192.168.1.5", 80)
                .tcpFlags(SYN).build(), 14));
        s.add(new Sample("tcp ack reply", FrameBuilder.tcp().src("192.168.1.5", 80).dst("10.0.0.1", 40000)
                .tcpFlags(ACK).ttl(128).build(), 14));
        s.add(new Sample("tcp fin ack telnet", FrameBuilder.tcp().src("172.16.0.9", 23).dst("10.1.2.3", 2323)
                .tcpFlags(FIN | ACK).build(), 14));
        s.add(new Sample("icmp echo", FrameBuilder.icmp().src("10.0.0.1", 0).dst("8.8.8.8", 0).build(), 14));
        s.add(new Sample("icmp echo reply", FrameBuilder.icmp().src("8.8.8.8", 0).dst("10.0.0.1", 0).icmp(0, 0)
                .ttl(200).build(), 14));
        s.add(new Sample("udp first fragment", FrameBuilder.udp().src("10.0.0.5", 5000).dst("10.0.0.6", 80)
                .fragment(0x2000).build(), 14));
        s.add(new Sample("udp later fragment", FrameBuilder.udp().src("10.0.0.5", 5000).dst("10.0.0.6", 80)
                .fragment(0x0010).build(), 14));
        s.add(new Sample("tcp with ip options", FrameBuilder.tcp().src("10.9.9.9", 22).dst("10.0.0.1", 5555)
                .ipOptions(new byte[] {1, 1, 1, 1}).ttl(1).tos(0x10).tcpFlags(PSH | ACK).build(), 14));
        s.add(new Sample("vlan tcp", FrameBuilder.tcp().vlan(5).src("10.0.0.1", 80).dst("10.0.0.2", 8080)
                .tcpFlags(ACK).build(), 18));
        s.add(new Sample("truncated tcp", Frames.truncate(FrameBuilder.tcp().src("10.0.0.1", 80)
                .dst("10.0.0.2", 80).tcpFlags(SYN).build(), 36), 14));
        s.add(new Sample("gre", FrameBuilder.ip(47).src("1.2.3.4", 0).dst("5.6.7.8", 0).tos(0xB8).ttl(200)
                .ipId(0x1234).build(), 14));
        s.add(new Sample("udp df", FrameBuilder.udp().src("10.0.0.2", 5353).dst("10.0.0.1", 53).fragment(0x4000)
                .build(), 14));
        s.add(new Sample("tcp rst psh urg", FrameBuilder.tcp().src("10.0.0.2", 1024).dst("10.0.0.1", 1023)
                .tcpFlags(RST | PSH | URG).ttl(64).build(), 14));
        s.add(new Sample("dhcp", FrameBuilder.udp().src("0.0.0.0", 68).dst("255.255.255.255", 67)
                .srcMac("02:00:00:00:00:99").build(), 14));
        s.add(new Sample("tcp ecn ce", FrameBuilder.tcp().src("10.0.0.3", 3333).dst("10.0.0.4", 80).tos(0x03)
                .tcpFlags(ACK).build(), 14));
        s.add(new Sample("tcp ect", FrameBuilder.tcp().src("10.0.0.4", 80).dst("10.0.0.3", 3333).tos(0x02)
                .tcpFlags(SYN | ACK).build(), 14));
        s.add(new Sample("udp no transport", Frames.truncate(FrameBuilder.udp().src("10.0.0.1", 80)
                .dst("10.0.0.2", 80).build(), 34), 14));
        s.add(new Sample("big udp", FrameBuilder.udp().src("10.0.0.7", 161).dst("10.0.0.8", 162).payloadLength(100)
                .build(), 14));
        return s;
    }

    static List<Row> rows() {
        List<Row> r = new ArrayList<>();
        r.add(new Row("tcp", View::tcp));
        r.add(new Row("udp", View::udp));
        r.add(new Row("icmp", View::icmp));
        r.add(new Row("ip proto 47", v -> v.proto() == 47));
        r.add(new Row("ip proto != tcp", v -> v.proto() != 6));
        r.add(new Row("tcp or udp", View::tu));
        r.add(new Row("not tcp", v -> !v.tcp()));
        r.add(new Row("!udp", v -> !v.udp()));
        r.add(new Row("tcp or 17", v -> v.tcp() || v.udp()));
        r.add(new Row("host 10.0.0.1", v -> v.host("10.0.0.1")));
        r.add(new Row("src host 10.0.0.1", v -> v.src() == ip("10.0.0.1")));
        r.add(new Row("dst host 10.0.0.1", v -> v.dst() == ip("10.0.0.1")));
        r.add(new Row("src and dst host 10.0.0.1", v -> v.src() == ip("10.0.0.1") && v.dst() == ip("10.0.0.1")));
        r.add(new Row("src or dst host 10.0.0.2", v -> v.host("10.0.0.2")));
        r.add(new Row("src host 10.0.0.1 or 10.0.0.2", v -> v.src() == ip("10.0.0.1") || v.src() == ip("10.0.0.2")));
        r.add(new Row("host 10.0.0.1 and not 10.0.0.2", v -> v.host("10.0.0.1") && !v.host("10.0.0.2")));
        r.add(new Row("src host != 10.0.0.1", v -> v.src() != ip("10.0.0.1")));
        r.add(new Row("src 10.0.0.1 and dst 10.0.0.2", v -> v.src() == ip("10.0.0.1") && v.dst() == ip("10.0.0.2")));
        r.add(new Row("net 10.0.0.0/8", v -> v.inNet(v.src(), "10.0.0.0", 8) || v.inNet(v.dst(), "10.0.0.0", 8)));
        r.add(new Row("src net 10.0.0.0/8", v -> v.inNet(v.src(), "10.0.0.0", 8)));
        r.add(new Row("dst net 192.168.0.0/16", v -> v.inNet(v.dst(), "192.168.0.0", 16)));
        r.add(new Row("10.0.0.0/24", v -> v.inNet(v.src(), "10.0.0.0", 24) || v.inNet(v.dst(), "10.0.0.0", 24)));
        r.add(new Row("dst net 10.0.0.0 mask 255.0.0.0", v -> v.inNet(v.dst(), "10.0.0.0", 8)));
        r.add(new Row("port 80", v -> v.port(80)));
        r.add(new Row("port www", v -> v.port(80)));
        r.add(new Row("src port 80", v -> v.sport(80)));
        r.add(new Row("dst port 80", v -> v.dport(80)));
        r.add(new Row("tcp port 80", v -> v.tcp() && v.port(80)));
        r.add(new Row("udp port 80", v -> v.udp() && v.port(80)));
        r.add(new Row("dst port 80 or 53", v -> v.dport(80) || v.dport(53)));
        r.add(new Row("src port 1234 or 5000 and udp", v -> v.sport(1234) || v.sport(5000) && v.udp()));
        r.add(new Row("dst port > 1023", v -> v.tuff() && v.dport() > 1023));
        r.add(new Row("src port < 1024", v -> v.tuff() && v.sport() >= 0 && v.sport() < 1024));
        r.add(new Row("port >= 1024", v -> v.tuff() && (v.sport() >= 1024 || v.dport() >= 1024)));
        r.add(new Row("port <= 1023", v -> v.tuff() && v.sport() >= 0 && v.sport() <= 1023
                && v.dport() >= 0 && v.dport() <= 1023));
        r.add(new Row("port != 80", v -> v.tuff() && v.sport() >= 0 && v.sport() != 80
                && v.dport() >= 0 && v.dport() != 80));
        r.add(new Row("not port 80", v -> !v.port(80)));
        r.add(new Row("dst tcp port != 80", v -> v.tcp() && v.ff() && v.dport() >= 0 && v.dport() != 80));
        r.add(new Row("udp[2:2] = 53", v -> v.udp() && v.dport(53)));
        r.add(new Row("transp[0:2] = 80", v -> v.ff() && v.sport() == 80));
        r.add(new Row("syn", v -> v.flag(SYN)));
        r.add(new Row("tcp syn", v -> v.flag(SYN)));
        r.add(new Row("tcp opt ack", v -> v.flag(ACK)));
        r.add(new Row("syn and not ack", v -> v.flag(SYN) && !v.flag(ACK)));
        r.add(new Row("fin ack", v -> v.flag(FIN) && v.flag(ACK)));
        r.add(new Row("rst or psh", v -> v.flag(RST) || v.flag(PSH)));
        r.add(new Row("tcp[13] & 0x20 != 0", v -> v.tcp() && v.ff() && v.flags() >= 0 && (v.flags() & URG) != 0));
        r.add(new Row("tcp win 65535", v -> v.tcp() && v.ff() && v.win() == 65535));
        r.add(new Row("icmp type echo", v -> v.icmp() && v.ff() && v.icmpType() == 8));
        r.add(new Row("icmp type echo-reply", v -> v.icmp() && v.ff() && v.icmpType() == 0));
        r.add(new Row("icmp type 0 or 8", v -> v.icmp() && v.ff() && (v.icmpType() == 0 || v.icmpType() == 8)));
        r.add(new Row("icmp type != echo", v -> v.icmp() && v.ff() && v.icmpType() >= 0 && v.icmpType() != 8));
        r.add(new Row("ip frag", View::isFragment));
        r.add(new Row("ip unfrag", v -> !v.isFragment()));
        r.add(new Row("not ip frag and udp", v -> !v.isFragment() && v.udp()));
        r.add(new Row("ip tos 16", v -> v.tos() == 16));
        r.add(new Row("ip ttl > 64", v -> v.ttl() > 64));
        r.add(new Row("ip ttl < 2", v -> v.ttl() < 2));
        r.add(new Row("ip ttl != 64", v -> v.ttl() != 64));
        r.add(new Row("ip ttl 64 or 200", v -> v.ttl() == 64 || v.ttl() == 200));
        r.add(new Row("ip ttl >= 64 and ip ttl <= 128", v -> v.ttl() >= 64 && v.ttl() <= 128));
        r.add(new Row("ip hl > 5", v -> v.ihl() > 5));
        r.add(new Row("ip vers 4", v -> (v.u8(v.l3) >> 4) == 4));
        r.add(new Row("ip dscp 46", v -> v.tos() >> 2 == 46));
        r.add(new Row("ip id 0x1234", v -> v.id() == 0x1234));
        r.add(new Row("ip len < 60", v -> v.totalLength() < 60));
        r.add(new Row("ip ect", v -> (v.tos() & 3) != 0));
        r.add(new Row("ip ce", v -> (v.tos() & 3) == 3));
        r.add(new Row("ip[9] = 6", View::tcp));
        r.add(new Row("ip[12:4] = 0x0a000001", v -> v.src() == ip("10.0.0.1")));
        r.add(new Row("ip[8] & 0xf0 == 0x40", v -> (v.ttl() & 0xF0) == 0x40));
        r.add(new Row("tcp && dst port 80 || udp && src port 68", v -> v.tcp() && v.dport(80) || v.udp() && v.sport(68)));
        r.add(new Row("tcp and (dst port 80 or src port 80)", v -> v.tcp() && (v.dport(80) || v.sport(80))));
        r.add(new Row("not (tcp or udp)", v -> !v.tu()));
        r.add(new Row("tcp or udp and dst port 53", v -> v.tcp() || v.udp() && v.dport(53)));
        r.add(new Row("src net 10.0.0.0/8 and dst port 80 or dst port 53",
                v -> v.inNet(v.src(), "10.0.0.0", 8) && v.dport(80) || v.dport(53)));
        r.add(new Row("src host 10.0.0.1 ? tcp : udp", v -> v.src() == ip("10.0.0.1") ? v.tcp() : v.udp()));
        r.add(new Row("(tcp)", View::tcp));
        r.add(new Row("! ( ! tcp )", View::tcp));
        r.add(new Row("ether host 02:00:00:00:00:01", v -> v.mac6(0) == 0x020000000001L || v.mac6(6) == 0x020000000001L));
        r.add(new Row("ether src 02:00:00:00:00:99", v -> v.mac6(6) == 0x020000000099L));
        r.add(new Row("true", v -> true));
        r.add(new Row("false", v -> false));
        r.add(new Row("-", v -> true));
        r.add(new Row("all", v -> true));
        return r;
    }

    @Test
    void eachExpressionAgainstEveryPacket() throws Exception {
        List<Sample> samples = samples();
        List<String> failures = new ArrayList<>();
        for (Row row : rows()) {
            try (Harness h = Harness.element("IPClassifier(" + row.expr + ", -)", 1, 2)) {
                for (Sample s : samples) {
                    int before = h.count(0);
                    h.push(0, Frames.annotated(s.frame, s.l3));
                    boolean got = h.count(0) > before;
                    boolean want = row.expected.test(new View(s));
                    if (got != want) {
                        failures.add("'" + row.expr + "' on " + s.name + ": expected " + want + ", got " + got);
                    }
                    h.clearOutputs();
                }
                assertEquals(samples.size(), Long.parseLong(h.read("hits").split("\n")[0].split(" ")[1])
                        + Long.parseLong(h.read("hits").split("\n")[1].split(" ")[1]));
            }
        }
        assertEquals(List.of(), failures);
    }

    /** All the rules in one element: each packet goes to the first rule whose predicate holds. */
    @Test
    void allRulesInOneClassifier() throws Exception {
        List<Row> rows = rows().stream().filter(r -> !r.expr.equals("-") && !r.expr.equals("all")
                && !r.expr.equals("true")).toList();
        StringBuilder cfg = new StringBuilder("IPClassifier(");
        for (Row r : rows) {
            cfg.append(r.expr).append(", ");
        }
        cfg.append("-)");
        List<String> failures = new ArrayList<>();
        try (Harness h = Harness.element(cfg.toString(), 1, rows.size() + 1)) {
            for (Sample s : samples()) {
                View v = new View(s);
                int want = rows.size();
                for (int i = 0; i < rows.size(); i++) {
                    if (rows.get(i).expected.test(v)) {
                        want = i;
                        break;
                    }
                }
                h.push(0, Frames.annotated(s.frame, s.l3));
                int got = -1;
                for (int port = 0; port <= rows.size(); port++) {
                    if (h.count(port) == 1) {
                        got = port;
                    }
                }
                if (got != want) {
                    failures.add(s.name + ": expected output " + want + ", got " + got);
                }
                h.clearOutputs();
            }
        }
        assertEquals(List.of(), failures);
    }

    /**
     * The optimizer must not change results: every rule set (all rules, and rules in reverse
     * order) compiled with and without optimization classifies every packet the same, and the
     * optimized program is not larger than it needs to be for a trivial check.
     */
    @Test
    void optimizedAndPlainProgramsAgree() throws Exception {
        List<Expr> rules = new ArrayList<>();
        for (Row r : rows()) {
            rules.add(IPExpression.parse(r.expr));
        }
        List<Expr> reversed = new ArrayList<>(rules).reversed();
        for (List<Expr> set : List.of(rules, reversed, rules.subList(20, 50))) {
            Program plain = ProgramCompiler.compile(set, false);
            Program optimized = ProgramCompiler.compile(set, true);
            Matcher compiled = ProgramCodegen.compile(optimized);
            for (Sample s : samples()) {
                Packet p = Frames.annotated(s.frame, s.l3);
                try {
                    assertEquals(plain.match(p), optimized.match(p), s.name);
                    assertEquals(plain.match(p), compiled.match(p), s.name + " (compiled to code)");
                } finally {
                    p.kill();
                }
            }
        }
    }

    /**
     * One-expression classifiers compile to a handful of steps, where the optimizer has little to
     * do. These rule sets are 6 to 12 random rows each (constant rows left out), so that their
     * programs are large, with shared and skipped tests: each packet must go to the first rule
     * whose hand-written predicate holds, through the element (compiled code), the optimized and
     * the unoptimized program alike.
     */
    @Test
    void largeRuleSetsAgreeWithThePredicatesAndTheUnoptimizedProgram() throws Exception {
        List<Row> pool = rows().stream().filter(r -> !List.of("-", "all", "true", "false").contains(r.expr)).toList();
        java.util.Random random = new java.util.Random(16);
        List<String> failures = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        int sets = 60;
        for (int set = 0; set < sets; set++) {
            List<Row> rules = new ArrayList<>();
            int n = 6 + random.nextInt(7);
            while (rules.size() < n) {
                Row r = pool.get(random.nextInt(pool.size()));
                if (!rules.contains(r)) {
                    rules.add(r);
                }
            }
            StringBuilder cfg = new StringBuilder("IPClassifier(");
            List<Expr> exprs = new ArrayList<>();
            for (Row r : rules) {
                cfg.append(r.expr).append(", ");
                exprs.add(IPExpression.parse(r.expr));
            }
            cfg.append("-)");
            exprs.add(Expr.TRUE);
            Program plain = ProgramCompiler.compile(exprs, false);
            try (Harness h = Harness.element(cfg.toString(), 1, n + 1)) {
                Program optimized = ((IPClassifier) h.element()).program();
                sizes.add(optimized.size());
                for (Sample s : samples()) {
                    View v = new View(s);
                    int want = n;
                    for (int i = 0; i < n; i++) {
                        if (rules.get(i).expected.test(v)) {
                            want = i;
                            break;
                        }
                    }
                    Packet p = Frames.annotated(s.frame, s.l3);
                    try {
                        int plainRule = plain.match(p);
                        int optimizedRule = optimized.match(p);
                        if (plainRule != want || optimizedRule != want) {
                            failures.add(cfg + " on " + s.name + ": expected rule " + want + ", unoptimized " + plainRule
                                    + ", optimized " + optimizedRule);
                        }
                    } finally {
                        p.kill();
                    }
                    h.push(0, Frames.annotated(s.frame, s.l3));
                    int got = -1;
                    for (int port = 0; port <= n; port++) {
                        if (h.count(port) == 1) {
                            got = port;
                        }
                    }
                    if (got != want) {
                        failures.add(cfg + " on " + s.name + ": expected output " + want + ", the element chose " + got);
                    }
                    h.clearOutputs();
                }
            }
        }
        assertEquals(List.of(), failures);
        // a few sets start with a near-catch-all row ("ip vers 4", "ip unfrag") and stay small
        List<Integer> sorted = sizes.stream().sorted().toList();
        assertTrue(sorted.get(sets / 10) > 5 && sorted.get(sets / 2) >= 12, "steps of the optimized programs: " + sorted);
    }

    /** Without a network header annotation, the data is taken to start with the IP header. */
    @Test
    void packetsWithoutAnnotationStartWithTheIpHeader() throws Exception {
        List<Sample> samples = samples();
        for (Row row : rows()) {
            if (row.expr.startsWith("ether")) {
                continue;
            }
            try (Harness h = Harness.element("IPClassifier(" + row.expr + ", -)", 1, 2)) {
                for (Sample s : samples) {
                    int before = h.count(0);
                    h.push(0, Frames.bareIp(s.frame, s.l3));
                    byte[] ipOnly = java.util.Arrays.copyOfRange(s.frame, s.l3, s.frame.length);
                    boolean want = row.expected.test(new View(new Sample(s.name, ipOnly, 0)));
                    assertEquals(want, h.count(0) > before, "'" + row.expr + "' on bare " + s.name);
                    h.clearOutputs();
                }
            }
        }
    }

    @Test
    void etherTestsNeedTheMacHeaderAnnotation() throws Exception {
        try (Harness h = Harness.element("IPClassifier(ether host 02:00:00:00:00:01, -)", 1, 2)) {
            byte[] f = FrameBuilder.udp().build();
            h.push(0, Frames.bareIp(f, 14));
            assertEquals(0, h.count(0));
            assertEquals(1, h.count(1));
        }
    }
}
