package io.jmill.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network functions {@code jmill bench} knows, in default order. Adding one is one line in
 * {@link #ALL} (plus its configuration under {@code bench/src/main/resources/nf/}, or an
 * {@code examples/NAME.click}). {@code examples/NAME.click} replaces the bench-local
 * configuration whenever it exists. The {@code click-*} NFs are Click configurations
 * ({@code examples/click/}) that replay a capture the suite writes, as FastClick users measure.
 */
public final class Nfs {
    private static final String ROUTER_TRAFFIC = "SRC 10.0.0.2, DST 10.1.0.0/20";
    private static final List<Nf> ALL = List.of(
            new Nf("forwarder", "moves packets and nothing else: source -> Counter -> Discard",
                    "nf/forwarder.click", Map.of()),
            new Nf("router", "IPv4 forwarding path: CheckIPHeader, DecIPTTL, Counter",
                    "nf/router.click", Map.of()),
            new Nf("ids-router", "router with an IDS classifier in front (examples/ids-router.click only)",
                    null, Map.of()),
            new Nf("router-2q", "the router once per receive queue, two RSS queues (examples/router-2q.click only; "
                    + "scales with --threads 2)", null, Map.of()),
            new Nf("nat", "NAPT with IPRewriter behind CheckIPHeader",
                    "nf/nat.click", Map.of()),
            new Nf("workpackage", "synthetic per-packet CPU and memory load (WorkPackage)",
                    "nf/workpackage.click", Map.of()),
            new Nf("pipeline", "two tasks through a Queue: source | Unqueue -> Counter (scales with --threads 2)",
                    "nf/pipeline.click", Map.of()),
            click("forwarder", "EtherMirror", "SRC 10.0.0.0/20, DST 10.1.0.1"),
            click("router", "Click's IP router (lib/iprouter.click)", ROUTER_TRAFFIC),
            click("ids-router", "the IP router with IPFilter and Check{TCP,UDP,ICMP}Header", ROUTER_TRAFFIC),
            click("nat", "IPRewriter NAPT, 4096 flows", "SRC 10.0.16.0/20, DST 10.1.0.1"));

    /**
     * A Click-dialect NF, {@code examples/click/NAME.click}: FastClick's replay idiom
     * ({@code FromDump -> ReplayUnqueue -> AverageCounter -> NF -> Counter -> Discard}), the same
     * text Click and FastClick run. Its DriverManager's measuring window is pushed out of the way
     * (the suite measures on its own window) and its warm-up shortened.
     */
    private static Nf click(String nf, String what, String traffic) {
        return new Nf("click-" + nf, "Click configuration, replayed capture: " + what,
                null, Map.of("WARMUP", "1s", "TIME", "1000000s"), "click/" + nf + ".click",
                "FLOWS 4096, " + traffic + ", SRCETH 02:00:00:00:00:01, DSTETH 02:00:00:00:00:02");
    }

    private static final Map<String, Nf> BY_NAME = new LinkedHashMap<>();

    static {
        for (Nf nf : ALL) {
            if (BY_NAME.put(nf.name(), nf) != null) {
                throw new IllegalStateException("two NFs named " + nf.name());
            }
        }
    }

    private Nfs() {
    }

    /** Every registered NF, in default order. */
    public static List<Nf> all() {
        return ALL;
    }

    /** The NF of that name, or null. */
    public static Nf find(String name) {
        return BY_NAME.get(name);
    }

    /**
     * What {@code --nf} names: a registered NF, or a configuration file (a name ending in
     * {@code .click}), benchmarked under its file name without the extension. Null if neither.
     */
    static Nf.Config resolve(String token, Path examples) {
        if (token.endsWith(".click")) {
            Path file = Path.of(token);
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String stem = file.getFileName().toString();
            stem = stem.substring(0, stem.length() - ".click".length());
            return new Nf(stem, "configuration file " + token, null, Map.of()).locate(file.toAbsolutePath().getParent());
        }
        Nf nf = find(token);
        return nf == null ? null : nf.locate(examples);
    }
}
