package io.jmill.driver.net;

import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;
import io.jmill.layout.PacketPool;
import org.agrona.UnsafeApi;

import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071) over packet data or arrays, pseudo-header sums for TCP/UDP,
 * and incremental updates (RFC 1624) for elements that change one field.
 *
 * <p>Partial sums are unfolded 32-bit accumulations; {@link #finish} folds and complements.
 * To verify, sum a header including its checksum field: the result of {@code finish} is 0.
 */
public final class Checksum {
    private Checksum() {
    }

    private static final boolean BIG_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN;

    /**
     * Adds {@code len} bytes of {@code p} from data offset {@code off} to {@code sum}.
     *
     * @throws IndexOutOfBoundsException if the bytes are not all inside the packet's buffer
     */
    public static int add(int sum, Packet p, int off, int len) {
        // Straight from the packet memory, at raw addresses once the range is checked against the
        // buffer. Eight bytes a load, summed in the machine's byte order: a ones'-complement sum
        // does not depend on byte order (RFC 1071, 2(B)), so only the folded 16-bit result is
        // swapped, instead of every word.
        int pos = p.dataOffset() + off;
        if (pos < 0 || len < 0 || pos + len > PacketPool.BUFFER_SIZE) {
            throw Packet.outsideBuffer(off, len, pos - off);
        }
        long a = PacketMemory.ADDRESS + p.dataAddress() + off;
        long s = 0;
        int i = 0;
        for (int end = len - 7; i < end; i += 8) {
            long v = UnsafeApi.getLong(a + i);
            s += (v >>> 32) + (v & 0xFFFF_FFFFL);
        }
        if (len - i >= 4) {
            s += UnsafeApi.getInt(a + i) & 0xFFFF_FFFFL;
            i += 4;
        }
        if (len - i >= 2) {
            s += UnsafeApi.getShort(a + i) & 0xFFFF;
            i += 2;
        }
        if (i < len) {
            // the odd last byte is the high byte of a word padded with zero (RFC 1071, 4.1)
            int b = UnsafeApi.getByte(a + i) & 0xFF;
            s += BIG_ENDIAN ? b << 8 : b;
        }
        s = (s >>> 32) + (s & 0xFFFF_FFFFL);
        while ((s >>> 16) != 0) {
            s = (s >>> 16) + (s & 0xFFFF);
        }
        long network = BIG_ENDIAN ? s : Integer.reverseBytes((int) s) >>> 16;
        return fold32((sum & 0xFFFF_FFFFL) + network);
    }

    /** Adds {@code len} bytes of {@code b} from {@code off} to {@code sum}. */
    public static int add(int sum, byte[] b, int off, int len) {
        long s = sum & 0xFFFF_FFFFL;
        int i = 0;
        for (; i + 1 < len; i += 2) {
            s += ((b[off + i] & 0xFF) << 8) | (b[off + i + 1] & 0xFF);
        }
        if (i < len) {
            s += (b[off + i] & 0xFF) << 8;
        }
        return fold32(s);
    }

    private static int fold32(long s) {
        while ((s >>> 32) != 0) {
            s = (s & 0xFFFF_FFFFL) + (s >>> 32);
        }
        return (int) s;
    }

    /** Folds a partial sum to 16 bits and complements it: the value to store in a header. */
    public static int finish(int sum) {
        long s = sum & 0xFFFF_FFFFL;
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) (~s & 0xFFFF);
    }

    /** The checksum of {@code len} bytes of {@code p} at {@code off}. */
    public static int of(Packet p, int off, int len) {
        return finish(add(0, p, off, len));
    }

    /** The checksum of {@code len} bytes of {@code b} at {@code off}. */
    public static int of(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }

    /** Partial sum of the TCP/UDP pseudo-header: addresses, protocol and transport length. */
    public static int pseudoHeader(int srcIp, int dstIp, int protocol, int length) {
        long s = (srcIp >>> 16) + (srcIp & 0xFFFF) + (dstIp >>> 16) + (dstIp & 0xFFFF) + protocol + length;
        return fold32(s);
    }

    /**
     * RFC 1624 eqn. 3: the new checksum after a 16-bit field changes from {@code oldValue} to
     * {@code newValue}: HC' = ~(~HC + ~m + m').
     */
    public static int update16(int checksum, int oldValue, int newValue) {
        int s = (~checksum & 0xFFFF) + (~oldValue & 0xFFFF) + (newValue & 0xFFFF);
        s = (s & 0xFFFF) + (s >>> 16);
        s = (s & 0xFFFF) + (s >>> 16);
        return ~s & 0xFFFF;
    }

    /** As {@link #update16}, for a 32-bit field (an IPv4 address). */
    public static int update32(int checksum, int oldValue, int newValue) {
        int c = update16(checksum, oldValue >>> 16, newValue >>> 16);
        return update16(c, oldValue & 0xFFFF, newValue & 0xFFFF);
    }
}
