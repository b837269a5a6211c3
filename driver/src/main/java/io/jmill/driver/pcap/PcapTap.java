package io.jmill.driver.pcap;

import io.jmill.driver.sim.WireTap;
import io.jmill.layout.PacketMemory;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * Writes every frame a simulated NIC transmits into a pcap file (the {@code DUMP} keyword of
 * {@code ToNIC}): the wire seen from outside. Frames are copied through one reusable buffer, so
 * the tap allocates nothing per packet; the writer buffers and is flushed on {@link #close()}.
 * A write error is reported once and stops the capture, never the NIC.
 */
public final class PcapTap implements WireTap, AutoCloseable {
    private final PcapWriter writer;
    private final byte[] buffer = new byte[65536];
    private volatile String failure;

    private PcapTap(PcapWriter writer) {
        this.writer = writer;
    }

    /** Creates (or truncates) {@code file}, Ethernet link type, microsecond timestamps. */
    public static PcapTap create(Path file) throws PcapException {
        return new PcapTap(PcapWriter.create(file, false, 65535, PcapFormat.LINKTYPE_ETHERNET));
    }

    @Override
    public synchronized void transmitted(int queue, long address, int length) {
        if (failure != null) {
            return;
        }
        int n = Math.min(length, buffer.length);
        MemorySegment.copy(PacketMemory.MEMORY, ValueLayout.JAVA_BYTE, address, buffer, 0, n);
        try {
            writer.write(System.currentTimeMillis() * 1_000_000L, buffer, 0, n, length);
        } catch (PcapException e) {
            failure = e.getMessage();
            System.err.println("jmill: " + failure + "; capture stopped");
        }
    }

    /** The write error that stopped the capture, or null. */
    public String failure() {
        return failure;
    }

    @Override
    public synchronized void close() throws PcapException {
        writer.close();
    }
}
