package io.jmill.driver.afpacket;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two veth pairs across three network namespaces, made for one test class and removed after it:
 * namespace {@link #nsA} holds {@link #vA}, the test's own namespace holds {@link #vB} and
 * {@link #vC}, namespace {@link #nsD} holds {@link #vD}; pairs vA–vB and vC–vD. IPv6 is off on all
 * four, so the kernel sends nothing on them by itself. Names are unique per run.
 */
public final class VethLab implements AutoCloseable {
    public final String nsA;
    public final String nsD;
    public final String vA;
    public final String vB;
    public final String vC;
    public final String vD;
    private final List<String> cleanup = new ArrayList<>();
    private final List<String> extra = new ArrayList<>();

    private VethLab(String tag) {
        nsA = "jmA" + tag;
        nsD = "jmD" + tag;
        vA = "jma" + tag;
        vB = "jmb" + tag;
        vC = "jmc" + tag;
        vD = "jmd" + tag;
    }

    /** Builds the lab, or skips the calling test class when not root or without iproute2. */
    public static VethLab create() {
        Assumptions.assumeTrue(isRoot(), "skipped: veth/netns tests need root (CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_ADMIN)");
        Assumptions.assumeTrue(run(false, "ip", "-V") == 0, "skipped: the 'ip' command (iproute2) is missing");
        VethLab lab = new VethLab(String.format("%06x", ThreadLocalRandom.current().nextInt(1 << 24)));
        try {
            lab.build();
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void build() {
        must("ip", "netns", "add", nsA);
        cleanup.add(nsA);
        must("ip", "netns", "add", nsD);
        cleanup.add(nsD);
        must("ip", "link", "add", vA, "type", "veth", "peer", "name", vB);
        must("ip", "link", "add", vC, "type", "veth", "peer", "name", vD);
        must("ip", "link", "set", vA, "netns", nsA);
        must("ip", "link", "set", vD, "netns", nsD);
        quiet(null, vB);
        quiet(null, vC);
        quiet(nsA, vA);
        quiet(nsD, vD);
        must("ip", "link", "set", vB, "up");
        must("ip", "link", "set", vC, "up");
        must("ip", "netns", "exec", nsA, "ip", "link", "set", vA, "up");
        must("ip", "netns", "exec", nsD, "ip", "link", "set", vD, "up");
    }

    /**
     * Adds a veth pair with {@code queues} RX and TX queues on each end: {@code inA} in namespace
     * {@link #nsA}, {@code here} in the test's namespace, both up and quiet; removed by {@link #close}.
     */
    public void addPair(String inA, String here, int queues) {
        String q = Integer.toString(queues);
        must("ip", "link", "add", inA, "numtxqueues", q, "numrxqueues", q, "type", "veth", "peer", "name", here,
                "numtxqueues", q, "numrxqueues", q);
        extra.add(here);
        must("ip", "link", "set", inA, "netns", nsA);
        quiet(null, here);
        quiet(nsA, inA);
        must("ip", "link", "set", here, "up");
        must("ip", "netns", "exec", nsA, "ip", "link", "set", inA, "up");
    }

    /** What {@code ip link show dev DEV} prints (in namespace {@code ns} unless null). */
    public static String linkShow(String ns, String dev) {
        List<String> cmd = new ArrayList<>(ns == null ? List.of() : List.of("ip", "netns", "exec", ns));
        cmd.addAll(List.of("ip", "link", "show", "dev", dev));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }

    /** No IPv6 (no link-local address, no DAD, no router solicitations, no MLD). */
    private static void quiet(String ns, String dev) {
        List<String> pre = ns == null ? List.of() : List.of("ip", "netns", "exec", ns);
        List<String> a = new ArrayList<>(pre);
        a.addAll(List.of("sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".disable_ipv6=1"));
        run(false, a.toArray(String[]::new));
        List<String> b = new ArrayList<>(pre);
        b.addAll(List.of("ip", "link", "set", "dev", dev, "addrgenmode", "none"));
        run(false, b.toArray(String[]::new));
    }

    @Override
    public void close() {
        // Deleting a namespace deletes its veth ends, and a veth end takes its peer with it.
        for (String ns : cleanup) {
            run(false, "ip", "netns", "del", ns);
        }
        run(false, "ip", "link", "del", vB);
        run(false, "ip", "link", "del", vC);
        for (String dev : extra) {
            run(false, "ip", "link", "del", dev);
        }
    }

    /** The interface's flags from sysfs (IFF_PROMISC = 0x100). */
    public static int flags(String dev) throws IOException {
        String s = java.nio.file.Files.readString(java.nio.file.Path.of("/sys/class/net", dev, "flags")).strip();
        return Integer.decode(s);
    }

    public static boolean isRoot() {
        try {
            Process p = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 && out.equals("0");
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void must(String... cmd) {
        if (run(true, cmd) != 0) {
            throw new IllegalStateException("failed: " + String.join(" ", cmd));
        }
    }

    private static int run(boolean report, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            if (p.exitValue() != 0 && report) {
                System.err.println(String.join(" ", cmd) + ": " + out.strip());
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
