package io.jmill.elements.ethernet;

import io.jmill.engine.handler.HandlerValues;

import io.jmill.engine.args.Arg;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

/**
 * Encapsulates packets in an Ethernet header.
 *
 * <pre>EtherEncap(ETHERTYPE, SRC, DST)</pre>
 *
 * <p>Prepends to each packet the 14-byte Ethernet header given by the arguments (destination
 * DST, source SRC, type ETHERTYPE) and sets the packet's MAC header annotation to it. ETHERTYPE
 * is a number in host order, such as {@code 0x0800} for IP. A packet whose buffer has no room
 * for 14 more bytes is dropped and counted in {@code drops}.
 *
 * <p>For IP packets sent to a neighbor whose address must be found, use {@code ARPQuerier}.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code src}, {@code dst} (read/write): the SRC and DST addresses, read as
 *     {@code 00-1B-21-3A-4F-5C}, written in the arguments' syntax.</li>
 * <li>{@code ethertype} (read/write): ETHERTYPE, read in decimal ({@code 2048}); {@code etht} is
 *     a deprecated synonym.</li>
 * <li>{@code drops} (read): packets dropped for lack of headroom (not in Click).</li>
 * </ul>
 *
 * <p>Example: an IP header behind 1:1:1:1:1:1 &gt; 2:2:2:2:2:2:
 * <pre>EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2)</pre>
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class EtherEncap extends SimpleElement implements DropCounter {
    private final State state;

    /**
     * The header to prepend; replaced whole by the handlers, so a packet never gets half of a
     * change. {@code first8} and {@code next4} are its first 12 bytes, written with two stores.
     */
    private record Header(int type, long src, long dst, long first8, int next4) {
        Header(int type, long src, long dst) {
            this(type, src, dst, dst << 16 | src >>> 32, (int) src);
        }
    }

    private static final class State {
        volatile Header header;
        long drops;

        State(Header header) {
            this.header = header;
        }
    }

    public EtherEncap(ElementConfig c) {
        super(c);
        int type = c.args().mandatoryPositional("ETHERTYPE").integer(0, 0, 0xFFFF);
        long src = c.args().mandatoryPositional("SRC").etherAddress(0);
        long dst = c.args().mandatoryPositional("DST").etherAddress(0);
        state = new State(new Header(type, src, dst));
    }

    @Override
    protected Packet simpleAction(Packet p) {
        Header h = state.header;
        if (!p.push(Ether.HEADER_LENGTH)) {
            state.drops++;
            p.kill();
            return null;
        }
        p.setMacHeader(0);
        p.setU64(0, h.first8());     // destination, then the source's first 2 bytes
        p.setU32(8, h.next4());      // the source's last 4 bytes
        p.setU16(12, h.type());
        return p;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readWrite("src", () -> Ether.macString(s.header.src()), v -> {
            long mac = HandlerValues.parse("SRC", v, a -> a.etherAddress(0));
            synchronized (s) {
                Header old = s.header;
                s.header = new Header(old.type(), mac, old.dst());
            }
        });
        h.readWrite("dst", () -> Ether.macString(s.header.dst()), v -> {
            long mac = HandlerValues.parse("DST", v, a -> a.etherAddress(0));
            synchronized (s) {
                Header old = s.header;
                s.header = new Header(old.type(), old.src(), mac);
            }
        });
        for (String name : new String[] {"ethertype", "etht"}) {
            h.readWrite(name, () -> Integer.toString(s.header.type()), v -> {
                int type = HandlerValues.parse("ETHERTYPE", v, (Arg a) -> a.integer(0, 0, 0xFFFF));
                synchronized (s) {
                    Header old = s.header;
                    s.header = new Header(type, old.src(), old.dst());
                }
            });
        }
        h.readLong("drops", () -> s.drops);
    }
}
