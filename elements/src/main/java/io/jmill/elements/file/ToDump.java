package io.jmill.elements.file;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.driver.pcap.PcapException;
import io.jmill.driver.pcap.PcapFormat;
import io.jmill.driver.pcap.PcapWriter;
import io.jmill.engine.args.Arg;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes packets to a tcpdump file.
 *
 * <pre>ToDump(FILENAME [, SNAPLEN, ENCAP, keywords USE_ENCAP_FROM, EXTRA_LENGTH, UNBUFFERED, NANO])</pre>
 *
 * <p>Writes incoming packets to FILENAME in {@code tcpdump -w} format (classic libpcap,
 * little-endian). The file can be read by {@code tcpdump -r}, Wireshark, or FromDump. FILENAME
 * {@code -} writes to standard output. The file is created (or truncated) when the router
 * initializes; a file that cannot be created is a configuration error naming it. Writes are
 * buffered; the file is complete once the router has been closed.
 *
 * <p>Each record holds the packet's timestamp annotation (the current time if it has none), at
 * most SNAPLEN bytes of its data, and its original length: its length plus its extra-length
 * annotation (set by FromDump for packets the input file had cut). Packets read by FromDump are
 * therefore written back byte for byte.
 *
 * <p>ToDump may have zero or one output. With an output, every packet received goes on to it;
 * without, packets are freed once written. When its input is pull and it has no output, ToDump is
 * a task that pulls up to BURST packets each time it runs.
 *
 * <p>If writing fails (disk full), ToDump prints the error to standard error, counts it, and stops
 * writing; packets still pass to the output.
 *
 * <p>Ports: one input; zero or one outputs; agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code SNAPLEN}: unsigned integer. Most bytes written per packet; 0 means no limit. Same as
 *     the SNAPLEN argument. Default 2000.</li>
 * <li>{@code ENCAP}: the first header each packet has, stored in the file header: {@code ETHER}
 *     (link type 1), {@code IP} (raw IP, 101), or {@code FDDI}, {@code PPP}, {@code SLL},
 *     {@code 802_11}, {@code NULL}. Same as the ENCAP argument. Default ETHER.</li>
 * <li>{@code USE_ENCAP_FROM}: space-separated element names; at initialization ToDump reads their
 *     {@code encap} handlers (FromDump has one) and uses the encapsulation they agree on. At most
 *     one of ENCAP and USE_ENCAP_FROM.</li>
 * <li>{@code EXTRA_LENGTH}: boolean. If true, add the extra-length annotation to the recorded
 *     original length. Default true.</li>
 * <li>{@code UNBUFFERED}: boolean. If true, write each packet to the file at once. Default
 *     false.</li>
 * <li>{@code NANO}: boolean. If true, write nanosecond timestamps (magic {@code a1b23c4d});
 *     otherwise microseconds (magic {@code a1b2c3d4}), which every tool reads. Default false.</li>
 * <li>{@code BURST}: integer, at least 1. Most packets pulled per run when ToDump is a task.
 *     Default: the router's batch size.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code filename} (read): FILENAME ({@code <stdout>} for {@code -}).</li>
 * <li>{@code count} (read): packets written since the last reset.</li>
 * <li>{@code reset_counts} (write): sets {@code count} to 0.</li>
 * <li>{@code errors} (read): write errors (0 or 1: writing stops at the first).</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDevice(eth0) -&gt; ToDump(capture.pcap, SNAPLEN 128);</pre>
 */
@ElementInfo(ports = "1/0-1", processing = "a/a")
public final class ToDump extends Element implements Task {
    /** Click's encapsulation names and their link types. */
    private static final String[] ENCAP_NAMES = {"ETHER", "IP", "FDDI", "PPP", "SLL", "802_11", "NULL"};
    private static final int[] ENCAP_TYPES = {PcapFormat.LINKTYPE_ETHERNET, PcapFormat.LINKTYPE_RAW, 10, 9, 113, 105, 0};

    private final String filename;
    private final long snaplen;
    /** -1 when taken from USE_ENCAP_FROM at initialization. */
    private final int encap;
    private final List<String> useEncapFrom;
    private final boolean extraLength;
    private final boolean unbuffered;
    private final boolean nano;
    private final int burst;
    private final State state = new State();

    /** Run-time state: the open file and counters. */
    private static final class State {
        PcapWriter writer;
        boolean active;
        long count;
        long errors;
        PrintStream errorStream = System.err;
    }

    public ToDump(ElementConfig c) {
        super(c);
        var args = c.args();
        var file = args.mandatoryPositional("FILENAME");
        filename = file.string("");
        if (file.present() && filename.isEmpty()) {
            args.error("FILENAME: empty file name");
        }
        long snap = args.positional("SNAPLEN").longValue(2000, 0, PcapFormat.MAX_SNAPLEN);
        snaplen = snap == 0 ? PcapFormat.MAX_SNAPLEN : snap;
        Arg encapArg = args.positional("ENCAP");
        String encapName = encapArg.string(null);
        if (encapName == null) {
            // ToDump(f, 2000, IP): an uppercase word alone reads as a bare keyword; take it as ENCAP.
            for (String n : ENCAP_NAMES) {
                Arg bare = args.keyword(n);
                if (bare.present() && bare.raw().isEmpty()) {
                    encapName = n;
                } else if (bare.present()) {
                    args.error("unknown keyword '" + n + "'");
                }
            }
        }
        Arg from = args.keyword("USE_ENCAP_FROM");
        useEncapFrom = from.words();
        extraLength = args.keyword("EXTRA_LENGTH").bool(true);
        unbuffered = args.keyword("UNBUFFERED").bool(false);
        nano = args.keyword("NANO").bool(false);
        burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
        if (from.present() && encapName != null) {
            args.error("specify at most one of ENCAP and USE_ENCAP_FROM");
        }
        if (from.present() && useEncapFrom.isEmpty()) {
            args.error("USE_ENCAP_FROM: element names missing");
        }
        int type = PcapFormat.LINKTYPE_ETHERNET;
        if (encapName != null) {
            type = encapType(encapName);
            if (type < 0) {
                args.error("ENCAP: bad encapsulation type '" + encapName + "' (expected ETHER or IP)");
            }
        }
        encap = from.present() ? -1 : type;
    }

    private static int encapType(String name) {
        String n = name.strip().toUpperCase(Locale.ROOT);
        for (int i = 0; i < ENCAP_NAMES.length; i++) {
            if (ENCAP_NAMES[i].equals(n)) {
                return ENCAP_TYPES[i];
            }
        }
        return n.equals("ETHERNET") ? PcapFormat.LINKTYPE_ETHERNET : -1;
    }

    @Override
    public void initialize() throws Exception {
        int linkType = encap < 0 ? encapFromElements() : encap;
        State s = state;
        try {
            s.writer = filename.equals("-") ? PcapWriter.openStandardOutput(nano, snaplen, linkType)
                    : PcapWriter.create(Path.of(filename), nano, snaplen, linkType);
            s.writer.flush(); // the header: an empty capture is still a valid file
        } catch (PcapException e) {
            throw new IllegalStateException(e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalStateException(filename + ": bad file name (" + e.getReason() + ")");
        }
        s.active = true;
    }

    private int encapFromElements() {
        List<String> found = new ArrayList<>();
        int type = -1;
        boolean disagree = false;
        for (String e : useEncapFrom) {
            // Handlers are registered after initialization, so ask FromDump directly.
            String resolved = RouterHandlers.resolve(this, host(), e + ".x");
            Element source = host().element(resolved.substring(0, resolved.length() - 2));
            if (source == null) {
                throw new IllegalArgumentException("USE_ENCAP_FROM: no element '" + e + "'");
            }
            if (!(source instanceof FromDump fd)) {
                throw new IllegalArgumentException("USE_ENCAP_FROM: '" + e + "' has no 'encap' read handler");
            }
            String value = fd.encap();
            if (value == null) {
                throw new IllegalArgumentException("USE_ENCAP_FROM: '" + e + "' cannot read its file");
            }
            int t = encapType(value);
            if (t < 0) {
                throw new IllegalArgumentException("USE_ENCAP_FROM: '" + e + ".encap' did not return a valid"
                        + " encapsulation type ('" + value.strip() + "')");
            }
            found.add(e + " has " + value.strip());
            disagree |= type >= 0 && t != type;
            type = t;
        }
        if (disagree) {
            throw new IllegalArgumentException("USE_ENCAP_FROM: source encapsulation types disagree: "
                    + String.join(", ", found));
        }
        return type;
    }

    @Override
    public void cleanup() {
        State s = state;
        if (s.writer != null) {
            try {
                s.writer.close();
            } catch (PcapException e) {
                s.errors++;
                s.errorStream.println(name() + ": " + e.getMessage());
            }
            s.active = false;
        }
    }

    /** Where write errors are reported (default standard error); for tests and embedding. */
    public void setErrorStream(PrintStream err) {
        state.errorStream = err;
    }

    // ------------------------------------------------------------------ packet flow

    @Override
    public void push(int port, Packet p) {
        State s = state;
        if (s.active) {
            write(s, p);
        }
        checkedOutput(0, p);
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        State s = state;
        if (p != null && s.active) {
            write(s, p);
        }
        return p;
    }

    @Override
    public int runTask() {
        if (inputIsPush(0) || noutputs() > 0) {
            return DONE;
        }
        State s = state;
        int n = 0;
        Packet p;
        while (n < burst && (p = input(0)) != null) {
            if (s.active) {
                write(s, p);
            }
            p.kill();
            n++;
        }
        return n;
    }

    private void write(State s, Packet p) {
        long ts = p.timestampNanos();
        if (ts == 0) {
            ts = WorkerClock.wallNanos();
        }
        long original = p.length() + (extraLength ? p.anno(PcapFormat.EXTRA_LENGTH) : 0);
        try {
            s.writer.write(p, ts, original);
            if (unbuffered) {
                s.writer.flush();
            }
            s.count++;
        } catch (PcapException e) {
            s.active = false;
            s.errors++;
            s.errorStream.println(name() + ": " + e.getMessage() + "; no more packets written");
        }
    }

    // ------------------------------------------------------------------ handlers

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("filename", () -> s.writer != null ? s.writer.name() : filename);
        h.readLong("count", () -> s.count);
        h.write("reset_counts", v -> s.count = 0);
        h.readLong("errors", () -> s.errors);
    }
}
