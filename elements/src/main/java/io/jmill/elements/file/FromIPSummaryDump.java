package io.jmill.elements.file;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.runtime.WorkerClock;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads packets from an IP summary dump file (Click's text trace format).
 *
 * <pre>FromIPSummaryDump(FILENAME [, keywords STOP, TIMING, ACTIVE, ZERO, CHECKSUM, PROTO, MULTIPACKET,
 *     FIELDS, FLOWID, DATA, ALLOW_NONEXISTENT, BURST])</pre>
 *
 * <p>Each line of the dump describes one packet by the fields its {@code !data} line names (see
 * ToIPSummaryDump for the field names); FromIPSummaryDump builds that packet and emits it. A packet
 * is IPv4 with a correct header length, protocol TCP unless the dump or PROTO says otherwise, TTL
 * 100, a transport header for TCP, UDP and ICMP first fragments, then the payload; everything the
 * dump does not set is zero. The packet carries only those bytes: when its IP length is larger, the
 * difference is its extra-length annotation (unless CHECKSUM pads it). Timestamps, paint
 * ({@code direction}, {@code link}) and aggregate fields set the annotations.
 *
 * <p>Lines starting with {@code !} are directives: {@code !data FIELDS} (also {@code !contents}),
 * {@code !proto P} (the default protocol: a number, {@code T}, {@code U} or {@code I}),
 * {@code !flowid SRC SPORT DST DPORT [PROTO]} (default addresses and ports),
 * {@code !aggregate N}. Lines starting with {@code #} are comments. A dash stands for a field the
 * line does not give. A line with no valid field is reported once ("packet parse error") and
 * skipped.
 *
 * <p>Ports: no inputs; one output, push or pull.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code STOP}: boolean. Ask the router to stop at the end of the dump. Default false.</li>
 * <li>{@code TIMING}: boolean. Keep the time between packets given by their timestamps. Default
 *     false.</li>
 * <li>{@code MIGRATE}: boolean. FastClick's: when the source is activated, it tells the elements
 *     downstream that flows may move to its thread. Accepted and ignored: in JMill a rewriter
 *     finds flows created on another thread when it is configured with HANDLE_MIGRATION (one
 *     table for every thread), whatever the source says.</li>
 * <li>{@code ACTIVE}: boolean. If false, emit nothing until {@code active} is written. Default
 *     true.</li>
 * <li>{@code ZERO}: boolean. Accepted: bytes the dump does not set are always zero here.</li>
 * <li>{@code CHECKSUM}: boolean. Pad each packet to its IP length and set its IP, TCP, UDP or ICMP
 *     checksum. Default false (checksums zero, packets as short as the dump makes them).</li>
 * <li>{@code PROTO}: byte. The IP protocol when the dump gives none. Default 6 (TCP).</li>
 * <li>{@code MULTIPACKET}: boolean. Emit as many packets as a line's {@code count} field says.
 *     Default false.</li>
 * <li>{@code FIELDS} (also {@code CONTENTS}): the fields of lines before any {@code !data}.</li>
 * <li>{@code FLOWID}: {@code SRC SPORT DST DPORT [PROTO]}, as {@code !flowid}.</li>
 * <li>{@code DATA}: the dump's text itself, instead of a file.</li>
 * <li>{@code ALLOW_NONEXISTENT}: boolean. A missing file is an empty dump. Default false.</li>
 * <li>{@code BURST}: integer. Most packets emitted per run. Default the router's batch size.</li>
 * </ul>
 * Binary dumps ({@code !binary}), compressed files and Click's SAMPLE are not supported.
 *
 * <p>Handlers: {@code count} (read: packets emitted), {@code active} (read/write),
 * {@code encap} (read: {@code IP}), {@code filesize} and {@code filepos} (read: the dump's length
 * and how much of it was read, in bytes), {@code stop} (write: deactivate and stop the router).
 *
 * <p>Example:
 * <pre>FromIPSummaryDump(trace.ipsum, STOP true, CHECKSUM true) -&gt; CheckIPHeader -&gt; c :: Counter -&gt; Discard;</pre>
 */
@ElementInfo(ports = "0/1", processing = "a")
public final class FromIPSummaryDump extends Element implements Task, TrafficSource {
    private final String filename;
    private final String dataText;
    private final boolean stop;
    private final boolean timing;
    private final boolean checksum;
    private final boolean multipacket;
    private final boolean allowNonexistent;
    private final int burst;
    private final State state = new State();

    /** Run-time state: the dump's lines, the position, the current directives, counters. */
    private static final class State {
        String[] lines;
        long[] lineEnds;
        long size;
        int next;
        IPSummaryField[] fields;
        int defaultProto;
        int[] flowid;
        int aggregate = IPSummarySketch.NONE;
        final IPSummarySketch sketch = new IPSummarySketch();
        volatile boolean active;
        boolean ended;
        boolean complained;
        Packet pending;
        int repeats;
        long count;
        long packetsOut;
        long bytesOut;
        boolean timingStarted;
        long timingBaseStamp;
        long timingBaseNanos;
        PrintStream errors = System.err;
    }

    public FromIPSummaryDump(ElementConfig c) {
        super(c);
        var args = c.args();
        filename = args.positional("FILENAME").string(null);
        stop = args.keyword("STOP").bool(false);
        timing = args.keyword("TIMING").bool(false);
        state.active = args.keyword("ACTIVE").bool(true);
        args.keyword("MIGRATE").bool(false); // FastClick's; accepted and ignored, see the class documentation
        args.keyword("ZERO").bool(true);
        checksum = args.keyword("CHECKSUM").bool(false);
        state.defaultProto = args.keyword("PROTO").integer(6, 0, 255);
        multipacket = args.keyword("MULTIPACKET").bool(false);
        args.keyword("SAMPLE").real(1);
        List<String> fields = new ArrayList<>(args.keyword("FIELDS").words());
        fields.addAll(args.keyword("CONTENTS").words());
        String flow = args.keyword("FLOWID").string(null);
        dataText = args.keyword("DATA").string(null);
        allowNonexistent = args.keyword("ALLOW_NONEXISTENT").bool(false);
        burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
        args.keyword("TIMES").integer(0);
        if (filename == null && dataText == null) {
            args.error("FILENAME: missing (or give DATA)");
        }
        if (!fields.isEmpty()) {
            List<String> unknown = new ArrayList<>();
            state.fields = parseFields(fields, unknown);
            for (String u : unknown) {
                args.error("FIELDS: unknown field '" + u + "'");
            }
        }
        if (flow != null) {
            state.flowid = parseFlowid(flow.strip().split("\\s+"), 0, state);
            if (state.flowid == null) {
                args.error("FLOWID: expected SRC SPORT DST DPORT [PROTO], not '" + flow + "'");
            }
        }
    }

    private static IPSummaryField[] parseFields(List<String> names, List<String> unknown) {
        IPSummaryField[] f = new IPSummaryField[names.size()];
        for (int i = 0; i < f.length; i++) {
            String n = names.get(i);
            if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                n = n.substring(1, n.length() - 1);
            }
            f[i] = IPSummaryField.find(n);
            if (f[i] == null) {
                unknown.add(n);
            }
        }
        return f;
    }

    /** Parses {@code SRC SPORT DST DPORT [PROTO]} from words[from]; null if malformed. */
    private static int[] parseFlowid(String[] w, int from, State s) {
        if (w.length - from < 4) {
            return null;
        }
        try {
            int[] f = new int[4];
            f[0] = w[from].equals("-") ? 0 : IPSummaryField.parseAddress(w[from]);
            f[1] = w[from + 1].equals("-") ? 0 : Integer.parseInt(w[from + 1]);
            f[2] = w[from + 2].equals("-") ? 0 : IPSummaryField.parseAddress(w[from + 2]);
            f[3] = w[from + 3].equals("-") ? 0 : Integer.parseInt(w[from + 3]);
            if (w.length - from > 4) {
                int p = protocol(w[from + 4]);
                if (p < 0) {
                    return null;
                }
                s.defaultProto = p;
            }
            return f;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int protocol(String w) {
        return switch (w) {
            case "T", "tcp" -> 6;
            case "U", "udp" -> 17;
            case "I", "icmp" -> 1;
            default -> {
                try {
                    int p = Integer.parseInt(w);
                    yield p >= 0 && p < 256 ? p : -1;
                } catch (NumberFormatException e) {
                    yield -1;
                }
            }
        };
    }

    @Override
    public void initialize() throws Exception {
        String text;
        if (dataText != null) {
            text = dataText;
        } else if (filename.equals("-")) {
            text = new String(System.in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } else {
            try {
                text = Files.readString(Path.of(filename), StandardCharsets.ISO_8859_1);
            } catch (NoSuchFileException e) {
                if (!allowNonexistent) {
                    throw new IllegalStateException(filename + ": No such file or directory");
                }
                text = "";
            } catch (IOException e) {
                throw new IllegalStateException(filename + ": " + e.getMessage());
            }
        }
        State s = state;
        s.size = text.length();
        String[] lines = text.split("\n", -1);
        s.lines = lines;
        s.lineEnds = new long[lines.length];
        long at = 0;
        for (int i = 0; i < lines.length; i++) {
            at += lines[i].length() + 1;
            s.lineEnds[i] = Math.min(at, s.size);
            if (lines[i].startsWith("!binary")) {
                throw new IllegalStateException((filename != null ? filename : "DATA")
                        + ": binary IP summary dumps are not supported");
            }
        }
    }

    @Override
    public void cleanup() {
        if (state.pending != null) {
            state.pending.kill();
            state.pending = null;
        }
    }

    /** Where dump format complaints go (default standard error). */
    public void setErrorStream(PrintStream err) {
        state.errors = err;
    }

    // ------------------------------------------------------------------ packet flow

    @Override
    public int runTask() {
        if (!outputIsPush(0)) {
            return DONE;
        }
        State s = state;
        if (s.ended) {
            return DONE;
        }
        if (!s.active) {
            return 0;
        }
        int n = 0;
        while (n < burst) {
            Packet p = next(s);
            if (p == null) {
                break;
            }
            n++;
            emitted(s, p);
            output(0, p);
        }
        if (s.ended) {
            return n == 0 ? DONE : n;
        }
        return n;
    }

    @Override
    public Packet pull(int port) {
        State s = state;
        if (!s.active || s.ended) {
            return null;
        }
        Packet p = next(s);
        if (p != null) {
            emitted(s, p);
        }
        return p;
    }

    private static void emitted(State s, Packet p) {
        s.count++;
        s.packetsOut++;
        s.bytesOut += p.length();
    }

    private Packet next(State s) {
        Packet p = s.pending;
        if (p == null) {
            p = read(s);
            if (p == null) {
                return null;
            }
        }
        s.pending = null;
        if (timing && !due(s, p)) {
            s.pending = p;
            return null;
        }
        if (s.repeats > 0) {
            s.repeats--;
            Packet copy = p.clone();
            if (copy != null) {
                s.pending = p;
                return copy;
            }
            s.repeats = 0;
        }
        return p;
    }

    /** The next packet line as a packet; null at the end (then STOP) or when the pool is empty. */
    private Packet read(State s) {
        while (s.next < s.lines.length) {
            String line = s.lines[s.next];
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                s.next++;
                continue;
            }
            if (line.startsWith("!")) {
                s.next++;
                directive(s, line);
                continue;
            }
            Packet p = PacketPool.alloc();
            if (p == null) {
                return null;
            }
            s.next++;
            if (build(s, line, p)) {
                return p;
            }
            p.kill();
        }
        endOfDump(s);
        return null;
    }

    private void directive(State s, String line) {
        String[] w = line.strip().split("\\s+");
        switch (w[0]) {
            case "!data", "!contents" -> {
                List<String> names = splitQuoted(line.strip().substring(w[0].length()));
                List<String> unknown = new ArrayList<>();
                s.fields = parseFields(names, unknown);
                for (String u : unknown) {
                    s.errors.println(name() + ": unknown content type '" + u + "'");
                }
            }
            case "!proto" -> {
                int p = w.length == 2 ? protocol(w[1]) : -1;
                if (p < 0) {
                    s.errors.println(name() + ": bad protocol in !proto");
                } else {
                    s.defaultProto = p;
                }
            }
            case "!flowid" -> {
                int[] f = parseFlowid(w, 1, s);
                if (f == null) {
                    s.errors.println(name() + ": bad !flowid specification");
                }
                s.flowid = f;
            }
            case "!aggregate" -> {
                try {
                    s.aggregate = (int) Long.parseLong(w[1]);
                } catch (RuntimeException e) {
                    s.errors.println(name() + ": bad !aggregate specification");
                }
            }
            default -> {
            }
        }
    }

    private boolean build(State s, String line, Packet p) {
        IPSummarySketch d = s.sketch;
        d.reset();
        IPSummaryField[] fields = s.fields;
        if (fields == null) {
            if (!s.complained) {
                s.errors.println(name() + ": no '!data' provided");
                s.complained = true;
            }
            return false;
        }
        List<String> values = splitQuoted(line);
        for (int order = 0; order <= 4; order++) {
            for (int i = 0; i < fields.length && i < values.size(); i++) {
                IPSummaryField f = fields[i];
                String v = values.get(i);
                if (f != null && f.order == order && !v.equals("-")) {
                    f.read(v, d);
                }
            }
        }
        if (!d.any) {
            if (!s.complained) {
                s.errors.println(name() + ": packet parse error");
                s.complained = true;
            }
            return false;
        }
        if (d.aggregate < 0 && s.aggregate >= 0) {
            d.aggregate = s.aggregate;
        }
        d.build(p, s.defaultProto, s.flowid, checksum);
        s.repeats = multipacket && d.count > 1 ? d.count - 1 : 0;
        return true;
    }

    /** Splits on white space, keeping double-quoted strings (with backslash escapes) whole. */
    static List<String> splitQuoted(String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                if (line.charAt(i) == '"') {
                    i++;
                    while (i < n && line.charAt(i) != '"') {
                        i += line.charAt(i) == '\\' ? 2 : 1;
                    }
                }
                i++;
            }
            out.add(line.substring(start, Math.min(i, n)));
        }
        return out;
    }

    private boolean due(State s, Packet p) {
        long now = WorkerClock.nanos();
        if (!s.timingStarted) {
            s.timingStarted = true;
            s.timingBaseStamp = p.timestampNanos();
            s.timingBaseNanos = now;
            return true;
        }
        long dueAt = s.timingBaseNanos + (p.timestampNanos() - s.timingBaseStamp);
        if (now - dueAt < 0) {
            SimulatedTime.wakeAt(dueAt);
            return false;
        }
        return true;
    }

    private void endOfDump(State s) {
        if (s.ended) {
            return;
        }
        s.ended = true;
        if (stop) {
            host().stop(name() + ": end of " + (filename != null ? filename : "DATA"));
        }
    }

    // ------------------------------------------------------------------ statistics and handlers

    @Override
    public long packetsOut() {
        return state.packetsOut;
    }

    @Override
    public long bytesOut() {
        return state.bytesOut;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = FromDump.parseBool("active", v));
        h.read("encap", () -> "IP");
        h.read("filesize", () -> Long.toString(s.size));
        h.readLong("filepos", () -> s.next == 0 || s.lineEnds == null ? 0 : s.lineEnds[Math.min(s.next, s.lineEnds.length) - 1]);
        h.write("stop", v -> {
            s.active = false;
            host().stop(name() + ": stop handler");
        });
    }
}
