package io.jmill.driver.afxdp;

import io.jmill.driver.MetadataModel;

import java.util.Objects;

/**
 * Settings of an {@link AfXdpDevice}; immutable. Build with {@link #builder(String)}:
 * <pre>{@code
 * AfXdpOptions o = AfXdpOptions.builder("eth0").queues(2).xdpMode(AfXdpOptions.XdpMode.NATIVE).build();
 * }</pre>
 */
public final class AfXdpOptions {
    /** Where the XDP program runs. */
    public enum XdpMode {
        /** In the driver if it can, else generic; the default. */
        AUTO,
        /** In the driver only (fails where the driver has no XDP). */
        NATIVE,
        /** On the kernel's socket buffer (any interface, slower). */
        GENERIC
    }

    /** How frames get into the UMEM. */
    public enum Copy {
        /** Zero-copy if the driver supports it, else copy; the default. */
        AUTO,
        /** The kernel copies each frame into the UMEM. */
        COPY,
        /** The NIC writes into the UMEM (fails where the driver cannot). */
        ZEROCOPY
    }

    private final String interfaceName;
    private final int queues;
    private final MetadataModel model;
    private final boolean receive;
    private final boolean transmit;
    private final XdpMode xdpMode;
    private final Copy copy;
    private final boolean needWakeup;
    private final boolean xdpMetadata;
    private final boolean paintQueue;
    private final boolean replaceProgram;
    private final int ringSize;
    private final int port;
    private final String netns;

    private AfXdpOptions(Builder b) {
        interfaceName = b.interfaceName;
        queues = b.queues;
        model = b.model;
        receive = b.receive;
        transmit = b.transmit;
        xdpMode = b.xdpMode;
        copy = b.copy;
        needWakeup = b.needWakeup;
        xdpMetadata = b.xdpMetadata;
        paintQueue = b.paintQueue;
        replaceProgram = b.replaceProgram;
        ringSize = b.ringSize;
        port = b.port;
        netns = b.netns;
    }

    public static Builder builder(String interfaceName) {
        return new Builder(interfaceName);
    }

    public String interfaceName() {
        return interfaceName;
    }

    /** Number of queues, 0 to {@code queues - 1}: one socket each. */
    public int queues() {
        return queues;
    }

    /** COPYING (the worker fills the metadata) or XCHANGE; OVERLAYING is not offered. */
    public MetadataModel model() {
        return model;
    }

    public boolean receive() {
        return receive;
    }

    public boolean transmit() {
        return transmit;
    }

    public XdpMode xdpMode() {
        return xdpMode;
    }

    public Copy copy() {
        return copy;
    }

    /** Whether the sockets use need-wakeup (system calls only when the kernel asks for them). */
    public boolean needWakeup() {
        return needWakeup;
    }

    /**
     * XCHANGE only: whether the XDP program writes the metadata (default) or the worker does, from
     * the frame, at the same place.
     */
    public boolean xdpMetadata() {
        return xdpMetadata;
    }

    /** Whether received packets are painted with their queue number (FastClick's PAINT_QUEUE). */
    public boolean paintQueue() {
        return paintQueue;
    }

    /** Entries of the RX and TX rings (a power of two); the fill and completion rings have twice as many. */
    public int ringSize() {
        return ringSize;
    }

    /** Input-device annotation of received packets; -1 means the interface index. */
    public int port() {
        return port;
    }

    /** Network namespace of the interface, or null for the process's own. */
    public String netns() {
        return netns;
    }

    /**
     * Whether an XDP program found attached to the interface is detached to make room for JMill's
     * (true), or refused with the program's id and how to remove it (false, the default).
     */
    public boolean replaceProgram() {
        return replaceProgram;
    }

    /** Collects settings; {@link AfXdpDevice#open} checks them. */
    public static final class Builder {
        private final String interfaceName;
        private int queues = 1;
        private MetadataModel model = MetadataModel.XCHANGE;
        private boolean receive = true;
        private boolean transmit = true;
        private XdpMode xdpMode = XdpMode.AUTO;
        private Copy copy = Copy.AUTO;
        private boolean needWakeup = true;
        private boolean xdpMetadata = true;
        private boolean paintQueue;
        private boolean replaceProgram;
        private int ringSize = 2048;
        private int port = -1;
        private String netns;

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

        public Builder receive(boolean on) {
            receive = on;
            return this;
        }

        public Builder transmit(boolean on) {
            transmit = on;
            return this;
        }

        public Builder xdpMode(XdpMode m) {
            xdpMode = Objects.requireNonNull(m);
            return this;
        }

        public Builder copy(Copy c) {
            copy = Objects.requireNonNull(c);
            return this;
        }

        public Builder needWakeup(boolean on) {
            needWakeup = on;
            return this;
        }

        public Builder xdpMetadata(boolean on) {
            xdpMetadata = on;
            return this;
        }

        public Builder paintQueue(boolean on) {
            paintQueue = on;
            return this;
        }

        /** Detach an XDP program found attached to the interface instead of refusing (default false). */
        public Builder replaceProgram(boolean on) {
            replaceProgram = on;
            return this;
        }

        public Builder ringSize(int n) {
            ringSize = n;
            return this;
        }

        public Builder port(int p) {
            port = p;
            return this;
        }

        public Builder netns(String name) {
            netns = name;
            return this;
        }

        public AfXdpOptions build() {
            return new AfXdpOptions(this);
        }
    }
}
