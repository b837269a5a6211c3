package io.jmill.driver.sim;

import io.jmill.layout.PacketPool;

import java.util.Arrays;

/**
 * What the simulated wire generates: IPv4 UDP or TCP flows over address and port ranges, frames of
 * one size, an IMIX mix, or a repeating list of sizes, optionally VLAN-tagged. Immutable; build
 * with {@link #builder()}:
 *
 * <pre>{@code
 * TrafficSpec t = TrafficSpec.builder().src(Addresses.ip("10.0.0.0"), 65536).flows(4096).sizes(64).build();
 * }</pre>
 *
 * <p>Flow {@code i} (0 ≤ i &lt; flows) takes its fields by counting in mixed radix, source address
 * fastest, then source port, destination address, destination port, so every flow is a distinct
 * 5-tuple; {@code flows} may not exceed the number of distinct tuples the ranges allow. Frames go
 * out flow after flow (round-robin over the flows that RSS maps to a queue), and sizes cycle
 * through the size list independently. Sizes count the frame without FCS (a 64-byte frame has 64
 * bytes of data).
 */
public final class TrafficSpec {
    /** Transport protocol of the generated flows. */
    public enum Protocol { UDP, TCP }

    /** The IMIX pattern: 7 × 64, 4 × 570, 1 × 1518 bytes, interleaved. */
    public static final int[] IMIX = {64, 570, 64, 64, 1518, 64, 570, 64, 64, 570, 64, 570};

    private final Protocol protocol;
    private final int srcFirst;
    private final long srcCount;
    private final int dstFirst;
    private final long dstCount;
    private final int sportFirst;
    private final int sportCount;
    private final int dportFirst;
    private final int dportCount;
    private final int flows;
    private final int[] sizes;
    private final int vlanTci;
    private final long srcMac;
    private final long dstMac;

    private TrafficSpec(Builder b) {
        protocol = b.protocol;
        srcFirst = b.srcFirst;
        srcCount = b.srcCount;
        dstFirst = b.dstFirst;
        dstCount = b.dstCount;
        sportFirst = b.sportFirst;
        sportCount = b.sportCount;
        dportFirst = b.dportFirst;
        dportCount = b.dportCount;
        flows = b.flows;
        sizes = b.sizes.clone();
        vlanTci = b.vlanTci;
        srcMac = b.srcMac;
        dstMac = b.dstMac;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** One UDP flow of 64-byte frames, 10.0.0.1:1234 → 10.0.0.2:80. */
    public static TrafficSpec defaults() {
        return builder().build();
    }

    public Protocol protocol() {
        return protocol;
    }

    public int flows() {
        return flows;
    }

    /** The size list frames cycle through. */
    public int[] sizes() {
        return sizes.clone();
    }

    /** VLAN TCI of the tag every frame carries, or -1 for untagged frames. */
    public int vlanTci() {
        return vlanTci;
    }

    public long srcMac() {
        return srcMac;
    }

    public long dstMac() {
        return dstMac;
    }

    /** Ethernet header length: 14, or 18 with a VLAN tag. */
    public int ethernetLength() {
        return vlanTci >= 0 ? 18 : 14;
    }

    /** Smallest frame that holds the headers. */
    public int minimumFrame() {
        return ethernetLength() + 20 + (protocol == Protocol.UDP ? 8 : 20);
    }

    /** Number of distinct 5-tuples the address and port ranges allow (capped at Long.MAX_VALUE). */
    public long distinctTuples() {
        return distinct(srcCount, sportCount, dstCount, dportCount);
    }

    static long distinct(long a, long b, long c, long d) {
        long r = a;
        for (long x : new long[] {b, c, d}) {
            r = r > Long.MAX_VALUE / x ? Long.MAX_VALUE : r * x;
        }
        return r;
    }

    /** Source address of flow {@code i}. */
    public int srcIp(int i) {
        return srcFirst + (int) (i % srcCount);
    }

    /** Source port of flow {@code i}. */
    public int srcPort(int i) {
        return sportFirst + (int) ((i / srcCount) % sportCount);
    }

    /** Destination address of flow {@code i}. */
    public int dstIp(int i) {
        return dstFirst + (int) ((i / srcCount / sportCount) % dstCount);
    }

    /** Destination port of flow {@code i}. */
    public int dstPort(int i) {
        return dportFirst + (int) ((i / srcCount / sportCount / dstCount) % dportCount);
    }

    @Override
    public String toString() {
        return protocol + " " + flows + (flows == 1 ? " flow" : " flows") + ", sizes " + Arrays.toString(sizes)
                + (vlanTci >= 0 ? ", vlan " + vlanTci : "");
    }

    /** Collects the settings; {@link #build()} checks them. */
    public static final class Builder {
        private Protocol protocol = Protocol.UDP;
        private int srcFirst = 0x0A000001;
        private long srcCount = 1;
        private int dstFirst = 0x0A000002;
        private long dstCount = 1;
        private int sportFirst = 1234;
        private int sportCount = 1;
        private int dportFirst = 80;
        private int dportCount = 1;
        private int flows = 1;
        private int[] sizes = {64};
        private int vlanTci = -1;
        private long srcMac = 0x02_00_00_00_00_01L;
        private long dstMac = 0x02_00_00_00_00_02L;

        private Builder() {
        }

        public Builder protocol(Protocol p) {
            protocol = p;
            return this;
        }

        /** Source addresses {@code first}, {@code first + 1}, ... ({@code count} of them). */
        public Builder src(int first, long count) {
            srcFirst = first;
            srcCount = count;
            return this;
        }

        /** Destination addresses {@code first}, {@code first + 1}, ... ({@code count} of them). */
        public Builder dst(int first, long count) {
            dstFirst = first;
            dstCount = count;
            return this;
        }

        /** Source ports {@code first} .. {@code first + count - 1}. */
        public Builder srcPorts(int first, int count) {
            sportFirst = first;
            sportCount = count;
            return this;
        }

        /** Destination ports {@code first} .. {@code first + count - 1}. */
        public Builder dstPorts(int first, int count) {
            dportFirst = first;
            dportCount = count;
            return this;
        }

        public Builder flows(int n) {
            flows = n;
            return this;
        }

        /** Frame sizes, cycled through in order (one value: fixed size; {@link #IMIX}: IMIX). */
        public Builder sizes(int... s) {
            sizes = s.clone();
            return this;
        }

        /** Tags every frame with this VLAN TCI (0..65535); -1 for untagged. */
        public Builder vlan(int tci) {
            vlanTci = tci;
            return this;
        }

        public Builder macs(long src, long dst) {
            srcMac = src;
            dstMac = dst;
            return this;
        }

        /**
         * @throws IllegalArgumentException naming the bad setting
         */
        public TrafficSpec build() {
            check(srcCount >= 1 && dstCount >= 1, "address range is empty");
            check(Integer.toUnsignedLong(srcFirst) + srcCount - 1 <= 0xFFFF_FFFFL, "source address range passes 255.255.255.255");
            check(Integer.toUnsignedLong(dstFirst) + dstCount - 1 <= 0xFFFF_FFFFL, "destination address range passes 255.255.255.255");
            check(sportCount >= 1 && sportFirst >= 0 && sportFirst + sportCount - 1 <= 65535, "source ports must lie in 0..65535");
            check(dportCount >= 1 && dportFirst >= 0 && dportFirst + dportCount - 1 <= 65535, "destination ports must lie in 0..65535");
            check(vlanTci >= -1 && vlanTci <= 0xFFFF, "VLAN TCI must be between 0 and 65535");
            check(sizes.length > 0, "no frame sizes");
            int min = (vlanTci >= 0 ? 18 : 14) + 20 + (protocol == Protocol.UDP ? 8 : 20);
            for (int s : sizes) {
                check(s >= min && s <= PacketPool.DATA_SIZE, "frame size " + s + " is out of range (" + min + " to "
                        + PacketPool.DATA_SIZE + " bytes for " + protocol + (vlanTci >= 0 ? " with a VLAN tag" : "") + ")");
            }
            long tuples = distinct(srcCount, sportCount, dstCount, dportCount);
            check(flows >= 1, "the flow count must be at least 1");
            check(flows <= tuples, flows + " flows exceed the " + tuples
                    + " distinct address/port combinations the ranges allow");
            return new TrafficSpec(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
