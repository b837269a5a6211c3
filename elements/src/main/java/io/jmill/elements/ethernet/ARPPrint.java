package io.jmill.elements.ethernet;

import io.jmill.engine.args.IPPrefix;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.HandlerValues;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

import io.jmill.elements.control.ChatterChannels;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Pretty-prints ARP packets.
 *
 * <pre>ARPPrint([TAG, keywords TIMESTAMP, ETHER, ACTIVE, CHANNEL])</pre>
 *
 * <p>Prints a line for each ARP packet, tcpdump-style, on standard error, and passes the packet on:
 * {@code TAG: arp who-has 10.0.0.2 tell 10.0.0.1} for a request, {@code TAG: arp reply 10.0.0.2
 * is-at 02-00-00-00-00-02} for a reply. The ARP header starts at the network header annotation if
 * it is set, else 14 bytes in (after an Ethernet header). A packet too short for an Ethernet/IPv4
 * ARP header prints {@code TAG: truncated-arp (LEN)}.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code TIMESTAMP}: boolean. Print the packet's timestamp first. Default true.</li>
 * <li>{@code ETHER}: boolean. Print the Ethernet source and destination too. Default false.</li>
 * <li>{@code ACTIVE}: boolean. Print nothing if false. Default true.</li>
 * <li>{@code CHANNEL}: word. Print to this chatter channel instead of standard error: the lines
 *     reach the ChatterSockets listening on it (see ChatterSocket).</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code active} (read/write): ACTIVE.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>c[0] -&gt; ARPPrint(in) -&gt; ARPResponder(10.0.0.1 02:00:00:00:00:01) -&gt; ...</pre>
 *
 * <p>See also: IPPrint, Print, CheckARPHeader.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class ARPPrint extends SimpleElement {
    private final String tag;
    private final boolean timestamp;
    private final boolean ether;
    private final State state = new State();

    private static final class State {
        volatile boolean active;
        /**
         * Null: standard error as it is when a line is printed (a ChatterSocket may have replaced
         * it); else a named chatter channel's stream, or a test's.
         */
        volatile PrintStream out;
    }

    public ARPPrint(ElementConfig c) {
        super(c);
        var args = c.args();
        tag = args.positional("TAG").string("");
        timestamp = args.keyword("TIMESTAMP").bool(true);
        ether = args.keyword("ETHER").bool(false);
        state.active = args.keyword("ACTIVE").bool(true);
        state.out = ChatterChannels.stream(args.keyword("CHANNEL").string(ChatterChannels.DEFAULT));
    }

    /** Sends the lines to {@code out} instead of standard error (tests, tools). */
    public void setStream(PrintStream out) {
        state.out = out;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        State s = state;
        if (s.active) {
            PrintStream out = s.out;
            (out != null ? out : System.err).println(format(p));
        }
        return p;
    }

    /** The line printed for {@code p}. */
    String format(Packet p) {
        StringBuilder sb = new StringBuilder(96);
        if (!tag.isEmpty()) {
            sb.append(tag).append(": ");
        }
        if (timestamp) {
            long ts = p.timestampNanos();
            sb.append(ts / 1_000_000_000L).append('.').append(String.format(Locale.ROOT, "%06d", ts % 1_000_000_000L / 1000))
                    .append(": ");
        }
        int off = p.hasNetworkHeader() ? p.networkHeaderOffset() : Ether.HEADER_LENGTH;
        if (ether && off >= Ether.HEADER_LENGTH) {
            sb.append(Ether.macString(Ether.mac(p, off - 14 + 6))).append(" > ")
                    .append(Ether.macString(Ether.mac(p, off - 14))).append(": ");
        }
        if (off < 0 || p.length() < off + 28) {
            return sb.append("truncated-arp (").append(Math.max(0, p.length() - Math.max(off, 0))).append(')').toString();
        }
        int op = p.u16(off + 6);
        String spa = IPPrefix.addressToString(p.u32(off + 14));
        String tpa = IPPrefix.addressToString(p.u32(off + 24));
        switch (op) {
            case Ether.ARPOP_REQUEST -> sb.append("arp who-has ").append(tpa).append(" tell ").append(spa);
            case Ether.ARPOP_REPLY -> sb.append("arp reply ").append(spa).append(" is-at ")
                    .append(Ether.macString(Ether.mac(p, off + 8)));
            default -> sb.append("arp-#").append(op).append(' ').append(spa).append(" > ").append(tpa);
        }
        return sb.toString();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
    }
}
