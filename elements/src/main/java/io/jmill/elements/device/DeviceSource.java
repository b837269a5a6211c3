package io.jmill.elements.device;

import io.jmill.driver.Device;
import io.jmill.driver.QueueStats;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.runtime.XchangeReceiver;
import io.jmill.layout.PacketBatch;

/**
 * What FromNIC and FromDevice share: one receive queue of a device, a burst-sized batch, the
 * packet and byte counters with their handlers, and the X-Change field mask, which the specializer
 * may hand over before the device is open (it is passed on when the device opens).
 */
public abstract class DeviceSource extends Element implements Task, TrafficSource, DropCounter, XchangeReceiver {
    /** The receive queue polled. */
    protected final int queue;
    /** The batch each receive fills. */
    protected final PacketBatch batch;
    private final Receive rx = new Receive();

    /** Run-time state, shared with specialized copies. */
    private static final class Receive {
        Device device;
        QueueStats stats;
        /** X-Change fields the graph reads (set by the specializer, possibly before the device opens). */
        volatile long xchangeFields = ALL_FIELDS;
        long count;
        long bytes;
    }

    protected DeviceSource(ElementConfig c, int queue, int burst) {
        super(c);
        this.queue = queue;
        this.batch = new PacketBatch(burst);
    }

    /** The open device (null before {@link #opened} and after {@link #closed}). */
    protected final Device device() {
        return rx.device;
    }

    /** The counters of the polled queue (null while the device is not open). */
    protected final QueueStats stats() {
        return rx.stats;
    }

    /** Records the device the element opened and hands it the X-Change mask. */
    protected final void opened(Device d) {
        rx.device = d;
        rx.stats = d.stats(queue);
        d.xchangeFields(rx.xchangeFields);
    }

    /** Forgets the device; true if there was one (the caller releases it). */
    protected final boolean closed() {
        boolean was = rx.device != null;
        rx.device = null;
        return was;
    }

    /**
     * Receives up to {@code max} packets from the queue of {@code d} (the open device, as its own
     * class: once inlined into the caller, the receive is a direct call) into the batch and pushes
     * them out of output 0, counting packets and bytes; returns how many.
     */
    protected final int receiveAndPush(Device d, int max) {
        Receive r = rx;
        PacketBatch b = batch;
        QueueStats qs = r.stats;
        long bytesBefore = qs.ibytes();
        int n = d.receive(queue, b, max);
        if (n == 0) {
            return 0;
        }
        r.count += n;
        r.bytes += qs.ibytes() - bytesBefore;
        if (BATCHES) {
            outputBatch(0, b);
        } else {
            for (int i = 0; i < n; i++) {
                output(0, b.get(i));
            }
        }
        b.clear();
        return n;
    }

    /** Packets pushed so far (since the last {@code reset_counts}). */
    protected final long count() {
        return rx.count;
    }

    @Override
    public long packetsOut() {
        return rx.count;
    }

    @Override
    public long bytesOut() {
        return rx.bytes;
    }

    @Override
    public String metadataModel() {
        Device d = rx.device;
        return d == null ? null : d.model().word();
    }

    @Override
    public void xchangeFields(long fields) {
        rx.xchangeFields = fields;
        Device d = rx.device;
        if (d != null) {
            d.xchangeFields(fields);
        }
    }

    /** Handlers {@code count}, {@code bytes}, {@code drops}, {@code model}, {@code stats} and {@code reset_counts}. */
    protected final void addCounterHandlers(Handlers h) {
        Receive r = rx;
        h.readLong("count", () -> r.count);
        h.readLong("bytes", () -> r.bytes);
        h.readLong("drops", this::drops);
        h.read("model", () -> r.device == null ? "" : r.device.model().word());
        h.read("stats", () -> r.device == null ? "" : r.device.describe());
        h.write("reset_counts", v -> {
            r.count = 0;
            r.bytes = 0;
        });
    }
}
