package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

/**
 * What RatedUnqueue and BandwidthRatedUnqueue share: a task that pulls while its token bucket
 * allows, one token per packet or one per byte.
 */
abstract class RateUnqueueBase extends Element implements Task {
    /** Click's default bucket: 20 ms worth of tokens. */
    static final long DEFAULT_BURST_NANOS = 20_000_000L;

    private final boolean perByte;
    private final TokenBucket bucket;
    private final State state = new State();

    static final class State {
        volatile boolean active;
        volatile int burst;
        long runs;
        long emptyRuns;
        long pushes;
        long failedPulls;
        long packets;
    }

    RateUnqueueBase(ElementConfig c, boolean perByte) {
        super(c);
        this.perByte = perByte;
        var args = c.args();
        double rate = perByte ? args.mandatoryPositional("RATE").bandwidthBitsPerSecond(0) / 8
                : args.mandatoryPositional("RATE").rate(0);
        bucket = new TokenBucket(bucketSetting(args, rate, perByte));
        int burst = args.keyword("BURST").integer(-1);
        state.burst = burst < 0 ? (perByte ? 1 : c.batch()) : Math.max(burst, 1);
        state.active = args.keyword("ACTIVE").bool(true);
    }

    /** The bucket from BURST_DURATION or BURST_SIZE / BURST_BYTES, as Click sizes it. */
    static TokenBucket.Setting bucketSetting(Args args, double rate, boolean perByte) {
        var duration = args.keyword("BURST_DURATION");
        var size = args.keyword(perByte ? "BURST_BYTES" : "BURST_SIZE");
        if (duration.present() && size.present()) {
            args.error("cannot specify both BURST_DURATION and " + size.name());
        }
        long tokens = size.longValue(-1, 1, Long.MAX_VALUE);
        if (tokens > 0) {
            return new TokenBucket.Setting(rate, tokens);
        }
        return TokenBucket.Setting.of(rate, duration.durationNanos(DEFAULT_BURST_NANOS));
    }

    /** For tests: the bucket, to substitute its clock. */
    TokenBucket bucket() {
        return bucket;
    }

    @Override
    public int runTask() {
        State s = state;
        if (!s.active) {
            return 0;
        }
        s.runs++;
        TokenBucket b = bucket;
        b.refill();
        // Per byte, a packet may overdraw the bucket: the debt is paid before the next one goes.
        int n = perByte ? (b.contains(1) ? s.burst : 0) : b.available(s.burst);
        if (n == 0) {
            s.emptyRuns++;
            b.wakeWhenHolding(1);
            return 0;
        }
        int moved = 0;
        while (moved < n) {
            Packet p = input(0);
            if (p == null) {
                s.failedPulls++;
                break;
            }
            moved++;
            b.remove(perByte ? p.length() : 1);
            output(0, p);
            if (perByte && !b.contains(1)) {
                break;
            }
        }
        if (moved > 0) {
            s.pushes++;
            s.packets += moved;
        }
        return moved;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        TokenBucket b = bucket;
        h.readWrite("rate", () -> perByte ? HandlerValues.number(b.setting.rate()) + "B/s"
                : HandlerValues.number(b.setting.rate()), v -> b.setting = rateSetting(v, b.setting));
        h.readWrite("active", () -> Boolean.toString(s.active), v -> {
            s.active = HandlerValues.bool("active", v);
        });
        h.write("reset", v -> b.clearRequested = true);
        h.read("calls", () -> s.runs + " calls to run_task()\n" + s.emptyRuns + " empty runs\n" + s.pushes
                + " pushes\n" + s.failedPulls + " failed pulls\n" + s.packets + " packets\n");
        h.readWrite("burst", () -> Integer.toString(s.burst),
                v -> s.burst = HandlerValues.integer("burst", v, 1, Integer.MAX_VALUE));
    }

    /** A new rate keeps the bucket's duration (its size over its rate). */
    private TokenBucket.Setting rateSetting(String v, TokenBucket.Setting old) throws HandlerException {
        double rate = perByte ? HandlerValues.parse("rate", v, a -> a.bandwidthBitsPerSecond(0)) / 8
                : HandlerValues.rate("rate", v);
        long burstNanos = old.rate() > 0 ? (long) (old.capacity() / old.rate() * 1e9) : DEFAULT_BURST_NANOS;
        return TokenBucket.Setting.of(rate, burstNanos);
    }
}
