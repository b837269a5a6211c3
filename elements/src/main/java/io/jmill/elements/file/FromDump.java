package io.jmill.elements.file;

import io.jmill.engine.runtime.WorkerClock;
import io.jmill.driver.pcap.PcapException;
import io.jmill.driver.pcap.PcapFormat;
import io.jmill.driver.pcap.PcapReader;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.engine.runtime.TrafficSource;
import io.jmill.engine.time.SimulatedTime;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads packets from a tcpdump file.
 *
 * <pre>FromDump(FILENAME [, TIMING, keywords STOP, ACTIVE, BURST, FORCE_IP, END_CALL])</pre>
 *
 * <p>Reads packets from a file written by {@code tcpdump -w FILENAME}, by ToDump, or by any tool
 * that writes classic libpcap files (microsecond or nanosecond timestamps, either byte order;
 * Ethernet or raw-IP link type), and emits them from output 0, optionally stopping the router when
 * there are no more packets. Each packet gets its timestamp from the file, its MAC header at
 * offset 0 (Ethernet files) or its network header at offset 0 (raw-IP files), and its extra-length
 * annotation: the bytes of the original packet the file did not capture. A record longer than a
 * packet buffer (2048 bytes with the default headroom) is cut to fit, and counted
 * in {@code truncated}. FILENAME {@code -} reads standard input.
 *
 * <p>When output 0 is push, FromDump is a task that emits up to BURST packets each time it runs.
 * When output 0 is pull (for example into {@code ReplayUnqueue}), each pull returns the next packet
 * of the file, or nothing at the end of the file.
 *
 * <p>The file is opened and its header checked when the router initializes: a missing file or a
 * file that is not a pcap file is a configuration error naming the file. A damaged record later in
 * the file (cut short, or claiming more bytes than the snap length allows) ends the input there:
 * FromDump prints the problem to standard error (e.g.
 * {@code fd: trace.pcap: truncated record 57 at offset 1234 (20 of 60 data bytes)}), counts it in
 * {@code errors}, and behaves as at the end of the file. Packets before it were emitted normally.
 *
 * <p>When the packet pool is exhausted, FromDump reads nothing more until its next run (or pull):
 * no record is lost, so the file is delivered whole, only later.
 *
 * <p>Ports: no inputs; one or two outputs. Output 0 is agnostic; output 1 is push and receives the
 * non-IP packets when FORCE_IP is true.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code STOP}: boolean. If true, ask the router to stop when the file is done. Default
 *     false.</li>
 * <li>{@code TIMING}: boolean. If true, keep the time between packets of the original stream: the
 *     first packet goes out at once, each later one when as much time has passed since the first as
 *     separates their timestamps. Same as the TIMING argument. Default false.</li>
 * <li>{@code ACTIVE}: boolean. If false, emit nothing until the {@code active} handler is written
 *     true. Default true.</li>
 * <li>{@code BURST}: integer, at least 1. Most packets emitted per run. Default: the router's batch
 *     size (32 unless the router was built with another), as FastClick's 32.</li>
 * <li>{@code FORCE_IP}: boolean. If true, emit only IPv4 packets (Ethernet type 0x0800, also behind
 *     one 802.1Q tag), with their network header annotation set; other packets go to output 1 if
 *     there is one and are dropped (counted in {@code drops}) otherwise. Always true for raw-IP
 *     files. Default false.</li>
 * <li>{@code END_CALL}: a write handler call, {@code ELEMENT.HANDLER [VALUE]}, made once when the
 *     file is done. Cannot be combined with STOP.</li>
 * </ul>
 * Click's SAMPLE, START, START_AFTER, END, END_AFTER, INTERVAL, FILEPOS, MMAP, FORCE_LEN, PRELOAD
 * and TIMING_FNT are not supported, nor compressed files.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets emitted from output 0 since the last reset.</li>
 * <li>{@code reset_counts} (write): sets {@code count} to 0.</li>
 * <li>{@code active} (read/write): the ACTIVE setting.</li>
 * <li>{@code stop} (write): deactivates FromDump and asks the router to stop.</li>
 * <li>{@code encap} (read): the file's encapsulation, {@code ETHER} or {@code IP}.</li>
 * <li>{@code filename} (read): FILENAME.</li>
 * <li>{@code filesize} (read): the file's length in bytes, or {@code -} if unknown.</li>
 * <li>{@code filepos} (read): offset in the file of the next record.</li>
 * <li>{@code packet_filepos} (read): offset of the last record read.</li>
 * <li>{@code truncated} (read): records cut to fit a packet buffer.</li>
 * <li>{@code drops} (read): non-IP packets dropped because of FORCE_IP.</li>
 * <li>{@code errors} (read): damaged records met (0 or 1).</li>
 * <li>{@code error} (read): the last error message, or empty.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromDump(trace.pcap, STOP true) -&gt; c :: Counter -&gt; Discard;</pre>
 */
@ElementInfo(ports = "0/1-2", processing = "a/ah")
public final class FromDump extends Element implements Task, TrafficSource, DropCounter {
    private final String filename;
    private final boolean timing;
    private final boolean stop;
    private final boolean forceIpArg;
    private final int burst;
    /** END_CALL's handler and value; null if none. */
    private final String endCallHandler;
    private final String endCallValue;
    private final State state = new State();

    /** Run-time state: the open file, the packet held back by TIMING, counters. */
    private static final class State {
        PcapReader reader;
        boolean rawIp;
        boolean forceIp;
        /** The file has no more records for us (end, or a damaged record). */
        boolean eof;
        /** End-of-file actions (STOP, END_CALL) have been taken. */
        boolean ended;
        /** A packet read but not yet due (TIMING). */
        Packet pending;
        volatile boolean active;
        long count;
        long packetsOut;
        long bytesOut;
        long drops;
        long errors;
        volatile String lastError = "";
        long packetFilepos = -1;
        boolean timingStarted;
        long timingBaseStamp;
        long timingBaseNanos;
        String resolvedEndCall;
        PrintStream errorStream = System.err;
    }

    public FromDump(ElementConfig c) {
        super(c);
        var args = c.args();
        var file = args.mandatoryPositional("FILENAME");
        filename = file.string("");
        if (file.present() && filename.isEmpty()) {
            args.error("FILENAME: empty file name");
        }
        timing = args.positional("TIMING").bool(false);
        stop = args.keyword("STOP").bool(false);
        state.active = args.keyword("ACTIVE").bool(true);
        burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
        forceIpArg = args.keyword("FORCE_IP").bool(false);
        String endCall = args.keyword("END_CALL").string(null);
        if (endCall != null) {
            String call = endCall.strip();
            int space = firstSpace(call);
            endCallHandler = space < 0 ? call : call.substring(0, space);
            endCallValue = space < 0 ? "" : call.substring(space + 1).strip();
            if (endCallHandler.isEmpty()) {
                args.error("END_CALL: missing handler");
            }
        } else {
            endCallHandler = null;
            endCallValue = null;
        }
        if (stop && endCall != null) {
            args.error("END_CALL and STOP are mutually exclusive");
        }
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void initialize() throws Exception {
        State s = state;
        if (endCallHandler != null) {
            try {
                s.resolvedEndCall = RouterHandlers.checkElement(this, host(), endCallHandler);
            } catch (HandlerException e) {
                throw new IllegalArgumentException("END_CALL: " + e.getMessage());
            }
        }
        try {
            s.reader = filename.equals("-") ? PcapReader.openStandardInput() : PcapReader.open(Path.of(filename));
        } catch (PcapException e) {
            throw new IllegalStateException(e.getMessage());
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalStateException(filename + ": bad file name (" + e.getReason() + ")");
        }
        s.rawIp = PcapFormat.isRawIp(s.reader.linkType());
        s.forceIp = forceIpArg || s.rawIp;
    }

    @Override
    public void cleanup() {
        State s = state;
        if (s.pending != null) {
            s.pending.kill();
            s.pending = null;
        }
        if (s.reader != null) {
            s.reader.close();
        }
    }

    /** Where damaged-file messages go (default standard error); for tests and embedding. */
    public void setErrorStream(PrintStream err) {
        state.errorStream = err;
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
            if (timing && !due(s, p)) {
                s.pending = p;
                break;
            }
            n++;
            if (s.forceIp && !markIp(p, s.rawIp)) {
                divert(s, p);
                continue;
            }
            s.count++;
            s.packetsOut++;
            s.bytesOut += p.length();
            output(0, p);
        }
        if (s.eof) {
            endOfFile(s);
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
        while (true) {
            Packet p = next(s);
            if (p == null) {
                if (s.eof) {
                    endOfFile(s);
                }
                return null;
            }
            if (timing && !due(s, p)) {
                s.pending = p;
                return null;
            }
            if (s.forceIp && !markIp(p, s.rawIp)) {
                divert(s, p);
                continue;
            }
            s.count++;
            s.packetsOut++;
            s.bytesOut += p.length();
            return p;
        }
    }

    /** The held-back packet, or the next record in a fresh packet; null at the end or when the pool is empty. */
    private Packet next(State s) {
        Packet p = s.pending;
        if (p != null) {
            s.pending = null;
            return p;
        }
        if (s.eof) {
            return null;
        }
        p = PacketPool.alloc();
        if (p == null) {
            return null; // pool exhausted: the record stays in the file until the next try
        }
        try {
            long at = s.reader.position();
            if (!s.reader.next(p)) {
                p.kill();
                s.eof = true;
                return null;
            }
            s.packetFilepos = at;
        } catch (PcapException e) {
            p.kill();
            s.eof = true;
            s.errors++;
            s.lastError = e.getMessage();
            s.errorStream.println(name() + ": " + e.getMessage() + "; no more packets from this file");
            return null;
        }
        if (!s.rawIp) {
            p.setMacHeader(0);
        }
        return p;
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

    private void divert(State s, Packet p) {
        if (noutputs() > 1) {
            s.packetsOut++;
            s.bytesOut += p.length();
            output(1, p);
        } else {
            s.drops++;
            p.kill();
        }
    }

    /**
     * Sets the network header if {@code p} is an IPv4 packet (behind Ethernet, or raw); false if
     * it is not one or its header does not fit.
     */
    static boolean markIp(Packet p, boolean rawIp) {
        int len = p.length();
        int off;
        if (rawIp) {
            off = 0;
        } else {
            if (len < 14) {
                return false;
            }
            int type = p.u16(12);
            if (type == 0x0800) {
                off = 14;
            } else if (type == 0x8100 && len >= 18 && p.u16(16) == 0x0800) {
                off = 18;
            } else {
                return false;
            }
        }
        if (len < off + 20) {
            return false;
        }
        int vihl = p.u8(off);
        int hl = (vihl & 0x0F) << 2;
        if ((vihl >>> 4) != 4 || hl < 20 || off + hl > len) {
            return false;
        }
        p.setNetworkHeader(off, hl);
        return true;
    }

    private void endOfFile(State s) {
        if (s.ended) {
            return;
        }
        s.ended = true;
        if (stop) {
            host().stop(name() + ": " + (s.errors > 0 ? "stopped at a damaged record in " : "end of ") + filename);
        } else if (s.resolvedEndCall != null) {
            try {
                RouterHandlers.write(this, host(), endCallHandler, endCallValue);
            } catch (HandlerException | RuntimeException e) {
                s.errorStream.println(name() + ": END_CALL " + endCallHandler + ": " + e.getMessage());
            }
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
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.write("reset_counts", v -> s.count = 0);
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = parseBool("active", v));
        h.write("stop", v -> {
            s.active = false;
            host().stop(name() + ": stop handler");
        });
        h.read("encap", () -> s.reader == null ? "" : s.rawIp ? "IP" : "ETHER");
        h.read("filename", () -> filename);
        h.read("filesize", () -> s.reader == null || s.reader.fileSize() < 0 ? "-" : Long.toString(s.reader.fileSize()));
        h.readLong("filepos", () -> s.reader == null ? 0 : s.reader.position());
        h.readLong("packet_filepos", () -> s.packetFilepos);
        h.readLong("truncated", () -> s.reader == null ? 0 : s.reader.truncatedPackets());
        h.readLong("drops", () -> s.drops);
        h.readLong("errors", () -> s.errors);
        h.read("error", () -> s.lastError);
    }

    /**
     * The file's encapsulation, {@code ETHER} or {@code IP}, reading the file's header if the
     * element is not initialized yet (ToDump's USE_ENCAP_FROM may ask first); null if the file
     * cannot be read.
     */
    String encap() {
        PcapReader r = state.reader;
        if (r != null) {
            return state.rawIp ? "IP" : "ETHER";
        }
        if (filename.equals("-")) {
            return null;
        }
        try (PcapReader peek = PcapReader.open(Path.of(filename))) {
            return PcapFormat.isRawIp(peek.linkType()) ? "IP" : "ETHER";
        } catch (PcapException | java.nio.file.InvalidPathException e) {
            return null;
        }
    }

    static boolean parseBool(String handler, String value) throws HandlerException {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "t", "y", "1" -> true;
            case "false", "no", "f", "n", "0" -> false;
            default -> throw new HandlerException(handler + ": expected boolean, got '" + (value == null ? "" : value.strip()) + "'");
        };
    }
}
