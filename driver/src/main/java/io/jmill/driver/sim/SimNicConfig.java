package io.jmill.driver.sim;

import io.jmill.driver.Device;
import io.jmill.driver.FrameSource;
import io.jmill.driver.MetadataModel;

import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Settings of a simulated NIC; immutable. Build with {@link #builder(String)}:
 *
 * <pre>{@code
 * SimNicConfig c = SimNicConfig.builder("nic0").queues(2).model(MetadataModel.XCHANGE)
 *         .traffic(TrafficSpec.builder().flows(4096).src(Addresses.ip("10.0.0.0"), 65536).build())
 *         .build();
 * }</pre>
 * The wire either generates {@link #traffic() traffic} (the default: {@link TrafficSpec#defaults()})
 * or {@link #replay() replays} the frames of a {@link FrameSource} (a pcap file, a
 * {@code FrameList}).
 */
public final class SimNicConfig {
    /** Default number of descriptors per ring. */
    public static final int DEFAULT_RING_SIZE = 1024;

    private final String name;
    private final int port;
    private final int queues;
    private final int ringSize;
    private final MetadataModel model;
    private final TrafficSpec traffic;
    private final FrameSource replay;
    private final boolean loop;
    private final LongSupplier clock;
    private final WireTap tap;

    private SimNicConfig(Builder b) {
        name = b.name;
        port = b.port;
        queues = b.queues;
        ringSize = b.ringSize;
        model = b.model;
        traffic = b.traffic;
        replay = b.replay;
        loop = b.loop;
        clock = b.clock;
        tap = b.tap;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public int queues() {
        return queues;
    }

    public int ringSize() {
        return ringSize;
    }

    public MetadataModel model() {
        return model;
    }

    /** Generated traffic, or null when the wire replays {@link #replay()}. */
    public TrafficSpec traffic() {
        return replay == null ? traffic : null;
    }

    /** Frames to replay, or null for generated traffic. */
    public FrameSource replay() {
        return replay;
    }

    /** Whether a replay starts over at its end. */
    public boolean loop() {
        return loop;
    }

    /** The NIC's timestamp clock: nanoseconds since the epoch, read once per burst. */
    public LongSupplier clock() {
        return clock;
    }

    /** Sees every transmitted frame, or null. */
    public WireTap tap() {
        return tap;
    }

    /** Collects settings; {@link SimNic#open} checks them. */
    public static final class Builder {
        private final String name;
        private int port;
        private int queues = 1;
        private int ringSize = DEFAULT_RING_SIZE;
        private MetadataModel model = MetadataModel.XCHANGE;
        private TrafficSpec traffic = TrafficSpec.defaults();
        private FrameSource replay;
        private boolean loop;
        private LongSupplier clock = WallClock.INSTANCE;
        private WireTap tap;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name);
        }

        /** The input-device annotation of received packets (default 0). */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Queues, 1 to {@value Device#MAX_QUEUES} (default 1). */
        public Builder queues(int n) {
            this.queues = n;
            return this;
        }

        /** Descriptors per ring, a power of two from 64 to 32768 (default {@value #DEFAULT_RING_SIZE}). */
        public Builder ringSize(int n) {
            this.ringSize = n;
            return this;
        }

        public Builder model(MetadataModel m) {
            this.model = Objects.requireNonNull(m);
            return this;
        }

        public Builder traffic(TrafficSpec t) {
            this.traffic = Objects.requireNonNull(t);
            this.replay = null;
            return this;
        }

        /**
         * Replays {@code frames}, once or in a loop. {@link SimNic#open} reads the source to its
         * end into memory of its own (so its errors are open errors) and does not close it: the
         * caller closes it once the NIC is open.
         */
        public Builder replay(FrameSource frames, boolean loop) {
            this.replay = Objects.requireNonNull(frames);
            this.loop = loop;
            return this;
        }

        public Builder clock(LongSupplier clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder tap(WireTap tap) {
            this.tap = tap;
            return this;
        }

        public SimNicConfig build() {
            return new SimNicConfig(this);
        }
    }

    /** Wall-clock nanoseconds from {@link System#nanoTime()} and one reading of the wall clock. */
    static final class WallClock implements LongSupplier {
        static final WallClock INSTANCE = new WallClock();
        private final long offset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();

        @Override
        public long getAsLong() {
            return System.nanoTime() + offset;
        }
    }
}
