package io.jmill.driver;

import java.io.Closeable;
import java.io.IOException;

/**
 * A sequence of captured frames with timestamps: what a wire model replays. A pcap reader
 * implements it (record header → {@link #timestampNanos()}, {@link #capturedLength()},
 * {@link #wireLength()}; record data → {@link #copyTo}); {@link FrameList} is the in-memory one.
 *
 * <p>A cursor, read once from start to end:
 * <pre>{@code
 * try (FrameSource src = ...) {
 *     while (src.next()) {
 *         byte[] b = new byte[src.capturedLength()];
 *         src.copyTo(b, 0);
 *         long t = src.timestampNanos();
 *     }
 * }
 * }</pre>
 * The simulated NIC reads the whole source once, when the device is opened, into memory of its
 * own; nothing of the source is touched on the data path.
 */
public interface FrameSource extends Closeable {
    /**
     * Advances to the next frame.
     *
     * @return false at the end of the source
     * @throws IOException if the source is unreadable or corrupt (the message names the position)
     */
    boolean next() throws IOException;

    /** Capture timestamp of the current frame, nanoseconds since the epoch. */
    long timestampNanos();

    /** Bytes of the current frame available from {@link #copyTo} (pcap's {@code incl_len}). */
    int capturedLength();

    /** Length of the frame on the wire, at least {@link #capturedLength()} (pcap's {@code orig_len}). */
    int wireLength();

    /** Copies the {@link #capturedLength()} bytes of the current frame into {@code dst[offset..]}. */
    void copyTo(byte[] dst, int offset);

    /** Releases the source (closes a file). The default does nothing. */
    @Override
    default void close() throws IOException {
    }
}
