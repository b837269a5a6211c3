package io.jmill.elements.nat;

import io.jmill.driver.net.Checksum;
import io.jmill.layout.Packet;

import java.util.Arrays;

/**
 * The sequence-number shifts of one TCP flow whose payload an element resized (FTPPortMapper
 * rewriting a PORT command), as Click's TCPRewriter keeps them: per direction, transitions
 * (TRIGGER, DELTA) in increasing order; a packet of that direction whose sequence number is at or
 * after TRIGGER gets DELTA added, and acknowledgements (and SACK blocks) of the other direction
 * get it taken off. Before the first transition a base delta applies (0 at first). A transition
 * 1G (2^30) behind the newest one, or behind the direction's traffic, becomes the base and the
 * older ones are forgotten.
 *
 * <p>Created only for flows that need it; the rewriter's data path checks one array slot for
 * null otherwise. Allocates when a transition is added (an FTP command, not every packet).
 */
final class SeqDeltas {
    private static final int WINDOW = 1 << 30;
    private static final int TCPOPT_EOL = 0;
    private static final int TCPOPT_NOP = 1;
    private static final int TCPOPT_SACK = 5;

    private final int[][] trigger = {new int[2], new int[2]};
    private final int[][] delta = {new int[2], new int[2]};
    private final int[] count = new int[2];
    private final int[] base = new int[2];

    /**
     * Adds {@code d} to the sequence numbers of direction {@code dir} from {@code at} on (Click's
     * {@code update_seqno_delta}). Returns false if {@code at} is before the newest transition.
     */
    boolean add(int dir, int at, int d) {
        int n = count[dir];
        if (n > 0 && at - trigger[dir][n - 1] < 0) {
            return false;
        }
        if (n > 0 && at == trigger[dir][n - 1]) {
            // the same point again: the shift from there is replaced, as in Click
            delta[dir][n - 1] = (n > 1 ? delta[dir][n - 2] : base[dir]) + d;
        } else {
            int current = n > 0 ? delta[dir][n - 1] : base[dir];
            if (n == trigger[dir].length) {
                trigger[dir] = Arrays.copyOf(trigger[dir], n * 2);
                delta[dir] = Arrays.copyOf(delta[dir], n * 2);
            }
            trigger[dir][n] = at;
            delta[dir][n] = current + d;
            count[dir] = ++n;
        }
        // Forget transitions 1G behind the new one: the newest such one becomes the base.
        for (int k = n - 2; k >= 0; k--) {
            if (at - (trigger[dir][k] + WINDOW) >= 0) {
                base[dir] = delta[dir][k];
                int keep = n - k - 1;
                System.arraycopy(trigger[dir], k + 1, trigger[dir], 0, keep);
                System.arraycopy(delta[dir], k + 1, delta[dir], 0, keep);
                count[dir] = keep;
                break;
            }
        }
        return true;
    }

    /** The sequence number a packet of direction {@code dir} leaves with. */
    int newSeq(int dir, int seq) {
        for (int k = count[dir] - 1; k >= 0; k--) {
            if (seq - trigger[dir][k] >= 0) {
                return seq + delta[dir][k];
            }
        }
        return seq + base[dir];
    }

    /** The acknowledgement number a packet of direction {@code dir} leaves with. */
    int newAck(int dir, int ack) {
        int od = dir ^ 1;
        for (int k = count[od] - 1; k >= 0; k--) {
            if (ack - delta[od][k] - trigger[od][k] >= 0) {
                return ack - delta[od][k];
            }
        }
        return ack - base[od];
    }

    /**
     * Shifts the sequence, acknowledgement and SACK numbers of a TCP packet of direction
     * {@code dir} whose header (options included) is in the packet, keeping its checksum right.
     */
    void apply(Packet p, int th, int dir) {
        int n = count[dir];
        int seq = p.u32(th + 4);
        if (n > 0 && seq - (trigger[dir][n - 1] + WINDOW) >= 0) {
            // the traffic is 1G past the newest transition: it is the base from now on
            base[dir] = delta[dir][n - 1];
            count[dir] = 0;
            n = 0;
        }
        int sum = p.u16(th + 16);
        if (n > 0 || base[dir] != 0) {
            int v = newSeq(dir, seq);
            sum = Checksum.update32(sum, seq, v);
            p.setU32(th + 4, v);
        }
        int od = dir ^ 1;
        if (count[od] > 0 || base[od] != 0) {
            int ack = p.u32(th + 8);
            int v = newAck(dir, ack);
            sum = Checksum.update32(sum, ack, v);
            p.setU32(th + 8, v);
            int hlen = (p.u8(th + 12) >>> 4) << 2;
            if (hlen > 32 || (hlen == 32 && p.u32(th + 20) != 0x0101080A)) {
                sum = applySack(p, th, hlen, dir, sum);
            }
        }
        p.setU16(th + 16, sum);
    }

    /** Writes {@code v} at {@code at}, updating {@code sum} even if {@code at} is not 16-bit aligned in the header. */
    private static int rewrite32(Packet p, int th, int at, int v, int sum) {
        if (((at - th) & 1) == 0) {
            sum = Checksum.update32(sum, p.u32(at), v);
            p.setU32(at, v);
            return sum;
        }
        int w0 = p.u16(at - 1);
        int w1 = p.u16(at + 1);
        int w2 = p.u16(at + 3);
        p.setU32(at, v);
        sum = Checksum.update16(sum, w0, p.u16(at - 1));
        sum = Checksum.update16(sum, w1, p.u16(at + 1));
        return Checksum.update16(sum, w2, p.u16(at + 3));
    }

    private int applySack(Packet p, int th, int hlen, int dir, int sum) {
        int end = th + Math.min(hlen, p.length() - th);
        int opt = th + 20;
        while (opt < end) {
            int kind = p.u8(opt);
            if (kind == TCPOPT_EOL) {
                break;
            }
            if (kind == TCPOPT_NOP) {
                opt++;
                continue;
            }
            if (opt + 1 >= end) {
                break;
            }
            int len = p.u8(opt + 1);
            if (kind == TCPOPT_SACK) {
                if (opt + len > end || len % 8 != 2) {
                    break;
                }
                for (int b = opt + 2; b < opt + len; b += 4) {
                    sum = rewrite32(p, th, b, newAck(dir, p.u32(b)), sum);
                }
            } else if (len < 2) {
                break;
            }
            opt += len;
        }
        return sum;
    }
}
