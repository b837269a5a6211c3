package io.jmill.bench.suite;

import io.jmill.driver.pcap.PcapReader;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TracesTest {
    @TempDir
    Path dir;

    @Test
    void theRouterCaptureHasDistinctFramesOfTheCellsSizeAndIsWrittenOnce() throws Exception {
        Nf nf = Nfs.find("click-router");
        assertNotNull(nf);
        Path pcap = Traces.ensure(nf, "128", dir);
        long written = Files.getLastModifiedTime(pcap).toMillis();
        int frames = 0;
        Set<Integer> destinations = new HashSet<>();
        Packet p = PacketPool.alloc();
        try (PcapReader r = PcapReader.open(pcap)) {
            while (r.next(p)) {
                frames++;
                assertEquals(128, p.length(), "frame " + frames);
                assertEquals(0x0800, p.u16(12));
                assertEquals(0x0A000002, p.u32(26), "source 10.0.0.2");
                int dst = p.u32(30);
                assertEquals(0x0A010000, dst & 0xFFFFF000, "destination in 10.1.0.0/20");
                destinations.add(dst);
            }
        } finally {
            p.kill();
        }
        assertEquals(Traces.FRAMES, frames);
        assertTrue(destinations.size() > 1000, "distinct destinations: " + destinations.size());
        assertEquals(pcap, Traces.ensure(nf, "128", dir));
        assertEquals(written, Files.getLastModifiedTime(pcap).toMillis(), "an existing capture is reused");
        assertTrue(Files.list(dir).noneMatch(f -> f.toString().endsWith(".part")));
    }

    @Test
    void everyClickNfHasItsConfigurationAndATrace() {
        int found = 0;
        for (Nf nf : Nfs.all()) {
            if (nf.name().startsWith("click-")) {
                found++;
                assertNotNull(nf.trace(), nf.name());
                assertNotNull(nf.locate(Path.of("..", "examples")), nf.name() + ": " + nf.exampleFile());
            }
        }
        assertEquals(4, found);
    }
}
