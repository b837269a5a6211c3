package io.jmill.elements.file;

import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one line of summary per packet to a text file (Click's IP summary dump format).
 *
 * <pre>ToIPSummaryDump(FILENAME [, keywords FIELDS, HEADER, BANNER, VERBOSE, MULTIPACKET, BAD_PACKETS,
 *     CAREFUL_TRUNC, EXTRA_LENGTH, BURST])</pre>
 *
 * <p>Each line holds the FIELDS of one packet, separated by spaces; a dash stands for a field the
 * packet does not have (a port of an ICMP packet, a TCP field cut off by truncation, any IP field
 * of a packet without a complete IP header). FILENAME {@code -} writes standard output. The file
 * starts with {@code !IPSummaryDump 1.3}, an optional {@code !creator} line and a {@code !data}
 * line naming the fields, which FromIPSummaryDump reads back.
 *
 * <p>Fields (Click's names; aliases in parentheses): {@code timestamp} (sec.usec), {@code ts_sec},
 * {@code ts_usec}, {@code ts_usec1}, {@code first_timestamp}, {@code ip_src} ({@code src}),
 * {@code ip_dst} ({@code dst}), {@code ip_proto} ({@code proto}: {@code T}, {@code U}, {@code I} or
 * a number), {@code ip_len} ({@code len}), {@code ip_hl}, {@code ip_id}, {@code ip_tos},
 * {@code ip_dscp}, {@code ip_ecn} ({@code no}, {@code ect1}, {@code ect2}, {@code ce}),
 * {@code ip_ttl}, {@code ip_sum}, {@code ip_frag} ({@code F} first fragment, {@code f} later,
 * {@code !} DF, {@code .}), {@code ip_fragoff} (bytes, {@code +} MF, {@code !} DF), {@code ip_opt},
 * {@code sport}, {@code dport}, {@code tcp_seq}, {@code tcp_ack}, {@code tcp_off},
 * {@code tcp_flags} ({@code FSRPAUECN} letters, {@code .} for none), {@code tcp_window},
 * {@code tcp_urp}, {@code tcp_opt}, {@code tcp_ntopt}, {@code tcp_sack}, {@code udp_len},
 * {@code icmp_type}, {@code icmp_code}, {@code icmp_type_name}, {@code icmp_flowid},
 * {@code icmp_seq}, {@code payload} (a C-quoted string), {@code payload_len}, {@code payload_md5},
 * {@code payload_md5_hex}, {@code ip_capture_len}, {@code count}, {@code direction} ({@code >} for
 * paint 0, {@code <} for 1), {@code link} ({@code paint}), {@code aggregate}, {@code wire_len},
 * {@code thread}. Spaces may stand for underscores.
 *
 * <p>Ports: one input, push or pull (pulled by a task when nothing is connected to the output);
 * an optional output that passes every packet on.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code FIELDS} (also {@code CONTENTS}): the fields. Default {@code ip_src ip_dst}.</li>
 * <li>{@code HEADER}: boolean. Write the {@code !} header lines. Default true.</li>
 * <li>{@code BANNER}: string. Written as {@code !creator "BANNER"}.</li>
 * <li>{@code VERBOSE}, {@code MULTIPACKET}, {@code BAD_PACKETS}, {@code CAREFUL_TRUNC},
 *     {@code EXTRA_LENGTH}: accepted; lines are written as described above.</li>
 * <li>{@code BURST}: integer. Most packets pulled per run. Default the router's batch size.</li>
 * </ul>
 * Click's BINARY format is not supported.
 *
 * <p>Handlers: {@code count} (read: lines written), {@code filename} (read), {@code flush}
 * (write: flush the file).
 *
 * <p>Example:
 * <pre>FromDump(trace.pcap, FORCE_IP true, STOP true) -&gt; ToIPSummaryDump(-, FIELDS timestamp src sport dst dport proto);</pre>
 */
@ElementInfo(ports = "1/0-1", processing = "a/a")
public final class ToIPSummaryDump extends Element implements Task {
    private final String filename;
    private final IPSummaryField[] fields;
    private final List<String> fieldNames;
    private final boolean header;
    private final String banner;
    private final int burst;
    private final State state = new State();

    private static final class State {
        Writer out;
        long count;
        final StringBuilder line = new StringBuilder(128);
    }

    public ToIPSummaryDump(ElementConfig c) {
        super(c);
        var args = c.args();
        filename = args.mandatoryPositional("FILENAME").string("");
        List<String> names = new ArrayList<>(args.keyword("FIELDS").words());
        names.addAll(args.keyword("CONTENTS").words());
        if (names.isEmpty()) {
            names = List.of("ip_src", "ip_dst");
        }
        fields = new IPSummaryField[names.size()];
        List<String> canonical = new ArrayList<>();
        for (int i = 0; i < fields.length; i++) {
            String n = names.get(i);
            if (n.length() >= 2 && n.startsWith("\"") && n.endsWith("\"")) {
                n = n.substring(1, n.length() - 1);
            }
            fields[i] = IPSummaryField.find(n);
            if (fields[i] == null) {
                args.error("FIELDS: unknown field '" + n + "'");
            } else {
                canonical.add(n.replace(' ', '_'));
            }
        }
        fieldNames = canonical;
        header = args.keyword("HEADER").bool(true);
        banner = args.keyword("BANNER").string(null);
        args.keyword("VERBOSE").bool(false);
        args.keyword("MULTIPACKET").bool(false);
        args.keyword("BAD_PACKETS").bool(false);
        args.keyword("CAREFUL_TRUNC").bool(true);
        args.keyword("EXTRA_LENGTH").bool(true);
        if (args.keyword("BINARY").bool(false)) {
            args.error("BINARY: binary IP summary dumps are not supported");
        }
        burst = args.keyword("BURST").integer(c.batch(), 1, Integer.MAX_VALUE);
    }

    @Override
    public void initialize() throws Exception {
        State s = state;
        try {
            s.out = filename.equals("-")
                    ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.ISO_8859_1))
                    : Files.newBufferedWriter(Path.of(filename), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(filename + ": " + e.getMessage());
        }
        if (header) {
            s.out.write("!IPSummaryDump 1.3\n");
            if (banner != null) {
                s.out.write("!creator \"" + banner + "\"\n");
            }
            s.out.write("!data " + String.join(" ", fieldNames) + "\n");
        }
    }

    @Override
    public void cleanup() {
        Writer w = state.out;
        if (w != null) {
            try {
                if (filename.equals("-")) {
                    w.flush();
                } else {
                    w.close();
                }
            } catch (IOException e) {
                System.err.println(name() + ": " + e.getMessage());
            }
            state.out = null;
        }
    }

    @Override
    public void push(int port, Packet p) {
        write(state, p);
        if (noutputs() > 0) {
            output(0, p);
        } else {
            p.kill();
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        if (p != null) {
            write(state, p);
        }
        return p;
    }

    @Override
    public int runTask() {
        if (inputIsPush(0) || noutputs() > 0) {
            return DONE;
        }
        int n = 0;
        Packet p;
        while (n < burst && (p = input(0)) != null) {
            write(state, p);
            p.kill();
            n++;
        }
        return n;
    }

    private void write(State s, Packet p) {
        if (s.out == null) {
            return;
        }
        StringBuilder sb = s.line;
        sb.setLength(0);
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            fields[i].write(p, sb);
        }
        sb.append('\n');
        try {
            s.out.append(sb);
            s.count++;
        } catch (IOException e) {
            System.err.println(name() + ": " + e.getMessage());
            s.out = null;
        }
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.read("filename", () -> filename);
        h.write("flush", v -> {
            try {
                if (s.out != null) {
                    s.out.flush();
                }
            } catch (IOException e) {
                throw new io.jmill.engine.handler.HandlerException(e.getMessage());
            }
        });
    }
}
