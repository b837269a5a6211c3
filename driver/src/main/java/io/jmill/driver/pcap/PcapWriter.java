package io.jmill.driver.pcap;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;
import io.jmill.layout.PacketPool;
import org.agrona.UnsafeApi;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a classic pcap file from packets, buffered.
 *
 * <pre>{@code
 * try (PcapWriter w = PcapWriter.create(Path.of("out.pcap"), false, 65535, PcapFormat.LINKTYPE_ETHERNET)) {
 *     w.write(packet);          // length, data, timestamp and extra length from the packet
 * }                             // close(): flush and close the file
 * }</pre>
 *
 * <p>The file header is written at creation: the µs or ns magic, version 2.4, the snap length and
 * the link type, in little-endian byte order unless another is asked for. Each record stores at
 * most the snap length of the packet's bytes, and as original length the packet's length plus its
 * {@link PcapFormat#EXTRA_LENGTH} annotation, so a packet read by {@link PcapReader} is written
 * back as it was. Records go into one reused buffer that is written out when full, on
 * {@link #flush()} and on {@link #close()}: no allocation per packet.
 *
 * <p>Not thread-safe: one writer, one thread at a time.
 */
public final class PcapWriter implements AutoCloseable {
    static final int BUFFER_SIZE = 1 << 18;
    /** Records of up to this many data bytes are stored with word moves ({@link #writeShort}). */
    private static final int SHORT_RECORD = 256;

    private final String name;
    private final WritableByteChannel channel;
    private final boolean closeChannel;
    private final ByteBuffer buf;
    private final MemorySegment bufSegment;
    /** Native address of {@link #buf}'s first byte, for the word moves of short records. */
    private final long bufAddress;
    /** Whether the file's byte order is not the machine's: header words are swapped when stored raw. */
    private final boolean swap;
    private final boolean nanosecond;
    private final long snaplen;
    private final int linkType;
    /** Bytes handed to the channel so far. */
    private long flushedBytes;
    private long packetsWritten;
    private boolean closed;

    private PcapWriter(String name, WritableByteChannel channel, boolean closeChannel, boolean nanosecond,
                       long snaplen, int linkType, ByteOrder order) {
        this.name = name;
        this.channel = channel;
        this.closeChannel = closeChannel;
        this.nanosecond = nanosecond;
        this.snaplen = snaplen;
        this.linkType = linkType;
        this.buf = ByteBuffer.allocateDirect(BUFFER_SIZE).order(order);
        this.bufSegment = MemorySegment.ofBuffer(buf);
        this.bufAddress = bufSegment.address();
        this.swap = order != ByteOrder.nativeOrder();
        buf.putInt(nanosecond ? PcapFormat.MAGIC_NANOS : PcapFormat.MAGIC_MICROS);
        buf.putShort((short) PcapFormat.VERSION_MAJOR);
        buf.putShort((short) PcapFormat.VERSION_MINOR);
        buf.putInt(0); // thiszone: timestamps are UTC
        buf.putInt(0); // sigfigs
        buf.putInt((int) snaplen);
        buf.putInt(linkType);
    }

    /**
     * Creates (or truncates) {@code file} and writes the file header, little-endian.
     *
     * @param nanosecond true for nanosecond timestamps (magic {@code a1b23c4d}), false for µs
     * @param snaplen    most bytes stored per packet, 1 to 2^32-1
     * @param linkType   e.g. {@link PcapFormat#LINKTYPE_ETHERNET}
     * @throws PcapException if the file cannot be created ({@code "out.pcap: no such file"} when
     *     its directory does not exist)
     */
    public static PcapWriter create(Path file, boolean nanosecond, long snaplen, int linkType) throws PcapException {
        checkSnaplen(snaplen);
        String name = file.toString();
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new PcapException(name, -1, PcapFormat.describe(e), e);
        } catch (UnsupportedOperationException | SecurityException e) {
            throw new PcapException(name, -1, "cannot create: " + e.getMessage(), e);
        }
        return new PcapWriter(name, ch, true, nanosecond, snaplen, linkType, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Writes to {@code channel} in byte order {@code order}; {@code name} is used in messages.
     * The channel is closed on {@link #close()} if {@code closeChannel}.
     */
    public static PcapWriter open(String name, WritableByteChannel channel, boolean closeChannel, boolean nanosecond,
                                  long snaplen, int linkType, ByteOrder order) {
        checkSnaplen(snaplen);
        return new PcapWriter(name, channel, closeChannel, nanosecond, snaplen, linkType, order);
    }

    /** Writes to standard output (left open on close). */
    public static PcapWriter openStandardOutput(boolean nanosecond, long snaplen, int linkType) {
        return open("<stdout>", Channels.newChannel(System.out), false, nanosecond, snaplen, linkType,
                ByteOrder.LITTLE_ENDIAN);
    }

    private static void checkSnaplen(long snaplen) {
        if (snaplen < 1 || snaplen > PcapFormat.MAX_SNAPLEN) {
            throw new IllegalArgumentException("snap length must be between 1 and " + PcapFormat.MAX_SNAPLEN
                    + ", not " + snaplen);
        }
    }

    // ------------------------------------------------------------------ records

    /**
     * Writes {@code p}: its timestamp, at most the snap length of its data, and as original length
     * its length plus its {@link PcapFormat#EXTRA_LENGTH} annotation.
     */
    public void write(Packet p) throws PcapException {
        long original = p.length() + p.anno(PcapFormat.EXTRA_LENGTH);
        write(p, p.timestampNanos(), original);
    }

    /** Writes {@code p} with the given timestamp (ns since the epoch) and original length. */
    public void write(Packet p, long timestampNanos, long originalLength) throws PcapException {
        int len = p.length();
        int captured = (int) Math.min(len, snaplen);
        int rounded = (captured + 7) & -8;
        if (rounded <= SHORT_RECORD && buf.remaining() >= PcapFormat.RECORD_HEADER_SIZE + rounded
                && p.dataOffset() + rounded <= PacketPool.BUFFER_SIZE && !closed) {
            writeShort(p, timestampNanos, captured, rounded, originalLength);
            return;
        }
        header(timestampNanos, captured, originalLength);
        long src = p.dataAddress();
        int done = 0;
        while (done < captured) {
            if (!buf.hasRemaining()) {
                drain();
            }
            int n = Math.min(buf.remaining(), captured - done);
            MemorySegment.copy(PacketMemory.MEMORY, src + done, bufSegment, buf.position(), n);
            buf.position(buf.position() + n);
            done += n;
        }
        packetsWritten++;
    }

    /**
     * A record that fits the buffer, of a packet whose data rounded up to 8 bytes stays inside its
     * slot: raw stores of the header's four words and word moves of the data, where the general
     * path's buffer puts and bulk copy cost a forwarder's worth of time per packet. The up to 7
     * bytes copied past the data's end land in the buffer's free space, which the next record
     * overwrites.
     */
    private void writeShort(Packet p, long timestampNanos, int captured, int rounded, long originalLength) {
        int pos = buf.position();
        long at = bufAddress + pos;
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long nanos = Math.floorMod(timestampNanos, 1_000_000_000L);
        putInt(at, (int) seconds);
        putInt(at + 4, (int) (nanosecond ? nanos : nanos / 1000));
        putInt(at + 8, captured);
        putInt(at + 12, (int) Math.min(Math.max(originalLength, captured), PcapFormat.MAX_SNAPLEN));
        long src = PacketMemory.ADDRESS + p.dataAddress();
        long dst = at + PcapFormat.RECORD_HEADER_SIZE;
        for (int i = 0; i < rounded; i += 8) {
            UnsafeApi.putLong(dst + i, UnsafeApi.getLong(src + i));
        }
        buf.position(pos + PcapFormat.RECORD_HEADER_SIZE + captured);
        packetsWritten++;
    }

    private void putInt(long address, int value) {
        UnsafeApi.putInt(address, swap ? Integer.reverseBytes(value) : value);
    }

    /** Writes a record holding {@code len} bytes of {@code data} from {@code off} (cut to the snap length). */
    public void write(long timestampNanos, byte[] data, int off, int len, long originalLength) throws PcapException {
        int captured = (int) Math.min(len, snaplen);
        header(timestampNanos, captured, originalLength);
        int done = 0;
        while (done < captured) {
            if (!buf.hasRemaining()) {
                drain();
            }
            int n = Math.min(buf.remaining(), captured - done);
            buf.put(data, off + done, n);
            done += n;
        }
        packetsWritten++;
    }

    private void header(long timestampNanos, int captured, long originalLength) throws PcapException {
        checkOpen();
        if (buf.remaining() < PcapFormat.RECORD_HEADER_SIZE) {
            drain();
        }
        long seconds = Math.floorDiv(timestampNanos, 1_000_000_000L);
        long nanos = Math.floorMod(timestampNanos, 1_000_000_000L);
        buf.putInt((int) seconds);
        buf.putInt((int) (nanosecond ? nanos : nanos / 1000));
        buf.putInt(captured);
        buf.putInt((int) Math.min(Math.max(originalLength, captured), PcapFormat.MAX_SNAPLEN));
    }

    private void checkOpen() throws PcapException {
        if (closed) {
            throw new PcapException(name, position(), "writer is closed");
        }
    }

    /** Hands everything buffered to the channel. */
    private void drain() throws PcapException {
        buf.flip();
        try {
            while (buf.hasRemaining()) {
                flushedBytes += channel.write(buf);
            }
        } catch (IOException e) {
            throw new PcapException(name, flushedBytes, "write error at offset " + flushedBytes + ": "
                    + PcapFormat.describe(e), e);
        } finally {
            buf.compact();
        }
    }

    /** Writes out what is buffered. */
    public void flush() throws PcapException {
        checkOpen();
        drain();
    }

    /** Flushes and closes; idempotent. The file is closed even if the flush fails. */
    @Override
    public void close() throws PcapException {
        if (closed) {
            return;
        }
        try {
            drain();
        } finally {
            closed = true;
            if (closeChannel) {
                try {
                    channel.close();
                } catch (IOException e) {
                    throw new PcapException(name, -1, "close failed: " + PcapFormat.describe(e), e);
                }
            }
        }
    }

    // ------------------------------------------------------------------ facts

    public String name() {
        return name;
    }

    /** Bytes written so far, buffered or not: the file's length once flushed. */
    public long position() {
        return flushedBytes + buf.position();
    }

    public long packetsWritten() {
        return packetsWritten;
    }

    public boolean nanosecond() {
        return nanosecond;
    }

    public long snaplen() {
        return snaplen;
    }

    public int linkType() {
        return linkType;
    }
}
