package io.jmill.cli;

import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.jmill.cli.ExampleFrames.*;
import static io.jmill.cli.ExampleSupport.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a standard dissector makes of router.click's output: tshark reads the recorded wire, with
 * IP, UDP and TCP checksum verification on, and must find the TTLs decremented, every IP and
 * transport checksum verified good (ones the router made or updated, not only ones it passed
 * through; "not verified" is accepted only where nothing can be verified), the capture's
 * deliberately wrong ones verified bad, and the Ethernet addresses rewritten.
 */
class ExampleTsharkTest {
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    private static boolean tsharkPresent() {
        try {
            Process p = new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** tshark's fields, one String[] per frame. */
    private static List<String[]> tshark(Path pcap, String... fields) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(),
                "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE", "-o", "tcp.check_checksum:TRUE",
                "-T", "fields", "-E", "separator=/t", "-E", "occurrence=f"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "tshark did not finish");
        assertEquals(0, p.exitValue(), "tshark failed: " + cmd);
        return out.lines().map(l -> Arrays.copyOf(l.split("\t", -1), fields.length)).toList();
    }

    /** Destinations of the capture's frames whose transport checksum is wrong on purpose (the router passes them on). */
    private static final List<String> BAD_ON_PURPOSE = List.of("10.1.5.5", "10.1.1.13", "10.1.1.14");

    @Test
    void tsharkDissectsTheRoutersOutputAsExpected(@TempDir Path dir) throws Exception {
        // tshark is a prerequisite of the suite (.ci/setup installs it): without it, fail rather than skip
        assertTrue(tsharkPresent(), "tshark is not installed (bash .ci/setup installs it)");
        Path in = dir.resolve("in.pcap");
        Path out = dir.resolve("out.pcap");
        writePcap(in, ExampleTraffic.frames(ExampleTraffic.router()));
        runExample("router", in, out, List.of());
        List<byte[]> sent = readPcap(out);

        // occurrence=f: the outer header's fields, not those of the packet quoted in an ICMP error
        List<String[]> rows = tshark(out, "eth.src", "eth.dst", "ip.src", "ip.dst", "ip.ttl", "ip.checksum.status",
                "udp.checksum.status", "tcp.checksum.status", "icmp.type", "icmp.checksum.status", "arp.opcode",
                "ip.proto", "ip.flags.mf", "ip.frag_offset", "udp.checksum");
        assertEquals(sent.size(), rows.size());
        int forwarded = 0;
        int icmpErrors = 0;
        int transportGood = 0;
        int badSeen = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            String what = "frame " + i + ": " + String.join(" ", f) + "  (" + describe(sent.get(i)) + ")";
            assertEquals(PORT_MAC, f[0], what);
            if (f[2].isEmpty()) {
                assertEquals("2", f[10], "only ARP replies are not IP: " + what);
                continue;
            }
            // checksum status: 1 good, 0 bad, 2 not verified, 3 not present
            assertEquals("1", f[5], "IP header checksum good: " + what);
            if (f[3].startsWith("10.1.")) {
                forwarded++;
                assertEquals(NEXT_HOP_MAC, f[1], what);
                assertEquals("63", f[4], "TTL 64 decremented: " + what);
                int status = switch (f[11]) {
                    case "17" -> 6;
                    case "6" -> 7;
                    case "1" -> 9;
                    default -> -1;
                };
                boolean fragment = f[12].equals("1") || !f[13].equals("0");
                if (status < 0 || f[3].equals("10.1.1.15")) {
                    continue; // no transport checksum (GRE), or a UDP length beyond the packet: not verifiable
                }
                if (BAD_ON_PURPOSE.contains(f[3])) {
                    badSeen++;
                    assertEquals("0", f[status], "tshark verifies and finds the deliberate error: " + what);
                } else if (fragment) {
                    // reassembled: the datagram's checksum is verified on its last fragment
                    assertTrue(f[status].isEmpty() || f[status].equals("1"), "fragment: " + what);
                    transportGood += f[status].equals("1") ? 1 : 0;
                } else if (status == 6 && f[14].equals("0x0000")) {
                    assertEquals("3", f[status], "a UDP checksum of 0 means none: " + what);
                } else {
                    assertEquals("1", f[status], "transport checksum verified good: " + what);
                    transportGood++;
                }
            } else {
                assertEquals(HOST_MAC, f[1], what);
                if (f[2].equals("10.0.0.1")) {
                    icmpErrors++;
                    assertEquals("10.0.0.2", f[3], what);
                    assertEquals("199", f[4], what);
                    assertEquals("1", f[9], "ICMP checksum good: " + what);
                    assertTrue(List.of("3", "5", "11", "12").contains(f[8]), what);
                }
            }
        }
        assertEquals(28, forwarded);
        assertEquals(4, icmpErrors);
        assertEquals(BAD_ON_PURPOSE.size(), badSeen, "the deliberately bad checksums");
        assertEquals(19, transportGood, "transport checksums tshark verified good");
    }

    /**
     * nat.click rewrites addresses and ports with incremental checksum updates (RFC 1624): tshark,
     * verifying, must find every IP and transport checksum of what it sent good, a UDP checksum of
     * 0 left absent, and the translated addresses.
     */
    @Test
    void tsharkVerifiesTheNatsIncrementallyUpdatedChecksums(@TempDir Path dir) throws Exception {
        assertTrue(tsharkPresent(), "tshark is not installed (bash .ci/setup installs it)");
        Path in = dir.resolve("in.pcap");
        Path out = dir.resolve("out.pcap");
        writePcap(in, ExampleTraffic.frames(ExampleTraffic.nat()));
        runExample("nat", in, out, List.of());
        List<byte[]> sent = readPcap(out);
        List<String[]> rows = tshark(out, "ip.src", "ip.dst", "ip.checksum.status", "ip.proto", "udp.checksum.status",
                "tcp.checksum.status", "udp.checksum", "udp.srcport", "tcp.srcport", "udp.dstport", "tcp.dstport");
        assertEquals(sent.size(), rows.size());
        int translated = 0;
        int good = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            String what = "frame " + i + ": " + String.join(" ", f) + "  (" + describe(sent.get(i)) + ")";
            if (f[0].isEmpty()) {
                continue; // ARP
            }
            assertEquals("1", f[2], "IP header checksum good: " + what);
            int status = f[3].equals("17") ? 4 : f[3].equals("6") ? 5 : -1;
            assertTrue(status > 0, "only TCP and UDP leave the NAT: " + what);
            if (f[0].equals("10.100.0.1") || f[1].startsWith("10.0.0.")) {
                translated++;
            }
            if (status == 4 && f[6].equals("0x0000")) {
                assertEquals("3", f[status], "a UDP checksum of 0 stays absent: " + what);
            } else {
                assertEquals("1", f[status], "transport checksum verified good: " + what);
                good++;
            }
        }
        assertEquals(7, translated, "packets translated, either way");
        assertEquals(6, good, "transport checksums tshark verified good");
    }
}
