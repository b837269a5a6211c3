package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * What Shaper and BandwidthShaper share: a pull element that returns a packet only while a small
 * token bucket (1 ms worth, at least one packet) allows.
 */
abstract class ShaperBase extends Element {
    static final long BURST_NANOS = 1_000_000L;

    private final boolean perByte;
    private final TokenBucket bucket;

    ShaperBase(ElementConfig c, boolean perByte) {
        super(c);
        this.perByte = perByte;
        var arg = c.args().mandatoryPositional("RATE");
        double rate = perByte ? arg.bandwidthBitsPerSecond(0) / 8 : arg.rate(0);
        bucket = new TokenBucket(TokenBucket.Setting.of(rate, BURST_NANOS), 1);
    }

    /** For tests: the bucket, to substitute its clock. */
    TokenBucket bucket() {
        return bucket;
    }

    @Override
    public Packet pull(int port) {
        TokenBucket b = bucket;
        b.refill();
        if (!b.contains(1)) {
            b.wakeWhenHolding(1);
            return null;
        }
        Packet p = input(0);
        if (p != null) {
            // Per byte, the packet may overdraw the bucket; the next one waits until the debt is paid.
            b.remove(perByte ? p.length() : 1);
        }
        return p;
    }

    @Override
    public void addHandlers(Handlers h) {
        TokenBucket b = bucket;
        h.readWrite("rate", () -> HandlerValues.number(b.setting.rate()) + (perByte ? "B/s" : ""),
                v -> b.setting = TokenBucket.Setting.of(parseRate(v), BURST_NANOS));
        h.read("config", () -> HandlerValues.number(perByte ? b.setting.rate() * 8 : b.setting.rate())
                + (perByte ? "bps" : ""));
        h.write("reset", v -> b.clearRequested = true);
    }

    private double parseRate(String v) throws HandlerException {
        return perByte ? HandlerValues.parse("rate", v, a -> a.bandwidthBitsPerSecond(0)) / 8 : HandlerValues.rate("rate", v);
    }
}
