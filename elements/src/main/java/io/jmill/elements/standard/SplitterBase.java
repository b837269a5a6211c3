package io.jmill.elements.standard;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * What RatedSplitter and BandwidthRatedSplitter share: packets within the rate of a token bucket
 * (10 ms worth, starting full) go to output 0, the others to output 1.
 */
abstract class SplitterBase extends Element {
    static final long BURST_NANOS = 10_000_000L;

    private final boolean perByte;
    private final TokenBucket bucket;

    SplitterBase(ElementConfig c, boolean perByte) {
        super(c);
        this.perByte = perByte;
        var arg = c.args().mandatoryPositional("RATE");
        double rate = perByte ? arg.bandwidthBitsPerSecond(0) / 8 : arg.rate(0);
        bucket = new TokenBucket(setting(rate), Double.MAX_VALUE);
    }

    private static TokenBucket.Setting setting(double rate) {
        TokenBucket.Setting s = TokenBucket.Setting.of(rate, BURST_NANOS);
        return new TokenBucket.Setting(rate, Math.max(2, s.capacity()));
    }

    /** For tests: the bucket, to substitute its clock. */
    TokenBucket bucket() {
        return bucket;
    }

    @Override
    public void push(int port, Packet p) {
        TokenBucket b = bucket;
        b.refill();
        if (perByte ? b.removeIf(p.length()) : b.removeIf(1)) {
            output(0, p);
        } else {
            checkedOutput(1, p);
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        TokenBucket b = bucket;
        h.readWrite("rate", () -> HandlerValues.number(b.setting.rate()) + (perByte ? "B/s" : ""),
                v -> b.setting = setting(parseRate(v)));
        h.read("config", () -> HandlerValues.number(perByte ? b.setting.rate() * 8 : b.setting.rate())
                + (perByte ? "bps" : ""));
    }

    private double parseRate(String v) throws HandlerException {
        return perByte ? HandlerValues.parse("rate", v, a -> a.bandwidthBitsPerSecond(0)) / 8 : HandlerValues.rate("rate", v);
    }
}
