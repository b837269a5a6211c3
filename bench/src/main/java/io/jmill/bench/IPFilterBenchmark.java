package io.jmill.bench;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.elements.classifier.ClassifierElement;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementRegistry;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The compiled decision tree of IPFilter (IPClassifier's is the same code) on the 10-rule
 * firewall of {@code examples/ids-router.click}, over a mix of {@value #PACKETS} pre-built
 * Ethernet frames (network header annotation at 14), pushed in a fixed pseudo-random order of
 * {@value #ORDER}, too long for branch predictors to learn. Scores are per packet.
 *
 * <p>The rules are the example's, but its {@code deny} rules send to output 1 instead of
 * dropping, so that the benchmark can push the same packets again: the decision tree depends
 * only on the patterns and is the same. The mix: one packet for each of the nine deny rules
 * (martian source, telnet, SMB, MS SQL, SNMP from outside, SYN+FIN, null scan, tiny fragment,
 * ICMP redirect), then 55 of ordinary traffic (seeded): half TCP (web, mail, SSH, RDP; ACK, SYN,
 * FIN, RST), a third UDP (DNS, NTP, QUIC, IKE, SIP), ICMP echo, reply, unreachable and time
 * exceeded, and UDP fragments, from inside 10.0.0.0/16 or outside; so about one packet in seven
 * is denied. Every rule matches some packet (checked at set-up).
 *
 * <ul>
 * <li>{@code element}: {@code IPFilter.push}: the program, the rule's hit count, and the output
 *     to a {@link BenchSink} (which leaves the packet to the benchmark).</li>
 * <li>{@code program}: the decision tree alone, {@code Program.match(packet)}. The program is
 *     package-private, so the benchmark calls it through a method handle; the JIT inlines a
 *     {@code static final} handle like a direct call.</li>
 * </ul>
 *
 * <pre>./bench/run IPFilterBenchmark -f 1 -wi 2 -i 3 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(IPFilterBenchmark.ORDER)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=40", "-XX:InlineSmallCode=6000", "-XX:+UseParallelGC", "-Djmill.memory=64m"})
public class IPFilterBenchmark {
    static final int PACKETS = 64;
    static final int ORDER = 4096;
    private static final long SEED = 0xF17E_4A11L;

    /** The IPFilter of examples/ids-router.click, {@code deny} turned into output 1. */
    static final String FIREWALL = """
            Idle -> ids :: IPFilter(
                1 src net 127.0.0.0/8 or src net 224.0.0.0/4 or src net 240.0.0.0/4,
                1 tcp and dst port 23,
                1 tcp and (dst port 135 or dst port 139 or dst port 445),
                1 udp and dst port 1434,
                1 udp and (dst port 161 or dst port 162) and not src net 10.0.0.0/16,
                1 syn and fin,
                1 tcp and tcp[13] & 0x3f == 0,
                1 ip[6:2] & 0x1fff == 1,
                1 icmp and not (icmp type echo or icmp type echo-reply
                                or icmp type unreachable or icmp type timeexceeded),
                allow all);
            ids[0] -> sink :: BenchSink;
            ids[1] -> sink;
            """;

    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    /** {@code (Object program, Packet p) -> int}: the number of the first rule that matches. */
    private static final MethodHandle MATCH;
    /** {@code (ClassifierElement e) -> Object}: the element's compiled program. */
    private static final MethodHandle PROGRAM;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            Method program = ClassifierElement.class.getDeclaredMethod("program");
            Method match = program.getReturnType().getDeclaredMethod("match", Packet.class);
            program.setAccessible(true);
            match.setAccessible(true);
            MATCH = l.unreflect(match).asType(MethodType.methodType(int.class, Object.class, Packet.class));
            PROGRAM = l.unreflect(program).asType(MethodType.methodType(Object.class, ClassifierElement.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private AutoCloseable cache;
    private Router router;
    private Element filter;
    private Object program;
    private final Packet[] packets = new Packet[PACKETS];
    private final int[] order = new int[ORDER];

    @Setup
    public void setUp() throws Throwable {
        cache = PacketPool.attachCurrentThread();
        router = new RouterBuilder(ElementRegistry.load().register(BenchSink.class))
                .build(ClickParser.parse("bench", FIREWALL, Map.of()));
        filter = router.element("ids");
        program = (Object) PROGRAM.invokeExact((ClassifierElement) filter);
        Random rnd = new Random(SEED);
        byte[][] frames = frames(rnd);
        for (int i = 0; i < PACKETS; i++) {
            packets[i] = PacketPool.alloc(frames[i]);
            packets[i].setNetworkHeader(14, 20);
        }
        for (int i = 0; i < ORDER; i++) {
            order[i] = rnd.nextInt(PACKETS);
        }
        for (Packet p : packets) {
            filter.push(0, p);
        }
        String hits = router.read("ids.hits");
        if (hits.lines().anyMatch(l -> l.endsWith(" 0") && !l.startsWith("nomatch"))) {
            throw new IllegalStateException("the packet mix does not exercise every rule:\n" + hits);
        }
        router.write("ids.reset_counts", "");
    }

    @TearDown
    public void tearDown() throws Exception {
        for (Packet p : packets) {
            p.kill();
        }
        router.close();
        cache.close();
    }

    /** Through the element's push: program, hit count, output. */
    @Benchmark
    public void element() {
        Element f = filter;
        Packet[] ps = packets;
        int[] o = order;
        for (int i = 0; i < o.length; i++) {
            f.push(0, ps[o[i]]);
        }
    }

    /** The decision tree alone: the matching rule of each packet. */
    @Benchmark
    public int program() throws Throwable {
        Object prog = program;
        Packet[] ps = packets;
        int[] o = order;
        int sum = 0;
        for (int i = 0; i < o.length; i++) {
            sum += (int) MATCH.invokeExact(prog, ps[o[i]]);
        }
        return sum;
    }

    /**
     * The mix: first one frame for each deny rule, in rule order, then ordinary traffic. All 64
     * bytes, from inside 10.0.0.0/16 or outside, to a host of 10.1.0.0/20 (the example's traffic).
     */
    private static byte[][] frames(Random rnd) {
        byte[][] f = new byte[PACKETS][];
        FrameBuilder[] attacks = {
                FrameBuilder.udp().src("127.0.0.1", 5353),                 // martian source
                FrameBuilder.tcp().ports(40000, 23).tcpFlags(SYN),          // telnet
                FrameBuilder.tcp().ports(40001, 445).tcpFlags(SYN),         // SMB
                FrameBuilder.udp().ports(40002, 1434),                      // MS SQL
                FrameBuilder.udp().ports(40003, 161),                       // SNMP from outside
                FrameBuilder.tcp().ports(40004, 80).tcpFlags(SYN | FIN),    // SYN+FIN scan
                FrameBuilder.tcp().ports(40005, 443).tcpFlags(0),           // null scan
                FrameBuilder.udp().ports(40006, 4500).fragment(0x2001),     // tiny overlapping fragment
                FrameBuilder.icmp().icmp(5, 1),                             // redirect
        };
        for (int i = 0; i < attacks.length; i++) {
            FrameBuilder b = i == 0 ? attacks[i] : attacks[i].srcIp(outside(rnd));
            f[i] = b.dstIp(destination(rnd)).frameLength(64).build();
        }
        for (int i = attacks.length; i < PACKETS; i++) {
            int src = rnd.nextBoolean() ? Addresses.ip("10.0.0.0") | rnd.nextInt(1 << 16) : outside(rnd);
            f[i] = ordinary(rnd).srcIp(src).dstIp(destination(rnd)).frameLength(64).build();
        }
        return f;
    }

    /** Half TCP (web, mail, SSH, RDP), a third UDP (DNS, NTP, QUIC, IKE, SIP), ICMP, fragments. */
    private static FrameBuilder ordinary(Random rnd) {
        int kind = rnd.nextInt(16);
        int sport = 1024 + rnd.nextInt(60000);
        if (kind < 8) {
            return FrameBuilder.tcp().ports(sport, pick(rnd, 80, 80, 80, 443, 443, 443, 443, 443, 22, 25, 993, 3389))
                    .tcpFlags(pick(rnd, ACK, ACK, ACK, ACK, PSH | ACK, PSH | ACK, SYN, SYN | ACK, FIN | ACK, RST));
        } else if (kind < 13) {
            return FrameBuilder.udp().ports(sport, pick(rnd, 53, 53, 53, 123, 443, 443, 500, 5060));
        } else if (kind < 15) {
            return FrameBuilder.icmp().icmp(pick(rnd, 8, 0, 8, 0, 3, 11), 0);
        }
        // A first fragment, or a later one (which carries no UDP header).
        return FrameBuilder.udp().ports(sport, 4500).fragment(pick(rnd, 0x2000, 0x00B9));
    }

    private static int outside(Random rnd) {
        return (1 + rnd.nextInt(126)) << 24 | rnd.nextInt(1 << 24);
    }

    private static int destination(Random rnd) {
        return Addresses.ip("10.1.0.0") | rnd.nextInt(1 << 12);
    }

    private static int pick(Random rnd, int... choices) {
        return choices[rnd.nextInt(choices.length)];
    }
}
