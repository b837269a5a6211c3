package io.jmill.elements.standard;

import io.jmill.engine.args.Args;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Counts packets (or bytes) per aggregate annotation.
 *
 * <pre>AggregateCounter([keywords BYTES, IP_BYTES, MULTIPACKET, EXTRA_LENGTH, AGGREGATE_STOP,
 * AGGREGATE_FREEZE, AGGREGATE_CALL, COUNT_STOP, COUNT_FREEZE, COUNT_CALL, BANNER])</pre>
 *
 * <p>Keeps one count per aggregate annotation value (see AggregateIPFlows, FromIPSummaryDump's
 * {@code aggregate} field, SetAggregate) and writes them out through its write handlers. A frozen
 * counter only updates the counts it has; it makes no new ones. The optional second input is
 * always frozen. With two outputs, pushed packets that were counted leave on output 0 and the
 * others on output 1; with one, every packet leaves on output 0.
 *
 * <p>Ports: one or two inputs, one or two outputs, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code BYTES}: boolean. Count bytes, not packets. Default false.</li>
 * <li>{@code IP_BYTES}: boolean. With BYTES, count from the network header on (no link header).
 *     Default false.</li>
 * <li>{@code EXTRA_LENGTH}: boolean. With BYTES, add the extra-length annotation. Default true.</li>
 * <li>{@code MULTIPACKET}: boolean, accepted: JMill has no packet-count annotation, so a packet
 *     always counts as one.</li>
 * <li>{@code AGGREGATE_STOP}, {@code AGGREGATE_FREEZE}: N. Stop the router, or freeze, once N
 *     distinct aggregates have been seen.</li>
 * <li>{@code AGGREGATE_CALL}: {@code N HANDLER [VALUE]}. Write VALUE to HANDLER once N distinct
 *     aggregates have been seen. At most one of the three AGGREGATE keywords.</li>
 * <li>{@code COUNT_STOP}, {@code COUNT_FREEZE}, {@code COUNT_CALL}: likewise, once the total count
 *     reaches N.</li>
 * <li>{@code BANNER}: string written after the first line of every file written.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code write_text_file}, {@code write_ascii_file} (write): writes to the file named (or
 *     {@code -}, standard output) the lines {@code !IPAggregate 1.0}, the banner,
 *     {@code !num_nonzero N}, then one {@code AGGREGATE COUNT} line per nonzero count, by
 *     aggregate.</li>
 * <li>{@code write_ip_file} (write): the same with aggregates written as IPv4 addresses.</li>
 * <li>{@code write_file} (write): the same header, {@code !packed_le}, then 8 bytes per count:
 *     the aggregate and the count as little-endian 32-bit integers.</li>
 * <li>{@code freeze}, {@code active} (read/write): the frozen and active states; an inactive
 *     counter counts nothing.</li>
 * <li>{@code stop} (write): makes the counter inactive and stops the router.</li>
 * <li>{@code clear} (write): forgets every count.</li>
 * <li>{@code banner} (read/write): BANNER.</li>
 * <li>{@code nagg} (read): the number of nonzero counts.</li>
 * </ul>
 * Click's {@code counts_pdf}, {@code write_pdf_file} and the call keywords' handlers are not
 * offered. The counts are kept by the thread that counts; read them (write the files) when the
 * traffic has stopped, as Click's examples do with DriverManager.
 *
 * <p>Example (packets per flow of a trace):
 * <pre>FromDump(trace.pcap, STOP true) -&gt; AggregateIPFlows -&gt; ac :: AggregateCounter -&gt; Discard;
 * DriverManager(wait, write ac.write_text_file flows.txt)</pre>
 *
 * <p>See also: AggregateIPFlows, Counter.
 */
@ElementInfo(ports = "1-2/1-2", processing = "a/a")
public final class AggregateCounter extends Element {
    private final boolean bytes;
    private final boolean ipBytes;
    private final boolean extraLength;
    /** Thresholds (-1: none) and what to do at them. */
    private final long aggregateLimit;
    private final Action aggregateAction;
    private final long countLimit;
    private final Action countAction;
    private final State state = new State();

    private enum Kind { STOP, FREEZE, CALL }

    private record Action(Kind kind, String handler, String value) {
    }

    private static final class State {
        final AggregateCounts counts = new AggregateCounts();
        volatile boolean frozen;
        volatile boolean active = true;
        volatile String banner = "";
        long total;
        boolean aggregateActed;
        boolean countActed;
    }

    public AggregateCounter(ElementConfig c) {
        super(c);
        Args args = c.args();
        bytes = args.keyword("BYTES").bool(false);
        ipBytes = args.keyword("IP_BYTES").bool(false);
        extraLength = args.keyword("EXTRA_LENGTH").bool(true);
        args.keyword("MULTIPACKET").bool(true);
        String banner = args.keyword("BANNER").string("");
        state.banner = banner.isEmpty() || banner.endsWith("\n") ? banner : banner + "\n";
        Action[] a = new Action[1];
        aggregateLimit = threshold(args, "AGGREGATE", a);
        aggregateAction = a[0];
        countLimit = threshold(args, "COUNT", a);
        countAction = a[0];
    }

    /** Reads PREFIX_STOP, PREFIX_FREEZE, PREFIX_CALL (at most one); returns N or -1. */
    private static long threshold(Args args, String prefix, Action[] action) {
        action[0] = null;
        long n = -1;
        for (Kind k : Kind.values()) {
            var arg = args.keyword(prefix + "_" + k.name());
            if (!arg.present()) {
                continue;
            }
            if (action[0] != null) {
                args.error(prefix + "_" + k.name() + ": the " + prefix + " keywords are mutually exclusive");
                continue;
            }
            if (k == Kind.CALL) {
                List<String> w = arg.words();
                if (w.size() < 2 || !w.getFirst().matches("[0-9]+")) {
                    args.error(prefix + "_CALL: expected 'N HANDLER [VALUE]', got '" + arg.raw() + "'");
                    continue;
                }
                n = Long.parseLong(w.getFirst());
                action[0] = new Action(k, w.get(1), String.join(" ", w.subList(2, w.size())));
            } else {
                n = arg.longValue(-1, 0, Long.MAX_VALUE);
                action[0] = new Action(k, null, null);
            }
        }
        return n;
    }

    @Override
    public void push(int port, Packet p) {
        boolean counted = count(port, p);
        if (counted || noutputs() == 1) {
            output(0, p);
        } else {
            output(1, p);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p != null) {
            count(0, p);
        }
        return p;
    }

    /** Counts {@code p} (input 1 is frozen); returns false if it was not counted. */
    private boolean count(int port, Packet p) {
        State s = state;
        if (!s.active) {
            return false;
        }
        long amount = 1;
        if (bytes) {
            amount = ipBytes && p.hasNetworkHeader() ? p.length() - p.networkHeaderOffset() : p.length();
            if (extraLength) {
                amount += p.anno(ExtraLength.FIELD);
            }
        }
        int aggregate = p.aggregate();
        if (s.frozen || port == 1) {
            if (!s.counts.addIfPresent(aggregate, amount)) {
                return false;
            }
        } else if (s.counts.add(aggregate, amount) && aggregateLimit >= 0 && !s.aggregateActed
                && s.counts.size() >= aggregateLimit) {
            s.aggregateActed = true;
            act(aggregateAction);
        }
        s.total += amount;
        if (countLimit >= 0 && !s.countActed && s.total >= countLimit) {
            s.countActed = true;
            act(countAction);
        }
        return true;
    }

    private void act(Action a) {
        switch (a.kind()) {
            case STOP -> {
                state.active = false;
                host().stop(name() + ": limit reached");
            }
            case FREEZE -> state.frozen = true;
            case CALL -> {
                try {
                    host().writeHandler(a.handler(), a.value());
                } catch (HandlerException | RuntimeException e) {
                    System.err.println("jmill: " + name() + ": call to handler '" + a.handler() + "' failed: " + e.getMessage());
                }
            }
        }
    }

    // ------------------------------------------------------------------ output files

    private enum Format { TEXT, IP, PACKED }

    private void writeFile(String target, Format format) throws HandlerException {
        String name = target == null ? "" : target.strip();
        if (name.isEmpty()) {
            throw new HandlerException("expected a file name or '-'");
        }
        State s = state;
        int[] keys = s.counts.sortedKeys();
        StringBuilder head = new StringBuilder("!IPAggregate 1.0\n").append(s.banner)
                .append("!num_nonzero ").append(keys.length).append('\n');
        try {
            OutputStream out = name.equals("-") ? System.out : new FileOutputStream(name);
            try {
                if (format == Format.PACKED) {
                    head.append("!packed_le\n");
                    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                    ByteBuffer b = ByteBuffer.allocate(8 * keys.length).order(ByteOrder.LITTLE_ENDIAN);
                    for (int k : keys) {
                        b.putInt(k).putInt((int) s.counts.get(k));
                    }
                    out.write(b.array());
                } else {
                    for (int k : keys) {
                        head.append(format == Format.IP ? ipString(k) : Integer.toUnsignedString(k))
                                .append(' ').append(s.counts.get(k)).append('\n');
                    }
                    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            } finally {
                if (out != System.out) {
                    out.close();
                }
            }
        } catch (IOException e) {
            throw new HandlerException(name + ": " + e.getMessage());
        }
    }

    private static String ipString(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.write("write_text_file", v -> writeFile(v, Format.TEXT));
        h.write("write_ascii_file", v -> writeFile(v, Format.TEXT));
        h.write("write_ip_file", v -> writeFile(v, Format.IP));
        h.write("write_file", v -> writeFile(v, Format.PACKED));
        h.readWrite("freeze", () -> Boolean.toString(s.frozen), v -> s.frozen = HandlerValues.bool("freeze", v));
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
        h.write("stop", v -> {
            s.active = false;
            host().stop(name() + ": stop written");
        });
        h.write("clear", v -> {
            s.counts.clear();
            s.total = 0;
        });
        h.readWrite("banner", () -> s.banner, v -> {
            String b = v == null ? "" : v;
            s.banner = b.isEmpty() || b.endsWith("\n") ? b : b + "\n";
        });
        h.readLong("nagg", s.counts::size);
    }
}
