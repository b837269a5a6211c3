package io.jmill.driver;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

/**
 * A packet I/O device with one or more queues: the driver SPI. Two implementations: the
 * simulated NIC ({@code io.jmill.driver.sim.SimNic}, descriptor rings filled by a wire model) and
 * AF_PACKET sockets on real Linux interfaces ({@code io.jmill.driver.afpacket.AfPacketDevice}).
 *
 * <p>Use, one thread per queue (DPDK's rule; the device does not lock):
 * <pre>{@code
 * PacketBatch batch = new PacketBatch(32);
 * while (running) {
 *     batch.clear();
 *     int n = dev.receive(queue, batch, 32);       // packets with their metadata filled in
 *     for (int i = 0; i < n; i++) {
 *         Packet p = batch.get(i);
 *         ...                                       // process
 *         dev.transmit(queue, p);                   // the device owns p now
 *     }
 * }
 * dev.close();                                      // frees every buffer the device holds
 * }</pre>
 *
 * <p>Received packets carry, whatever the {@link #model() metadata model}: length, MAC header at
 * offset 0, packet type (Click's HOST, BROADCAST, ...), input device ({@link #port()}) and queue,
 * timestamp, VLAN TCI and RSS hash (0 when the frame has none). Nothing on the data path throws
 * or allocates: problems become {@link QueueStats counters}.
 */
public interface Device extends AutoCloseable {
    /** Largest number of queues a device may have. */
    int MAX_QUEUES = 64;

    /** Name the device was opened with ({@code nic0}, {@code eth0}). */
    String name();

    /** Kind of device, for messages: {@code simulated NIC}, {@code AF_PACKET}. */
    String kind();

    /** The number written into received packets' input-device annotation. */
    int port();

    /** How metadata reaches JMill packets on this device. */
    MetadataModel model();

    /** Number of queues; each has a receive and a transmit side. */
    int queues();

    /**
     * Receives up to {@code max} packets from {@code queue}, appending them to {@code batch} (never
     * beyond its capacity). The caller owns the packets.
     *
     * @return the number of packets appended, 0 if none is ready
     */
    int receive(int queue, PacketBatch batch, int max);

    /**
     * Transmits {@code p} on {@code queue}. The device owns {@code p} from now on, whether it is
     * sent or dropped (counted in {@link QueueStats#txDrops()}).
     *
     * @return true if the packet was accepted for transmission
     */
    boolean transmit(int queue, Packet p);

    /**
     * Transmits every packet of {@code batch} on {@code queue} and empties the batch.
     *
     * @return the number accepted (the rest were dropped and counted)
     */
    default int transmit(int queue, PacketBatch batch) {
        int sent = 0;
        for (int i = 0; i < batch.size(); i++) {
            if (transmit(queue, batch.get(i))) {
                sent++;
            }
        }
        batch.clear();
        return sent;
    }

    /**
     * Reclaims transmitted buffers of {@code queue} now instead of in bulk later (a NIC's TX
     * completions). Call from the queue's transmitting thread.
     */
    void flush(int queue);

    /** The counters of {@code queue}; the object stays the same for the device's life. */
    QueueStats stats(int queue);

    /**
     * Tells an XCHANGE device which metadata fields the application reads (a bit per
     * {@code MetadataField.id()}, {@link Xchange#ALL_FIELDS} for every field): it then writes and
     * clears only those when it hands a packet up. Takes effect at each queue's next burst. Other
     * models write every field and ignore this; so does the default implementation.
     */
    default void xchangeFields(long fields) {
    }

    /**
     * What went wrong with the device while it runs, such as its interface having been deleted;
     * "" while nothing has. The default has nothing to say.
     */
    default String fault() {
        return "";
    }

    /** Sum of all queues' counters (a new object: not for the data plane). */
    default QueueStats totals() {
        QueueStats t = new QueueStats();
        for (int q = 0; q < queues(); q++) {
            t.add(stats(q));
        }
        return t;
    }

    /** A few lines: the device, its model, and each queue's counters. */
    default String describe() {
        return describe("");
    }

    /**
     * {@link #describe()} with {@code details} (such as {@code ", ring 1024"}) appended to the
     * first line; for implementations.
     */
    default String describe(String details) {
        StringBuilder sb = new StringBuilder(kind()).append(' ').append(name()).append(": port ").append(port())
                .append(", model ").append(model().word()).append(", ").append(queues())
                .append(queues() == 1 ? " queue" : " queues").append(details);
        for (int q = 0; q < queues(); q++) {
            sb.append("\nqueue ").append(q).append(": ").append(stats(q).describe());
        }
        if (queues() > 1) {
            sb.append("\ntotal: ").append(totals().describe());
        }
        return sb.toString();
    }

    /**
     * Releases the device: every buffer it holds goes back to the pool, sockets and memory are
     * freed. Call once no thread uses the device any more. Idempotent.
     */
    @Override
    void close();
}
