package io.jmill.cli;

import io.jmill.layout.PacketPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.jmill.cli.ExampleSupport.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * examples/forwarder.click and examples/workpackage.click: every frame goes back with its
 * Ethernet addresses swapped and nothing else changed (WorkPackage only reads), except a frame
 * too short to hold two addresses, which EtherMirror drops.
 */
class ExampleMirrorTest {
    private int inUseBefore;

    @BeforeEach
    void recordPool() {
        inUseBefore = PacketPool.inUse();
    }

    @AfterEach
    void noLeaks() {
        assertEquals(inUseBefore, PacketPool.inUse(), "leaked packets");
    }

    private static byte[] mirrored(byte[] f) {
        byte[] g = f.clone();
        System.arraycopy(f, 0, g, 6, 6);
        System.arraycopy(f, 6, g, 0, 6);
        return g;
    }

    @ParameterizedTest
    @ValueSource(strings = {"forwarder", "workpackage"})
    void mirrorsTheGoldenCapture(String name, @TempDir Path dir) throws Exception {
        Path in = dir.resolve("in.pcap");
        Path out = dir.resolve("out.pcap");
        List<byte[]> frames = ExampleTraffic.frames(ExampleTraffic.mirror());
        writePcap(in, frames);
        List<String> handlers = new ArrayList<>(List.of("EtherMirror@3.drops", "ToNIC@4.count"));
        if (name.equals("workpackage")) {
            handlers.add("wp.count");
        } else {
            handlers.replaceAll(h -> h.replace("@3", "@2").replace("@4", "@3"));
        }
        Result r = runExample(name, in, out, handlers);
        assertGolden(name, out, r.out());

        List<byte[]> sent = readPcap(out);
        assertEquals(frames.size() - 1, sent.size(), describeAll(sent));
        for (int i = 0; i < sent.size(); i++) {
            assertArrayEquals(mirrored(frames.get(i)), sent.get(i), "frame " + i);
        }
        assertEquals(1, longHandler(r, handlers.get(0)), "the 8-byte runt");
        if (name.equals("workpackage")) {
            assertEquals(frames.size(), longHandler(r, "wp.count"));
        }
    }
}
