package io.jmill.elements.nat;

import io.jmill.driver.net.Checksum;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.layout.Packet;

import java.nio.charset.StandardCharsets;

/**
 * Lets active FTP through a rewriter by mapping and rewriting PORT commands.
 *
 * <pre>FTPPortMapper(CONTROL_REWRITER, DATA_REWRITER, DATA_REWRITER_INPUT)</pre>
 *
 * <p>Expects FTP control packets (TCP, with network and transport header annotations), on their
 * way into CONTROL_REWRITER, a TCPRewriter or IPRewriter that this element's packets pass through
 * downstream. Packets whose payload is not a {@code PORT h1,h2,h3,h4,p1,p2} command ending in CR
 * or LF, or whose control connection CONTROL_REWRITER has no mapping for yet, pass unchanged. For a
 * PORT command announcing address A and port P, on a control connection from S to D port C:
 * <ul>
 * <li>a mapping for the data connection {@code (A, P, D, C - 1)} is looked up in DATA_REWRITER
 *     (an IPRewriter, TCPRewriter or UDPRewriter), and created, if there is none, as if a packet of
 *     that connection had arrived on its input DATA_REWRITER_INPUT (usually a pattern);</li>
 * <li>the command is rewritten to announce the address and port that mapping rewrites the data
 *     connection to, the packet growing or shrinking with it; the IP length and checksum and the
 *     TCP checksum are updated;</li>
 * <li>CONTROL_REWRITER is told that the control connection's later sequence numbers move by the
 *     change in length, so that it shifts them (and the other side's acknowledgements and SACK
 *     blocks back) as Click's TCPRewriter does;</li>
 * <li>the data mapping gets the control connection's REPLY_ANNO value.</li>
 * </ul>
 * The packet's addresses and ports are left for CONTROL_REWRITER to translate. As in Click, a
 * packet that would need more tailroom than it has passes unchanged.
 *
 * <p>Ports: one input, one output; agnostic.
 *
 * <p>Example, a NAT in which inside FTP clients may use active mode:
 * <pre>
 * rw :: TCPRewriter(pattern 1.0.0.1 1024-65535# - - 0 1, drop);
 * inside -> FTPPortMapper(rw, rw, 0) -> [0] rw;
 * </pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class FTPPortMapper extends SimpleElement {
    private static final int TCP = 6;

    private final String controlName;
    private final String dataName;
    private final int dataInput;
    /** The rewriters, found by {@link #initialize()}; {@code [0]} control, {@code [1]} data. */
    private final IPRewriter[] rewriters = new IPRewriter[2];

    public FTPPortMapper(ElementConfig c) {
        super(c);
        var args = c.args();
        controlName = args.mandatoryPositional("CONTROL_REWRITER").string("");
        dataName = args.mandatoryPositional("DATA_REWRITER").string("");
        dataInput = args.mandatoryPositional("DATA_REWRITER_INPUT").integer(0, 0, Integer.MAX_VALUE);
    }

    @Override
    public void initialize() {
        Element control = RewriteInputs.element(host(), this, controlName);
        Element data = RewriteInputs.element(host(), this, dataName);
        if (!(control instanceof IPRewriter cr) || !cr.tracksTcp()) {
            throw new IllegalArgumentException("CONTROL_REWRITER: '" + controlName
                    + "' is not a TCPRewriter or IPRewriter");
        }
        if (!(data instanceof IPRewriter dr)) {
            throw new IllegalArgumentException("DATA_REWRITER: '" + dataName
                    + "' is not an IPRewriter, TCPRewriter or UDPRewriter");
        }
        if (dataInput >= dr.ninputs()) {
            throw new IllegalArgumentException("DATA_REWRITER_INPUT out of range");
        }
        rewriters[0] = cr;
        rewriters[1] = dr;
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (!p.hasNetworkHeader()) {
            return p;
        }
        int nh = p.networkHeaderOffset();
        int th = p.transportHeaderOffset();
        int len = p.length();
        if (th < nh + 20 || th + 20 > len || p.u8(nh + 9) != TCP) {
            return p;
        }
        int data = th + ((p.u8(th + 12) >>> 4) << 2);
        if (data + 5 > len || !isPort(p, data)) {
            return p;
        }
        return mapPort(p, nh, th, data, len);
    }

    private static boolean isPort(Packet p, int data) {
        return (p.u8(data) | 0x20) == 'p' && (p.u8(data + 1) | 0x20) == 'o' && (p.u8(data + 2) | 0x20) == 'r'
                && (p.u8(data + 3) | 0x20) == 't' && p.u8(data + 4) == ' ';
    }

    /** A PORT command (rare, not the data path): parses, maps and rewrites it. */
    private Packet mapPort(Packet p, int nh, int th, int data, int len) {
        IPRewriter control = rewriters[0];
        IPRewriter dataRw = rewriters[1];
        int src = p.u32(nh + 12);
        int dst = p.u32(nh + 16);
        int sport = p.u16(th);
        int dport = p.u16(th + 2);
        int controlEntry = control.tcpEntry(-1, src, sport, dst, dport);
        if (controlEntry < 0) {
            return p;
        }
        int pos = data + 5;
        while (pos < len && p.u8(pos) == ' ') {
            pos++;
        }
        int argStart = pos;
        int[] nums = new int[6];
        int which = 0;
        while (pos < len && which < 6) {
            int ch = p.u8(pos);
            if (ch >= '0' && ch <= '9') {
                nums[which] = Math.min(nums[which] * 10 + ch - '0', 1000);
            } else if (ch == ',') {
                which++;
            } else {
                break;
            }
            pos++;
        }
        if (which != 5 || pos >= len || (p.u8(pos) != '\r' && p.u8(pos) != '\n')) {
            return p;
        }
        for (int v : nums) {
            if (v >= 256) {
                return p;
            }
        }
        int dataAddr = nums[0] << 24 | nums[1] << 16 | nums[2] << 8 | nums[3];
        int dataPort = nums[4] << 8 | nums[5];
        int entry = dataRw.tcpEntry(dataInput, dataAddr, dataPort, dst, (dport - 1) & 0xFFFF);
        if (entry < 0) {
            return p;
        }
        int newAddr = dataRw.rewrittenSaddr(entry);
        int newPort = dataRw.rewrittenSport(entry);
        byte[] arg = ((newAddr >>> 24) + "," + ((newAddr >>> 16) & 255) + "," + ((newAddr >>> 8) & 255) + ","
                + (newAddr & 255) + "," + (newPort >>> 8) + "," + (newPort & 255)).getBytes(StandardCharsets.US_ASCII);
        int oldArgLen = pos - argStart;
        int grow = arg.length - oldArgLen;
        if (grow > 0 && !p.put(grow)) {
            return p;
        }
        p.moveData(pos, argStart + arg.length, len - pos);
        if (grow < 0) {
            p.take(-grow);
        }
        p.copyIn(argStart, arg, 0, arg.length);
        int newLen = p.length();

        int oldIpLen = p.u16(nh + 2);
        int ipLen = newLen - nh;
        p.setU16(nh + 2, ipLen);
        p.setU16(nh + 10, Checksum.update16(p.u16(nh + 10), oldIpLen, ipLen));

        int payload = len - data;
        control.addSeqDelta(controlEntry, p.u32(th + 4) + payload, grow);
        dataRw.setReplyValue(entry, control.replyValue(controlEntry));

        int tcpLen = newLen - th;
        p.setU16(th + 16, 0);
        int sum = Checksum.add(Checksum.pseudoHeader(src, dst, TCP, tcpLen), p, th, tcpLen);
        p.setU16(th + 16, Checksum.finish(sum));
        return p;
    }
}
