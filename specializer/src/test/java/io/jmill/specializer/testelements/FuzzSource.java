package io.jmill.specializer.testelements;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test source of given frames: emits, in order, the frames {@link #offer} stored under its KEY,
 * then is done. With POISON b, every byte of each packet's buffer outside the frame (headroom and
 * tailroom) is set to b first, so that two runs with different poisons reveal an element whose
 * output depends on bytes that are not the packet's. Emits only while {@code active} (ACTIVE).
 */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class FuzzSource extends Element implements Task, TrafficSource {
    private static final Map<String, List<byte[]>> FRAMES = new ConcurrentHashMap<>();

    private final byte[][] frames;
    private final int poison;
    private final int burst;
    private final State state = new State();

    private static final class State {
        volatile boolean active;
        int sent;
        long bytes;
    }

    public FuzzSource(ElementConfig c) {
        super(c);
        String key = c.args().keyword("KEY").string("");
        List<byte[]> f = FRAMES.get(key);
        frames = f == null ? new byte[0][] : f.toArray(new byte[0][]);
        poison = c.args().keyword("POISON").integer(-1, -1, 255);
        burst = c.args().keyword("BURST").integer(c.batch(), 1, 4096);
        state.active = c.args().keyword("ACTIVE").bool(true);
    }

    /** Stores the frames sources with KEY {@code key} emit (read when such a source is built). */
    public static void offer(String key, List<byte[]> frames) {
        FRAMES.put(key, List.copyOf(frames));
    }

    @Override
    public int runTask() {
        State s = state;
        if (!s.active) {
            return 0;
        }
        int n = 0;
        while (n < burst && s.sent < frames.length) {
            Packet p = PacketPool.alloc();
            if (p == null) {
                break;
            }
            byte[] f = frames[s.sent];
            if (poison >= 0) {
                poison(p);
            }
            p.setData(f);
            s.sent++;
            s.bytes += f.length;
            n++;
            output(0, p);
        }
        return s.sent >= frames.length && n == 0 ? DONE : n;
    }

    private void poison(Packet p) {
        p.setLength(0);
        p.push(p.headroom());
        p.put(p.tailroom());
        byte[] fill = new byte[p.length()];
        java.util.Arrays.fill(fill, (byte) poison);
        p.copyIn(0, fill, 0, fill.length);
    }

    @Override
    public long packetsOut() {
        return state.sent;
    }

    @Override
    public long bytesOut() {
        return state.bytes;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.sent);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = Boolean.parseBoolean(v.strip()));
    }
}
