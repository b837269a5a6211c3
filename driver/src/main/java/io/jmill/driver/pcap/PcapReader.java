package io.jmill.driver.pcap;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * Reads a classic pcap file record by record, straight into pool packets.
 *
 * <pre>{@code
 * try (PcapReader r = PcapReader.open(Path.of("trace.pcap"))) {
 *     Packet p;
 *     while ((p = PacketPool.alloc()) != null) {
 *         if (!r.next(p)) { p.kill(); break; }   // clean end of file
 *         ... use p (length, data, timestampNanos) ...
 *     }
 * } catch (PcapException e) {
 *     // "trace.pcap: truncated header of record 57 at offset 1234 (7 of 16 bytes)"
 * }
 * }</pre>
 *
 * <p>The file header is checked by {@link #open}: magic {@code a1b2c3d4} (µs timestamps) or
 * {@code a1b23c4d} (ns), in either byte order; version 2.x; link type Ethernet (1) or raw IP
 * (101, or 12). Anything else is refused with a message that says what the file is instead, when
 * it can tell (pcapng, gzip, another link type).
 *
 * <p>{@link #next} reads one record into a packet: its data (at most the packet's room; longer
 * records are cut and counted in {@link #truncatedPackets()}), its length, its timestamp in
 * nanoseconds, and {@link PcapFormat#EXTRA_LENGTH} (original length minus the bytes kept). It
 * reuses one buffer: no allocation per record. A damaged record — a header cut short by the end of
 * the file, data cut short, a captured length larger than the snap length allows — throws a
 * {@link PcapException} naming the record's number (from 1) and offset; after that the reader is failed and every
 * further {@code next} throws the same exception.
 *
 * <p>Not thread-safe: one reader, one thread at a time.
 */
public final class PcapReader implements AutoCloseable {
    /** Read buffer size; large enough for any record header plus a burst of packets. */
    static final int BUFFER_SIZE = 1 << 18;

    private final String name;
    private final ReadableByteChannel channel;
    private final long fileSize;
    private final ByteBuffer buf;
    private final MemorySegment bufSegment;
    /** File offset of {@code buf[0]}. */
    private long bufferFileOffset;
    private boolean channelAtEnd;

    private final ByteOrder order;
    private final boolean nanosecond;
    private final int versionMajor;
    private final int versionMinor;
    private final long snaplen;
    private final int linkType;
    private final long recordLimit;

    private long packetsRead;
    private long truncatedPackets;
    private long lastRecordOffset = -1;
    private int lastCapturedLength;
    private int lastOriginalLength;
    private PcapException failure;
    private boolean closed;

    private PcapReader(String name, ReadableByteChannel channel, long fileSize) throws PcapException {
        this.name = name;
        this.channel = channel;
        this.fileSize = fileSize;
        this.buf = ByteBuffer.allocateDirect(BUFFER_SIZE);
        this.bufSegment = MemorySegment.ofBuffer(buf);
        buf.flip(); // read mode, empty

        int have = fill(PcapFormat.FILE_HEADER_SIZE);
        if (have < 4) {
            throw new PcapException(name, -1, have == 0 ? "empty file: not a pcap file"
                    : "too short to be a pcap file (" + have + " bytes)");
        }
        int raw = buf.order(ByteOrder.BIG_ENDIAN).getInt(0);
        ByteOrder o;
        boolean nanos;
        if (raw == PcapFormat.MAGIC_MICROS || raw == PcapFormat.MAGIC_NANOS) {
            o = ByteOrder.BIG_ENDIAN;
            nanos = raw == PcapFormat.MAGIC_NANOS;
        } else if (Integer.reverseBytes(raw) == PcapFormat.MAGIC_MICROS || Integer.reverseBytes(raw) == PcapFormat.MAGIC_NANOS) {
            o = ByteOrder.LITTLE_ENDIAN;
            nanos = Integer.reverseBytes(raw) == PcapFormat.MAGIC_NANOS;
        } else {
            throw new PcapException(name, 0, badMagic(raw));
        }
        if (have < PcapFormat.FILE_HEADER_SIZE) {
            throw new PcapException(name, 0, "truncated file header (" + have + " of "
                    + PcapFormat.FILE_HEADER_SIZE + " bytes)");
        }
        buf.order(o);
        this.order = o;
        this.nanosecond = nanos;
        this.versionMajor = buf.getShort(4) & 0xFFFF;
        this.versionMinor = buf.getShort(6) & 0xFFFF;
        this.snaplen = buf.getInt(16) & 0xFFFF_FFFFL;
        // The upper bits of the link-type field carry FCS information in newer files.
        this.linkType = buf.getInt(20) & 0xFFFF;
        if (versionMajor != PcapFormat.VERSION_MAJOR) {
            throw new PcapException(name, 4, "unsupported pcap version " + versionMajor + "." + versionMinor
                    + " (expected " + PcapFormat.VERSION_MAJOR + "." + PcapFormat.VERSION_MINOR + ")");
        }
        if (!PcapFormat.isSupportedLinkType(linkType)) {
            throw new PcapException(name, 20, "link type " + linkType + " (" + PcapFormat.linkTypeName(linkType)
                    + ") is not supported (supported: 1 ETHERNET, 101 RAW)");
        }
        this.recordLimit = Math.max(snaplen, PcapFormat.MIN_RECORD_LIMIT);
        buf.position(PcapFormat.FILE_HEADER_SIZE);
    }

    private static String badMagic(int raw) {
        String hex = String.format(Locale.ROOT, "0x%08x", raw);
        if (raw == PcapFormat.MAGIC_PCAPNG) {
            return "pcapng file (magic " + hex + "): only classic pcap is supported"
                    + " (convert it with 'editcap -F pcap')";
        }
        if (raw == PcapFormat.MAGIC_MODIFIED || Integer.reverseBytes(raw) == PcapFormat.MAGIC_MODIFIED) {
            return "modified-pcap file (magic " + hex + ") is not supported (convert it with 'editcap -F pcap')";
        }
        if ((raw >>> 16) == 0x1F8B) {
            return "gzip-compressed file (magic " + hex + "): decompress it first";
        }
        return "bad magic " + hex + ": not a pcap file";
    }

    /**
     * Opens {@code file} and checks its header.
     *
     * @throws PcapException if the file cannot be opened ({@code "x.pcap: no such file"}) or is not
     *     a readable pcap file
     */
    public static PcapReader open(Path file) throws PcapException {
        String name = file.toString();
        FileChannel ch;
        long size;
        try {
            ch = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new PcapException(name, -1, PcapFormat.describe(e), e);
        } catch (UnsupportedOperationException | SecurityException e) {
            throw new PcapException(name, -1, "cannot open: " + e.getMessage(), e);
        }
        try {
            if (Files.isDirectory(file)) {
                throw new PcapException(name, -1, "is a directory");
            }
            size = ch.size();
            return new PcapReader(name, ch, size);
        } catch (PcapException e) {
            closeQuietly(ch);
            throw e;
        } catch (IOException e) {
            closeQuietly(ch);
            throw new PcapException(name, -1, PcapFormat.describe(e), e);
        }
    }

    /**
     * Reads a pcap stream from {@code channel} (standard input, a pipe); {@code name} is used in
     * messages. The reader closes the channel when it is closed.
     */
    public static PcapReader open(String name, ReadableByteChannel channel) throws PcapException {
        try {
            return new PcapReader(name, channel, channel instanceof FileChannel f ? f.size() : -1);
        } catch (PcapException e) {
            closeQuietly(channel);
            throw e;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PcapException(name, -1, PcapFormat.describe(e), e);
        }
    }

    /** Reads standard input; see {@link #open(String, ReadableByteChannel)}. */
    public static PcapReader openStandardInput() throws PcapException {
        return open("<stdin>", Channels.newChannel(System.in));
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Nothing useful to add to the error being reported.
        }
    }

    // ------------------------------------------------------------------ records

    /**
     * Reads the next record into {@code p}: data (cut to the packet's room), length, timestamp and
     * {@link PcapFormat#EXTRA_LENGTH}. Headers and annotations other than those are left alone.
     *
     * @return true if a record was read; false at the clean end of the file (no bytes left after
     *     the last complete record), leaving {@code p} unchanged
     * @throws PcapException for a damaged or cut record (the packet's contents are then undefined)
     *     or a read error
     */
    public boolean next(Packet p) throws PcapException {
        if (failure != null) {
            throw failure;
        }
        if (closed) {
            throw new PcapException(name, -1, "reader is closed");
        }
        long offset = position();
        int have = fill(PcapFormat.RECORD_HEADER_SIZE);
        if (have < PcapFormat.RECORD_HEADER_SIZE) {
            if (have == 0) {
                return false;
            }
            throw fail(offset, "truncated header of record " + (packetsRead + 1) + " at offset " + offset + " ("
                    + have + " of " + PcapFormat.RECORD_HEADER_SIZE + " bytes)");
        }
        int at = buf.position();
        long seconds = buf.getInt(at) & 0xFFFF_FFFFL;
        long fraction = buf.getInt(at + 4) & 0xFFFF_FFFFL;
        long captured = buf.getInt(at + 8) & 0xFFFF_FFFFL;
        long original = buf.getInt(at + 12) & 0xFFFF_FFFFL;
        if (captured > recordLimit) {
            throw fail(offset, "record " + (packetsRead + 1) + " at offset " + offset + " claims " + captured + " bytes, more than the"
                    + " file allows (" + recordLimit + ": the larger of its snap length " + snaplen + " and "
                    + PcapFormat.MIN_RECORD_LIMIT + ")");
        }
        buf.position(at + PcapFormat.RECORD_HEADER_SIZE);

        int room = Packet.capacity() - p.headroom();
        int keep = (int) Math.min(captured, room);
        long remaining = captured;
        long copied = 0;
        long dst = p.dataAddress();
        while (remaining > 0) {
            if (!buf.hasRemaining() && fill((int) Math.min(remaining, BUFFER_SIZE)) == 0) {
                throw fail(offset, "truncated record " + (packetsRead + 1) + " at offset " + offset + " ("
                        + (captured - remaining)
                        + " of " + captured + " data bytes)");
            }
            int chunk = (int) Math.min(buf.remaining(), remaining);
            int copy = (int) Math.min(chunk, keep - copied);
            if (copy > 0) {
                MemorySegment.copy(bufSegment, buf.position(), PacketMemory.MEMORY, dst + copied, copy);
                copied += copy;
            }
            buf.position(buf.position() + chunk);
            remaining -= chunk;
        }
        p.setLength(keep);
        p.setTimestampNanos(seconds * 1_000_000_000L + (nanosecond ? fraction : fraction * 1000L));
        p.setAnno(PcapFormat.EXTRA_LENGTH, original > keep ? original - keep : 0);
        if (keep < captured) {
            truncatedPackets++;
        }
        packetsRead++;
        lastRecordOffset = offset;
        lastCapturedLength = (int) Math.min(captured, Integer.MAX_VALUE);
        lastOriginalLength = (int) Math.min(original, Integer.MAX_VALUE);
        return true;
    }

    private PcapException fail(long offset, String detail) {
        failure = new PcapException(name, offset, detail);
        return failure;
    }

    /**
     * Makes at least {@code need} bytes available after {@code buf.position()} (need at most
     * {@link #BUFFER_SIZE}); returns how many are, fewer only at the end of the file.
     */
    private int fill(int need) throws PcapException {
        if (buf.remaining() >= need || channelAtEnd) {
            return buf.remaining();
        }
        bufferFileOffset += buf.position();
        buf.compact();
        IOException error = null;
        try {
            while (buf.position() < need && !channelAtEnd) {
                if (channel.read(buf) < 0) {
                    channelAtEnd = true;
                }
            }
        } catch (IOException e) {
            error = e;
        }
        buf.flip();
        if (error != null) {
            long at = position() + buf.remaining();
            throw fail(at, "read error at offset " + at + ": " + PcapFormat.describe(error));
        }
        return buf.remaining();
    }

    // ------------------------------------------------------------------ file facts

    /** The file's name as given. */
    public String name() {
        return name;
    }

    /** Byte offset of the next record (the end of the last one read). */
    public long position() {
        return bufferFileOffset + buf.position();
    }

    /** File size in bytes, or -1 if unknown (a pipe). */
    public long fileSize() {
        return fileSize;
    }

    /** Byte order the file was written in. */
    public ByteOrder byteOrder() {
        return order;
    }

    /** True for nanosecond timestamps (magic {@code a1b23c4d}), false for microseconds. */
    public boolean nanosecond() {
        return nanosecond;
    }

    public int versionMajor() {
        return versionMajor;
    }

    public int versionMinor() {
        return versionMinor;
    }

    /** The snap length the file declares (unsigned 32-bit). */
    public long snaplen() {
        return snaplen;
    }

    /** Link type: {@link PcapFormat#LINKTYPE_ETHERNET} or a raw-IP type. */
    public int linkType() {
        return linkType;
    }

    /** Records read so far. */
    public long packetsRead() {
        return packetsRead;
    }

    /** Records that did not fit in their packet and were cut. */
    public long truncatedPackets() {
        return truncatedPackets;
    }

    /** Offset of the last record read, or -1. */
    public long lastRecordOffset() {
        return lastRecordOffset;
    }

    /** Captured length of the last record read, before any cut to the packet's room. */
    public int lastCapturedLength() {
        return lastCapturedLength;
    }

    /** Original (wire) length of the last record read. */
    public int lastOriginalLength() {
        return lastOriginalLength;
    }

    /** The error that failed the reader, or null. */
    public PcapException failure() {
        return failure;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeQuietly(channel);
        }
    }
}
