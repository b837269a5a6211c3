package io.jmill.driver.pcap;

import io.jmill.driver.FrameSource;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A pcap file as a {@link FrameSource}, for wire models that replay captured traffic (the
 * simulated NIC's {@code PCAP} keyword). Reads through one scratch packet slot, taken from the
 * pool when opened and given back on {@link #close()}.
 */
public final class PcapFrameSource implements FrameSource {
    private final PcapReader reader;
    private final Packet scratch;

    private PcapFrameSource(PcapReader reader, Packet scratch) {
        this.reader = reader;
        this.scratch = scratch;
    }

    /** Opens {@code file}; the error names the file and what is wrong with it. */
    public static PcapFrameSource open(Path file) throws PcapException {
        PcapReader reader = PcapReader.open(file);
        Packet scratch = PacketPool.alloc();
        if (scratch == null) {
            reader.close();
            throw new PcapException(file.toString(), -1, "no free packet buffer to read with");
        }
        return new PcapFrameSource(reader, scratch);
    }

    @Override
    public boolean next() throws IOException {
        return reader.next(scratch);
    }

    @Override
    public long timestampNanos() {
        return scratch.timestampNanos();
    }

    @Override
    public int capturedLength() {
        return scratch.length();
    }

    @Override
    public int wireLength() {
        return Math.max(reader.lastOriginalLength(), scratch.length());
    }

    @Override
    public void copyTo(byte[] dst, int offset) {
        scratch.copyOut(0, dst, offset, scratch.length());
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            scratch.kill();
        }
    }
}
