package io.jmill.elements.ip;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ClassifyingElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;

/**
 * What CheckTCPHeader, CheckUDPHeader and CheckICMPHeader share: the IP header walk up to the
 * transport header, the drop path (output 1 if connected, else killed; counted by reason), the
 * VERBOSE and DETAILS keywords and the {@code count} / {@code drops} / {@code drop_details}
 * handlers. Each
 * subclass checks its own header.
 */
abstract class TransportHeaderCheck extends ClassifyingElement {
    static final int NOT_PROTOCOL = 0;
    static final int BAD_LENGTH = 1;
    static final int BAD_CHECKSUM = 2;
    /** What {@link #check} returns for a good header. */
    static final int OK = -1;

    private final int protocol;
    private final String protocolName;
    private final boolean verbose;
    private final DropStats stats;

    TransportHeaderCheck(ElementConfig c, int protocol, String protocolName) {
        super(c);
        this.protocol = protocol;
        this.protocolName = protocolName;
        verbose = c.args().keyword("VERBOSE").bool(false);
        stats = new DropStats(new String[] {"not " + protocolName, "bad packet length", "bad " + protocolName + " checksum"},
                c.args().keyword("DETAILS").bool(false));
    }

    @Override
    protected final int classify(int port, Packet p) {
        if (!p.hasNetworkHeader()) {
            return drop(NOT_PROTOCOL, p);
        }
        if (!Ip.hasBasicHeader(p)) {
            return drop(BAD_LENGTH, p);
        }
        int nh = p.networkHeaderOffset();
        if (p.u8(nh + 9) != protocol) {
            return drop(NOT_PROTOCOL, p);
        }
        int iphLen = Ip.headerLength(p, nh);
        if (iphLen < Ip.MIN_HEADER) {
            return drop(BAD_LENGTH, p);
        }
        int reason = check(p, nh, nh + iphLen);
        if (reason == OK) {
            stats.passed++;
            return 0;
        }
        return drop(reason, p);
    }

    /**
     * Checks the transport header at data offset {@code th} of an IP packet whose header is at
     * {@code nh}; returns {@link #OK}, {@link #BAD_LENGTH} or {@link #BAD_CHECKSUM}.
     */
    abstract int check(Packet p, int nh, int th);

    private int drop(int reason, Packet p) {
        if (stats.count(reason, verbose)) {
            System.err.println(name() + ": " + protocolName + " header check failed: " + stats.reason(reason));
        }
        return checkedPort(1, p);
    }

    @Override
    public void addHandlers(Handlers h) {
        DropStats s = stats;
        h.readLong("count", () -> s.passed);
        h.readLong("drops", () -> s.drops);
        if (s.hasDetails()) {
            h.read("drop_details", s::details);
        }
    }
}
