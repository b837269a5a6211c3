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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a standard dissector makes of router.click's output: tshark reads the recorded wire and
 * must find the TTLs decremented, every IP and transport checksum good (ones the router made or
 * updated, not only ones it passed through), and the Ethernet addresses rewritten.
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

    @Test
    void tsharkDissectsTheRoutersOutputAsExpected(@TempDir Path dir) throws Exception {
        assumeTrue(tsharkPresent(), "tshark is not installed");
        Path in = dir.resolve("in.pcap");
        Path out = dir.resolve("out.pcap");
        writePcap(in, ExampleTraffic.frames(ExampleTraffic.router()));
        runExample("router", in, out, List.of());
        List<byte[]> sent = readPcap(out);

        // occurrence=f: the outer header's fields, not those of the packet quoted in an ICMP error
        List<String[]> rows = tshark(out, "eth.src", "eth.dst", "ip.src", "ip.dst", "ip.ttl", "ip.checksum.status",
                "udp.checksum.status", "tcp.checksum.status", "icmp.type", "icmp.checksum.status", "arp.opcode");
        assertEquals(sent.size(), rows.size());
        int forwarded = 0;
        int icmpErrors = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            String what = "frame " + i + ": " + String.join(" ", f) + "  (" + describe(sent.get(i)) + ")";
            assertEquals(PORT_MAC, f[0], what);
            if (f[2].isEmpty()) {
                assertEquals("2", f[10], "only ARP replies are not IP: " + what);
                continue;
            }
            assertEquals("1", f[5], "IP header checksum good: " + what);
            if (f[3].startsWith("10.1.")) {
                forwarded++;
                assertEquals(NEXT_HOP_MAC, f[1], what);
                assertEquals("63", f[4], "TTL 64 decremented: " + what);
                // the capture's bad UDP/TCP/ICMP checksums (destinations 10.1.5.5, 10.1.1.13-15) pass the
                // router unchanged; everything else it forwards must verify
                if (!List.of("10.1.5.5", "10.1.1.13", "10.1.1.14", "10.1.1.15").contains(f[3])) {
                    // status 1 good, 2 not verified (a fragment), 3 not present (UDP checksum 0); 0 is bad
                    for (int k : new int[] {6, 7, 9}) {
                        assertTrue(List.of("", "1", "2", "3").contains(f[k]), "transport checksum: " + what);
                    }
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
    }
}
