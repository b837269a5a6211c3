package io.jmill.bench;

import io.jmill.driver.net.Addresses;
import io.jmill.elements.routing.IPRouteTable;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Longest-prefix lookup in each routing element (LinearIPLookup, RadixIPLookup, DirectIPLookup),
 * on the same table, for the same {@value #ADDRESSES} pseudo-random destination addresses. Scores
 * are per lookup.
 *
 * <p>Tables ({@code table}):
 * <ul>
 * <li>{@code router}: the 72 routes of {@code examples/lib/iprouter.click} (six /32 host and
 *     broadcast routes, a /16, a /24 and the 64 /26 networks behind the next-hop router) plus a
 *     default route;</li>
 * <li>{@code random1000}: 1000 random prefixes, lengths as in real tables (mostly /17 to /24, a
 *     few short prefixes and host routes), two thirds with a gateway, over 4 outputs, plus a
 *     default route.</li>
 * </ul>
 * The default route is {@code 0/0 10.100.0.2 2}. Three quarters of the addresses are random
 * hosts inside a randomly chosen route of the table, one quarter random over the whole address
 * space (so mostly the default route). Generated from a fixed seed: every run and every element
 * sees the same table and addresses. {@value #ADDRESSES} addresses touch at most as many cache
 * lines of a table, so even DirectIPLookup's 32 MiB table is read from cache here; traffic to
 * many more destinations would miss.
 *
 * <p>Two paths:
 * <ul>
 * <li>{@code element}: set the packet's destination-IP annotation and push it into the element,
 *     which looks it up, writes the gateway into the annotation if the route has one, and pushes
 *     it out of the route's output to a {@link BenchSink} (which leaves the packet to the
 *     benchmark). One packet, pushed again and again.</li>
 * <li>{@code table}: the element's route table alone, {@code RouteTable.lookup(addr).port()}. The
 *     tables are package-private, so the benchmark calls them through a method handle; the JIT
 *     inlines a {@code static final} handle like a direct call.</li>
 * </ul>
 *
 * <pre>./bench/run LookupBenchmark -f 1 -wi 2 -i 3 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(LookupBenchmark.ADDRESSES)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
        "--enable-native-access=ALL-UNNAMED", "-XX:MaxInlineLevel=40", "-XX:InlineSmallCode=6000", "-XX:+UseParallelGC", "-Djmill.memory=64m"})
public class LookupBenchmark {
    static final int ADDRESSES = 4096;
    private static final long SEED = 0x1EAF_5EEDL;

    /** {@code (RouteTable table, int addr) -> int}: the output of the route for {@code addr}. */
    private static final MethodHandle ROUTE_PORT;
    /** {@code (IPRouteTable element) -> Object}: the element's route table. */
    private static final MethodHandle ROUTE_TABLE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            Method lookup = Class.forName("io.jmill.elements.routing.RouteTable").getDeclaredMethod("lookup", int.class);
            Method port = lookup.getReturnType().getDeclaredMethod("port");
            Method table = IPRouteTable.class.getDeclaredMethod("routeTable");
            lookup.setAccessible(true);
            port.setAccessible(true);
            table.setAccessible(true);
            ROUTE_PORT = MethodHandles.filterReturnValue(l.unreflect(lookup), l.unreflect(port))
                    .asType(MethodType.methodType(int.class, Object.class, int.class));
            ROUTE_TABLE = l.unreflect(table).asType(MethodType.methodType(Object.class, IPRouteTable.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Param({"LinearIPLookup", "RadixIPLookup", "DirectIPLookup"})
    public String element;

    @Param({"router", "random1000"})
    public String table;

    private AutoCloseable cache;
    private Router router;
    private Element lookup;
    private Object routeTable;
    private Packet packet;
    private int[] addresses;

    /** A route as generated here: prefix, length, gateway (0: none), output. */
    private record Route(int addr, int length, int gw, int port) {
        Route {
            addr &= mask(length);
        }

        static int mask(int length) {
            return length == 0 ? 0 : -1 << (32 - length);
        }

        String text() {
            return Addresses.ipString(addr) + "/" + length + (gw == 0 ? "" : " " + Addresses.ipString(gw)) + " " + port;
        }
    }

    @Setup
    public void setUp() throws Throwable {
        cache = PacketPool.attachCurrentThread();
        Random rnd = new Random(SEED);
        List<Route> routes = switch (table) {
            case "router" -> routerTable();
            case "random1000" -> randomTable(1000, rnd);
            default -> throw new IllegalArgumentException("table " + table);
        };
        addresses = destinations(routes, rnd);
        routes.add(new Route(0, 0, Addresses.ip("10.100.0.2"), 2));

        StringJoiner args = new StringJoiner(", ", "Idle -> rt :: " + element + "(", ");\n");
        int outputs = 0;
        for (Route r : routes) {
            args.add(r.text());
            outputs = Math.max(outputs, r.port() + 1);
        }
        StringBuilder config = new StringBuilder(args.toString());
        for (int i = 0; i < outputs; i++) {
            config.append("rt[").append(i).append("] -> ").append(i == 0 ? "sink :: BenchSink" : "sink").append(";\n");
        }
        router = new RouterBuilder(ElementRegistry.load().register(BenchSink.class))
                .build(ClickParser.parse("bench", config.toString(), Map.of()));
        lookup = router.element("rt");
        routeTable = (Object) ROUTE_TABLE.invokeExact((IPRouteTable) lookup);
        packet = PacketPool.alloc(new byte[64]);
    }

    @TearDown
    public void tearDown() throws Exception {
        packet.kill();
        router.close();
        cache.close();
    }

    /** Through the element's push: annotation in, lookup, gateway annotation, output to the sink. */
    @Benchmark
    public int element() {
        Element e = lookup;
        Packet p = packet;
        int[] a = addresses;
        for (int i = 0; i < a.length; i++) {
            p.setDstIpAnno(a[i]);
            e.push(0, p);
        }
        return p.dstIpAnno();
    }

    /** The route table alone: the route's output for each address. */
    @Benchmark
    public int table() throws Throwable {
        Object t = routeTable;
        int[] a = addresses;
        int sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (int) ROUTE_PORT.invokeExact(t, a[i]);
        }
        return sum;
    }

    /** The routes of examples/lib/iprouter.click's RadixIPLookup, in its order. */
    private static List<Route> routerTable() {
        List<Route> routes = new ArrayList<>();
        for (String host : new String[] {"10.0.0.1", "10.0.0.0", "10.0.255.255", "10.100.0.1", "10.100.0.0",
                "10.100.0.255"}) {
            routes.add(new Route(Addresses.ip(host), 32, 0, 0));
        }
        routes.add(new Route(Addresses.ip("10.0.0.0"), 16, 0, 1));
        routes.add(new Route(Addresses.ip("10.100.0.0"), 24, 0, 2));
        int nextHop = Addresses.ip("10.100.0.2");
        for (int i = 0; i < 64; i++) {
            routes.add(new Route(Addresses.ip("10.1.0.0") + i * 64, 26, nextHop, 2));
        }
        return routes;
    }

    /** {@code n} distinct random prefixes over 4 outputs; gateways in 192.0.2.0/24. */
    private static List<Route> randomTable(int n, Random rnd) {
        List<Route> routes = new ArrayList<>();
        Set<Long> prefixes = new HashSet<>();
        while (routes.size() < n) {
            int length = randomLength(rnd);
            int gw = rnd.nextInt(3) == 0 ? 0 : Addresses.ip("192.0.2.0") + 1 + rnd.nextInt(254);
            Route r = new Route(rnd.nextInt(), length, gw, rnd.nextInt(4));
            if (r.length() > 0 && prefixes.add(((long) r.addr() << 8) | r.length())) {
                routes.add(r);
            }
        }
        return routes;
    }

    /** Prefix lengths as in real tables: mostly /17 to /24, a few short prefixes and host routes (as LookupAgreementTest). */
    private static int randomLength(Random rnd) {
        int x = rnd.nextInt(100);
        if (x < 2) {
            return rnd.nextInt(8);
        } else if (x < 20) {
            return 8 + rnd.nextInt(9);
        } else if (x < 80) {
            return 17 + rnd.nextInt(8);
        }
        return 25 + rnd.nextInt(8);
    }

    /** Three quarters inside a random route of {@code routes}, a quarter anywhere. */
    private static int[] destinations(List<Route> routes, Random rnd) {
        int[] a = new int[ADDRESSES];
        for (int i = 0; i < a.length; i++) {
            if (rnd.nextInt(4) == 0) {
                a[i] = rnd.nextInt();
            } else {
                Route r = routes.get(rnd.nextInt(routes.size()));
                a[i] = r.addr() | (rnd.nextInt() & ~Route.mask(r.length()));
            }
        }
        return a;
    }
}
