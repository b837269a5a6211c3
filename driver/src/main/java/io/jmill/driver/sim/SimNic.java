package io.jmill.driver.sim;

import io.jmill.driver.DescriptorArea;
import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.driver.ExchangeList;
import io.jmill.driver.MetadataModel;
import io.jmill.driver.QueueStats;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketBatch;

import java.io.IOException;

/**
 * A simulated multi-queue NIC: per queue a receive ring of posted packet buffers with a
 * ConnectX-style completion queue, and a transmit ring; a wire model that fills posted buffers
 * (generated flows or a replayed {@code FrameSource}), spreads flows over queues with Toeplitz RSS,
 * and consumes transmitted frames. It lets the three {@link MetadataModel metadata models} be
 * compared on equal terms: the wire does the same work whatever the model.
 *
 * <pre>{@code
 * SimNic nic = SimNic.open(SimNicConfig.builder("nic0").traffic(TrafficSpec.builder().flows(64).build()).build());
 * int n = nic.receive(0, batch, 32);
 * ...
 * nic.close();
 * }</pre>
 *
 * <p>Receive queue {@code q} is polled by one thread and transmit queue {@code q} used by one
 * thread (they may be different). Nothing on those paths allocates.
 */
public final class SimNic implements Device {
    private final SimNicConfig config;
    private final RxRing[] rx;
    private final TxRing[] tx;
    private final int flowCount;
    private final int replayFrames;
    private boolean closed;

    private SimNic(SimNicConfig config, RxRing[] rx, TxRing[] tx, int flowCount, int replayFrames) {
        this.config = config;
        this.rx = rx;
        this.tx = tx;
        this.flowCount = flowCount;
        this.replayFrames = replayFrames;
    }

    /**
     * Opens a NIC. Nothing is taken from the pool until a queue is first polled.
     *
     * @throws DeviceException for a bad queue count or ring size, or an unreadable replay source
     */
    public static SimNic open(SimNicConfig config) throws DeviceException {
        String name = config.name();
        int queues = config.queues();
        if (queues < 1 || queues > MAX_QUEUES) {
            throw new DeviceException("bad queue count " + queues + " for " + name + ": must be between 1 and "
                    + MAX_QUEUES);
        }
        int ring = config.ringSize();
        if (ring < 64 || ring > 32768 || Integer.bitCount(ring) != 1) {
            throw new DeviceException("bad ring size " + ring + " for " + name
                    + ": must be a power of two between 64 and 32768");
        }
        if (config.port() < 0 || config.port() > 0xFFFF) {
            throw new DeviceException("bad port number " + config.port() + " for " + name + ": must be between 0 and 65535");
        }
        QueueFeed[] feeds = new QueueFeed[queues];
        int flows = 0;
        int frames = 0;
        if (config.replay() != null) {
            ReplayWire w;
            try {
                w = new ReplayWire(config.replay(), queues, config.loop());
            } catch (IOException | RuntimeException e) {
                throw new DeviceException("cannot load the frames to replay on " + name + ": " + e.getMessage(), e);
            }
            frames = w.frameCount();
            for (int q = 0; q < queues; q++) {
                feeds[q] = w.feed(q);
            }
        } else {
            FlowWire w = new FlowWire(config.traffic(), queues);
            flows = config.traffic().flows();
            for (int q = 0; q < queues; q++) {
                feeds[q] = w.feed(q);
            }
        }
        RxRing[] rx = new RxRing[queues];
        TxRing[] tx = new TxRing[queues];
        for (int q = 0; q < queues; q++) {
            rx[q] = new RxRing(q, config.port(), config.model(), ring, feeds[q], config.clock());
            tx[q] = new TxRing(q, config.port(), config.model(), ring, rx[q].stats(), config.tap());
        }
        return new SimNic(config, rx, tx, flows, frames);
    }

    public SimNicConfig config() {
        return config;
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public String kind() {
        return "simulated NIC";
    }

    @Override
    public int port() {
        return config.port();
    }

    @Override
    public MetadataModel model() {
        return config.model();
    }

    @Override
    public int queues() {
        return rx.length;
    }

    @Override
    public int receive(int queue, PacketBatch batch, int max) {
        return rx[queue].receive(batch, max);
    }

    @Override
    public boolean transmit(int queue, Packet p) {
        return tx[queue].transmit(p);
    }

    @Override
    public void flush(int queue) {
        tx[queue].flush();
    }

    @Override
    public void xchangeFields(long fields) {
        for (RxRing r : rx) {
            r.xchangeFields(fields);
        }
    }

    @Override
    public QueueStats stats(int queue) {
        return rx[queue].stats();
    }

    /**
     * Sets the rate at which the wire offers frames to {@code queue}, in packets per second; 0 (the
     * default) means line rate: as many as the poller takes. Call from the queue's polling thread,
     * or before it starts.
     */
    public void rate(int queue, double packetsPerSecond) {
        rx[queue].rate(Math.max(0, packetsPerSecond));
    }

    public double rate(int queue) {
        return rx[queue].rate();
    }

    /**
     * True once the wire has no more frames for {@code queue} (a replay without loop reached its
     * end, or no flow maps to the queue) and every frame was handed up.
     */
    public boolean finished(int queue) {
        return rx[queue].finished();
    }

    /** Number of generated flows (0 when replaying). */
    public int flows() {
        return flowCount;
    }

    /** Number of frames loaded for replay (0 when generating). */
    public int replayFrames() {
        return replayFrames;
    }

    /** The COPYING descriptors of receive queue {@code queue} (null in other models); for tests. */
    DescriptorArea rxDescriptors(int queue) {
        return rx[queue].descriptors();
    }

    @Override
    public String describe() {
        String traffic = config.replay() != null ? "replaying " + replayFrames + " frames" + (config.loop() ? " in a loop" : "")
                : config.traffic().toString();
        return describe(", ring " + config.ringSize() + ", " + traffic);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int q = 0; q < rx.length; q++) {
            rx[q].close();
            tx[q].close();
        }
        if (config.model() == MetadataModel.XCHANGE) {
            ExchangeList.releaseIdle();
        }
        if (config.tap() instanceof AutoCloseable c) {
            try {
                c.close(); // e.g. a pcap capture of the wire: flush it
            } catch (Exception e) {
                System.err.println("jmill: " + config.name() + ": closing the wire tap: " + e.getMessage());
            }
        }
    }
}
