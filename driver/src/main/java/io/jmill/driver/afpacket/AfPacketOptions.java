package io.jmill.driver.afpacket;

import io.jmill.driver.MetadataModel;
import io.jmill.layout.PacketPool;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Settings of an {@link AfPacketDevice}; immutable. Build with {@link #builder(String)}:
 * <pre>{@code
 * AfPacketOptions o = AfPacketOptions.builder("eth0").queues(2).promiscuous(true).build();
 * }</pre>
 * With more than one queue, each queue's socket joins one PACKET_FANOUT group in hash mode, so the
 * kernel spreads flows over the queues as a NIC's RSS would.
 */
public final class AfPacketOptions {
    private final String interfaceName;
    private final int queues;
    private final MetadataModel model;
    private final boolean receive;
    private final boolean transmit;
    private final boolean promiscuous;
    private final boolean outbound;
    private final int protocol;
    private final int snaplen;
    private final int blockSize;
    private final int blockCount;
    private final int retireMillis;
    private final int port;
    private final String netns;
    private final Consumer<String> reporter;

    private AfPacketOptions(Builder b) {
        interfaceName = b.interfaceName;
        queues = b.queues;
        model = b.model;
        receive = b.receive;
        transmit = b.transmit;
        promiscuous = b.promiscuous;
        outbound = b.outbound;
        protocol = b.protocol;
        snaplen = b.snaplen;
        blockSize = b.blockSize;
        blockCount = b.blockCount;
        retireMillis = b.retireMillis;
        port = b.port;
        netns = b.netns;
        reporter = b.reporter;
    }

    public static Builder builder(String interfaceName) {
        return new Builder(interfaceName);
    }

    public String interfaceName() {
        return interfaceName;
    }

    public int queues() {
        return queues;
    }

    public MetadataModel model() {
        return model;
    }

    /** Whether receive rings are opened. */
    public boolean receive() {
        return receive;
    }

    /** Whether transmit sockets are opened. */
    public boolean transmit() {
        return transmit;
    }

    public boolean promiscuous() {
        return promiscuous;
    }

    /** Whether frames the host itself sends on the interface are received too. */
    public boolean outbound() {
        return outbound;
    }

    /** Link-layer protocol to receive (ETH_P_ALL = 3 for all). */
    public int protocol() {
        return protocol;
    }

    /** Most bytes kept of a received frame (at most the packet buffer's {@link PacketPool#DATA_SIZE}). */
    public int snaplen() {
        return snaplen;
    }

    public int blockSize() {
        return blockSize;
    }

    public int blockCount() {
        return blockCount;
    }

    /** How long the kernel waits before handing over a block that is not full, in ms. */
    public int retireMillis() {
        return retireMillis;
    }

    /** Input-device annotation of received packets; -1 means the interface index. */
    public int port() {
        return port;
    }

    /** Network namespace the interface lives in ({@link NetNamespace}), or null for the process's own. */
    public String netns() {
        return netns;
    }

    /**
     * Where the device says, once, that its interface went down or was deleted while it runs (see
     * {@link AfPacketDevice#fault()}); standard error by default.
     */
    public Consumer<String> reporter() {
        return reporter;
    }

    /** Collects settings; {@link AfPacketDevice#open} checks them. */
    public static final class Builder {
        private final String interfaceName;
        private int queues = 1;
        private MetadataModel model = MetadataModel.XCHANGE;
        private boolean receive = true;
        private boolean transmit = true;
        private boolean promiscuous;
        private boolean outbound;
        private int protocol = Linux.ETH_P_ALL;
        private int snaplen = PacketPool.DATA_SIZE;
        private int blockSize = 1 << 18;
        private int blockCount = 16;
        private int retireMillis = 4;
        private int port = -1;
        private String netns;
        private Consumer<String> reporter = System.err::println;

        private Builder(String interfaceName) {
            this.interfaceName = Objects.requireNonNull(interfaceName);
        }

        public Builder queues(int n) {
            queues = n;
            return this;
        }

        public Builder model(MetadataModel m) {
            model = Objects.requireNonNull(m);
            return this;
        }

        /** Open receive rings (default true). */
        public Builder receive(boolean on) {
            receive = on;
            return this;
        }

        /** Open transmit sockets (default true). */
        public Builder transmit(boolean on) {
            transmit = on;
            return this;
        }

        public Builder promiscuous(boolean on) {
            promiscuous = on;
            return this;
        }

        public Builder outbound(boolean on) {
            outbound = on;
            return this;
        }

        public Builder protocol(int ethertype) {
            protocol = ethertype;
            return this;
        }

        public Builder snaplen(int n) {
            snaplen = n;
            return this;
        }

        /** Ring geometry: {@code count} blocks of {@code size} bytes (a multiple of the page size). */
        public Builder ring(int size, int count) {
            blockSize = size;
            blockCount = count;
            return this;
        }

        public Builder retireMillis(int ms) {
            retireMillis = ms;
            return this;
        }

        public Builder port(int p) {
            port = p;
            return this;
        }

        /** Opens the interface in network namespace {@code name} (see {@link NetNamespace}); null: this one. */
        public Builder netns(String name) {
            netns = name;
            return this;
        }

        /** Where run-time problems of the interface are reported (default: standard error). */
        public Builder reporter(Consumer<String> r) {
            reporter = Objects.requireNonNull(r);
            return this;
        }

        public AfPacketOptions build() {
            return new AfPacketOptions(this);
        }
    }
}
