package io.jmill.elements.standard;

import io.jmill.engine.handler.HandlerException;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/** What InfiniteSource and RatedSource share: their DATA/LENGTH rules and how a packet is made. */
final class SourceData {
    private SourceData() {
    }

    /** DATA fitted to LENGTH: cut, or repeated until full (Click's rule); -1 keeps DATA as it is. */
    static byte[] fit(byte[] data, int length) {
        if (length < 0 || length == data.length) {
            return data.clone();
        }
        byte[] t = new byte[length];
        if (data.length == 0) {
            return t; // refused by the callers; zeros rather than an endless loop
        }
        for (int i = 0; i < length; i += data.length) {
            System.arraycopy(data, 0, t, i, Math.min(data.length, length - i));
        }
        return t;
    }

    /** Refuses a DATA/LENGTH pair written through handlers that cannot make a packet. */
    static void checkFits(byte[] data, int length) throws HandlerException {
        if (length < 0 && data.length > PacketPool.DATA_SIZE) {
            throw new HandlerException("data: " + data.length + " bytes do not fit in a packet (at most "
                    + PacketPool.DATA_SIZE + ")");
        }
        if (length > 0 && data.length == 0) {
            throw new HandlerException("length: cannot fill " + length + " bytes from empty data");
        }
    }

    /** A packet holding {@code template}, stamped unless {@code timestampNanos} is 0; null if the pool is empty. */
    static Packet make(byte[] template, long timestampNanos) {
        Packet p = PacketPool.alloc();
        if (p == null) {
            return null;
        }
        p.setLength(template.length);
        p.copyIn(0, template, 0, template.length);
        if (timestampNanos != 0) {
            p.setTimestampNanos(timestampNanos);
        }
        return p;
    }
}
