package io.jmill.elements.file;

import io.jmill.driver.net.FrameBuilder;
import io.jmill.driver.pcap.PcapFormat;
import io.jmill.driver.pcap.PcapReader;
import io.jmill.driver.pcap.PcapWriter;
import io.jmill.engine.lang.ClickParser;
import io.jmill.engine.router.Router;
import io.jmill.engine.router.RouterBuilder;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test traces: frames with timestamps, written to and read from pcap files. */
final class Traces {
    private Traces() {
    }

    /** One record: timestamp, bytes, and the original length to claim. */
    record Frame(long tsNanos, byte[] data, long original) {
        Frame(long tsNanos, byte[] data) {
            this(tsNanos, data, data.length);
        }
    }

    static final long T0 = 1_700_000_000_000_000_000L;

    /** {@code n} distinct UDP frames of varied sizes, 1 ms apart (µs-exact timestamps). */
    static List<Frame> udpFrames(int n) {
        List<Frame> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] f = FrameBuilder.udp().src("10.0.0." + (1 + i % 250), 1000 + i).dst("10.9.0.1", 53)
                    .frameLength(60 + (i * 37) % 1400).fill(i).build();
            out.add(new Frame(T0 + i * 1_000_000L, f));
        }
        return out;
    }

    static Path write(Path file, List<Frame> frames) throws IOException {
        return write(file, frames, false, 65535);
    }

    static Path write(Path file, List<Frame> frames, boolean nanos, long snaplen) throws IOException {
        try (PcapWriter w = PcapWriter.create(file, nanos, snaplen, PcapFormat.LINKTYPE_ETHERNET)) {
            for (Frame f : frames) {
                w.write(f.tsNanos(), f.data(), 0, f.data().length, f.original());
            }
        }
        return file;
    }

    /** Every record of {@code file}. */
    static List<Frame> read(Path file) throws IOException {
        List<Frame> out = new ArrayList<>();
        try (PcapReader r = PcapReader.open(file)) {
            Packet p = PacketPool.alloc();
            try {
                while (r.next(p)) {
                    out.add(new Frame(p.timestampNanos(), p.toByteArray(), p.length() + p.anno(PcapFormat.EXTRA_LENGTH)));
                }
            } finally {
                p.kill();
            }
        }
        return out;
    }

    /** A router from configuration text, built with the harness registry. */
    static Router router(String config) throws Exception {
        return new RouterBuilder(Harness.registry()).build(ClickParser.parse("test.click", config, Map.of()));
    }

    /** A file name fit for configuration text (quoted). */
    static String q(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
