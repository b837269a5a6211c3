package io.jmill.elements.ip;

import io.jmill.elements.standard.Period;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.Locale;

/**
 * Sends ICMP echo requests periodically, and measures the replies.
 *
 * <pre>ICMPPingSource(SRC, DST [, keywords INTERVAL, IDENTIFIER, LIMIT, DATA, ACTIVE, STOP])</pre>
 *
 * <p>Sends an IP packet carrying an ICMP echo request from SRC to DST out of its output every
 * INTERVAL (default 1 s, on the worker clock; the first at once), with identifier IDENTIFIER and
 * sequence numbers 1, 2, ..., and DATA as payload. Echo replies arriving on its optional input (IP
 * packets with the network header annotation set, from DST, with IDENTIFIER) are counted and
 * their round-trip times measured on the worker clock (so to the precision of a batch, see
 * "Time on the data path"); every packet received is freed. After LIMIT requests (negative: no
 * limit) it sends no more; with {@code STOP true} it stops the router one INTERVAL later, leaving
 * time for the last reply.
 *
 * <p>Ports: an optional push input (replies), one push output (requests).
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code INTERVAL}: time. Default 1 s.</li>
 * <li>{@code IDENTIFIER}: 0 to 65535. Default 0.</li>
 * <li>{@code LIMIT}: integer. Default -1 (no limit).</li>
 * <li>{@code DATA}: data string. The payload. Default 56 bytes 00 01 02 ... 37, as ping's.</li>
 * <li>{@code ACTIVE}: boolean. Default true.</li>
 * <li>{@code STOP}: boolean. Stop the router after LIMIT requests. Default false.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code active}, {@code limit}, {@code interval} (read/write): the settings.</li>
 * <li>{@code count} (read): requests sent. {@code received} (read): replies received.</li>
 * <li>{@code summary} (read): ping's summary, {@code N packets transmitted, M received, L% packet
 *     loss} and, with replies, {@code rtt min/avg/max/mdev = ... ms}.</li>
 * <li>{@code rtt_min}, {@code rtt_avg}, {@code rtt_max}, {@code rtt_stddev} (read): round-trip
 *     times in milliseconds.</li>
 * <li>{@code drops} (read): requests not made because the packet pool was exhausted.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>ping :: ICMPPingSource(10.0.0.1, 10.0.0.2, LIMIT 5, STOP true) -&gt; EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2) -&gt; dev;
 * dev_in -&gt; Strip(14) -&gt; CheckIPHeader -&gt; ping;</pre>
 *
 * <p>See also: ICMPPingResponder, ICMPPingEncap.
 */
@ElementInfo(ports = "0-1/1", processing = "h/h")
public final class ICMPPingSource extends Element implements Task, TrafficSource, DropCounter {
    /** Send times are kept for the last this many sequence numbers. */
    private static final int WINDOW = 1024;

    private final int src;
    private final int dst;
    private final int identifier;
    private final byte[] data;
    private final boolean stop;
    private final Period period;
    private final State state = new State();

    private static final class State {
        volatile boolean active;
        volatile long limit;
        final long[] sentAt = new long[WINDOW];
        int ipId;
        long sent;
        long drops;
        long received;
        long rttMin = Long.MAX_VALUE;
        long rttMax;
        double rttSum;
        double rttSquares;
        /** Set when LIMIT was reached: the period after which STOP stops the router. */
        boolean finishing;
    }

    public ICMPPingSource(ElementConfig c) {
        super(c);
        var args = c.args();
        src = args.mandatoryPositional("SRC").ipAddress(0);
        dst = args.mandatoryPositional("DST").ipAddress(0);
        period = new Period(args.keyword("INTERVAL").durationNanos(1_000_000_000L));
        identifier = args.keyword("IDENTIFIER").integer(0, 0, 65535);
        state.limit = Math.max(-1, args.keyword("LIMIT").longValue(-1));
        byte[] d = args.keyword("DATA").data(null);
        if (d == null) {
            d = new byte[56];
            for (int i = 0; i < d.length; i++) {
                d[i] = (byte) i;
            }
        } else if (d.length + EchoRequests.HEADERS > PacketPool.DATA_SIZE) {
            args.error("DATA: " + d.length + " bytes do not fit in a packet with the headers");
            d = new byte[0];
        }
        data = d;
        state.active = args.keyword("ACTIVE").bool(true);
        stop = args.keyword("STOP").bool(false);
    }

    /** For tests: the period, to substitute its clock. */
    Period period() {
        return period;
    }

    @Override
    public int runTask() {
        State s = state;
        if (!s.active || !period.due(true)) {
            return 0;
        }
        long limit = s.limit;
        if (limit >= 0 && s.sent >= limit) {
            if (stop && s.finishing) {
                host().stop(name() + ": LIMIT reached (" + limit + " requests)");
                return DONE;
            }
            s.finishing = true;
            return 0;
        }
        Packet p = PacketPool.alloc();
        if (p == null) {
            s.drops++;
            return 0;
        }
        int seq = (int) (s.sent + 1) & 0xFFFF;
        p.setLength(EchoRequests.HEADERS + data.length);
        p.copyIn(EchoRequests.HEADERS, data, 0, data.length);
        EchoRequests.write(p, 0, src, dst, identifier, seq, s.ipId++ & 0xFFFF);
        long now = WorkerClock.nanos();
        p.setTimestampNanos(WorkerClock.toWallNanos(now));
        s.sentAt[seq % WINDOW] = now;
        s.sent++;
        output(0, p);
        return 1;
    }

    @Override
    public void push(int port, Packet p) {
        if (Ip.hasBasicHeader(p)) {
            int nh = p.networkHeaderOffset();
            int th = nh + Ip.headerLength(p, nh);
            if (p.u8(nh + 9) == Ip.PROTO_ICMP && th + 8 <= p.length() && p.u16(th) == 0
                    && p.u32(nh + 12) == dst && p.u16(th + 4) == identifier) {
                received(p.u16(th + 6));
            }
        }
        p.kill();
    }

    private void received(int seq) {
        State s = state;
        long sentAt = s.sentAt[seq % WINDOW];
        if (sentAt == 0) {
            return;
        }
        s.sentAt[seq % WINDOW] = 0;
        long rtt = WorkerClock.nanos() - sentAt;
        s.received++;
        s.rttMin = Math.min(s.rttMin, rtt);
        s.rttMax = Math.max(s.rttMax, rtt);
        s.rttSum += rtt;
        s.rttSquares += (double) rtt * rtt;
    }

    @Override
    public long packetsOut() {
        return state.sent;
    }

    @Override
    public long bytesOut() {
        return state.sent * (EchoRequests.HEADERS + data.length);
    }

    @Override
    public long drops() {
        return state.drops;
    }

    private static String millis(double nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    private static double average(State s) {
        return s.received == 0 ? 0 : s.rttSum / s.received;
    }

    private static double deviation(State s) {
        if (s.received == 0) {
            return 0;
        }
        double avg = average(s);
        return Math.sqrt(Math.max(0, s.rttSquares / s.received - avg * avg));
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        Period t = period;
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.readWrite("limit", () -> Long.toString(s.limit), v -> s.limit = Math.max(-1, HandlerValues.longValue("limit", v)));
        h.readWrite("interval", () -> HandlerValues.seconds(t.intervalNanos()),
                v -> t.setIntervalNanos(HandlerValues.parse("interval", v, a -> a.durationNanos(0))));
        h.readLong("count", () -> s.sent);
        h.readLong("received", () -> s.received);
        h.readLong("drops", () -> s.drops);
        h.read("rtt_min", () -> millis(s.received == 0 ? 0 : s.rttMin));
        h.read("rtt_avg", () -> millis(average(s)));
        h.read("rtt_max", () -> millis(s.rttMax));
        h.read("rtt_stddev", () -> millis(deviation(s)));
        h.read("summary", () -> {
            long sent = s.sent;
            long got = s.received;
            String text = sent + " packets transmitted, " + got + " received, "
                    + (sent == 0 ? 0 : Math.round(100.0 * (sent - got) / sent)) + "% packet loss\n";
            if (got > 0) {
                text += "rtt min/avg/max/mdev = " + millis(s.rttMin) + "/" + millis(average(s)) + "/"
                        + millis(s.rttMax) + "/" + millis(deviation(s)) + " ms\n";
            }
            return text;
        });
    }
}
