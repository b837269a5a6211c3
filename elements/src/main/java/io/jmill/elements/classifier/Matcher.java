package io.jmill.elements.classifier;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * Runs a classification {@link Program} on a packet: {@link #match} finds the packet's data and
 * header bases, {@link #walk} walks the decision DAG. {@link Program} walks it by interpreting its
 * node array; {@link ProgramCodegen} compiles the DAG into a hidden class whose {@code walk} is
 * straight-line code with every offset, mask and range as a constant, as Click's
 * {@code click-fastclassifier} does for C++.
 *
 * <p>Bases: data start, the MAC header annotation, the network header annotation and the
 * transport header annotation. For IP programs, a packet without a network header annotation is
 * taken to start with its IP header, and its transport header to follow at 4 × IHL bytes (if IHL
 * is at least 5). An absent base is {@link #ABSENT}: far enough that every read from it is
 * "short" (its bytes are not within the packet's length).
 */
abstract class Matcher {
    /** Start offset of an absent header. */
    static final int ABSENT = 0x3FFF_0000;
    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /** Whether some test reads from the MAC header / the network or transport header. */
    final boolean usesMac;
    final boolean usesIp;

    Matcher(boolean usesMac, boolean usesIp) {
        this.usesMac = usesMac;
        this.usesIp = usesIp;
    }

    /** The index of the first matching rule, or the number of rules if none matched. */
    final int match(Packet p) {
        int len = p.length();
        int mac = ABSENT;
        int net = ABSENT;
        int transport = ABSENT;
        if (usesMac && p.hasMacHeader()) {
            mac = p.macHeaderOffset();
        }
        if (usesIp) {
            if (p.hasNetworkHeader()) {
                net = p.networkHeaderOffset();
                if (p.hasTransportHeader()) {
                    transport = p.transportHeaderOffset();
                }
            } else {
                net = 0;
                int ihl = len > 0 ? p.u8(0) & 0xF : 0;
                if (ihl >= 5) {
                    transport = ihl << 2;
                }
            }
        }
        // The data start is looked up once per packet; the walk then reads the packet memory
        // directly at raw addresses: a test reads only below the packet's length, and a header
        // base is never before the buffer.
        return walk(PacketMemory.ADDRESS + p.dataAddress(), len, mac, net, transport);
    }

    /**
     * Walks the DAG for a packet whose data starts at raw address {@code data}, {@code len} bytes
     * long, with the given header bases (relative to the data; {@link #ABSENT} if unset).
     */
    abstract int walk(long data, int len, int mac, int net, int transport);

    // Big-endian reads of 1 to 4 bytes at a raw address, for the walks.

    static int read1(long a) {
        return UnsafeApi.getByte(a) & 0xFF;
    }

    static int read2(long a) {
        short v = UnsafeApi.getShort(a);
        return (BIG_ENDIAN ? v : Short.reverseBytes(v)) & 0xFFFF;
    }

    static int read3(long a) {
        return read2(a) << 8 | read1(a + 2);
    }

    static int read4(long a) {
        int v = UnsafeApi.getInt(a);
        return BIG_ENDIAN ? v : Integer.reverseBytes(v);
    }
}
