package io.jmill.elements.ethernet;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;

import java.util.Locale;

/**
 * Writes an Ethernet address into packets.
 *
 * <pre>StoreEtherAddress(ADDR, OFFSET)</pre>
 *
 * <p>Writes the Ethernet address ADDR into each packet at byte OFFSET: a number, or {@code src}
 * (6) or {@code dst} (0) for the Ethernet header's fields. A packet too short for the address at
 * OFFSET is dropped (counted).
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets too short.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>... -&gt; StoreEtherAddress(00:0a:95:9d:68:16, src) -&gt; ToDevice(eth0);</pre>
 *
 * <p>See also: EtherRewrite, EtherEncap.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class StoreEtherAddress extends SimpleElement implements DropCounter {
    private final long address;
    private final int offset;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public StoreEtherAddress(ElementConfig c) {
        super(c);
        var args = c.args();
        address = args.mandatoryPositional("ADDR").etherAddress(0);
        var off = args.mandatoryPositional("OFFSET");
        String text = off.present() ? off.raw().strip().toLowerCase(Locale.ROOT) : "";
        offset = switch (text) {
            case "src" -> 6;
            case "dst" -> 0;
            default -> off.integer(0, 0, 0xFFFF);
        };
    }

    @Override
    protected Packet simpleAction(Packet p) {
        if (p.length() < offset + 6) {
            state.drops++;
            p.kill();
            return null;
        }
        Ether.setMac(p, offset, address);
        return p;
    }

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("drops", () -> s.drops);
    }
}
