package io.jmill.driver;

import java.util.ArrayList;
import java.util.List;

/**
 * Frames held in memory, as a {@link FrameSource}: for tests, generators written in Java, and
 * anything that has its frames as arrays already.
 *
 * <pre>{@code
 * FrameList frames = new FrameList().add(frame1).add(1_000L, frame2);
 * SimNic nic = SimNic.open(SimNicConfig.builder("nic0").replay(frames).build());
 * }</pre>
 * Each {@link #next()} pass starts over: call {@link #rewind()} to read it again.
 */
public final class FrameList implements FrameSource {
    private final List<byte[]> frames = new ArrayList<>();
    private final List<Long> timestamps = new ArrayList<>();
    private int cursor = -1;

    /** Appends a frame with timestamp 0. */
    public FrameList add(byte[] frame) {
        return add(0L, frame);
    }

    /** Appends a frame (the array is kept, not copied) with its timestamp in ns since the epoch. */
    public FrameList add(long timestampNanos, byte[] frame) {
        frames.add(frame);
        timestamps.add(timestampNanos);
        return this;
    }

    public int size() {
        return frames.size();
    }

    /** Frame {@code i}. */
    public byte[] frame(int i) {
        return frames.get(i);
    }

    /** Goes back to before the first frame. */
    public void rewind() {
        cursor = -1;
    }

    @Override
    public boolean next() {
        if (cursor + 1 >= frames.size()) {
            cursor = frames.size();
            return false;
        }
        cursor++;
        return true;
    }

    @Override
    public long timestampNanos() {
        return timestamps.get(cursor);
    }

    @Override
    public int capturedLength() {
        return frames.get(cursor).length;
    }

    @Override
    public int wireLength() {
        return frames.get(cursor).length;
    }

    @Override
    public void copyTo(byte[] dst, int offset) {
        byte[] f = frames.get(cursor);
        System.arraycopy(f, 0, dst, offset, f.length);
    }
}
