package io.jmill.elements.standard;

import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.element.SimpleElement;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.MetadataField;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

/**
 * Extends packets to a minimum length.
 *
 * <pre>Pad([LENGTH, keywords ZERO, MAXLENGTH])</pre>
 *
 * <p>Extends packets shorter than LENGTH bytes to LENGTH by appending bytes. Without LENGTH, each
 * packet is extended by its {@code extra_length} annotation (what Truncate cut off). Output packets
 * always have {@code extra_length} 0.
 *
 * <p>Ports: one input, one output, agnostic.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code ZERO}: boolean. If true, the added bytes are zero; if false they are whatever the
 *     buffer held. Default true.</li>
 * <li>{@code MAXLENGTH}: integer. If above 0, packets longer than this after padding are cut to
 *     it. Default 0.</li>
 * </ul>
 *
 * <p>A packet that cannot grow (its buffer's tailroom is too small) is dropped and counted.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code drops} (read): packets dropped because they could not grow.</li>
 * </ul>
 *
 * <p>Example (Ethernet's 60-byte minimum):
 * <pre>... -&gt; EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2) -&gt; Pad(60) -&gt; ToDevice(eth0);</pre>
 *
 * <p>See also: Truncate.
 */
@ElementInfo(ports = "1/1", processing = "a/a")
public final class Pad extends SimpleElement implements DropCounter {
    /** LENGTH, or -1 to pad by the extra-length annotation. */
    private final int length;
    private final boolean zero;
    private final int maxLength;
    private final MetadataField extra = ExtraLength.FIELD;
    private final State state = new State();

    private static final class State {
        long drops;
    }

    public Pad(ElementConfig c) {
        super(c);
        var args = c.args();
        length = args.positional("LENGTH").integer(-1, 0, PacketPool.DATA_SIZE);
        zero = args.keyword("ZERO").bool(true);
        maxLength = args.keyword("MAXLENGTH").integer(0, 0, Integer.MAX_VALUE);
    }

    @Override
    protected Packet simpleAction(Packet p) {
        int old = p.length();
        int target = length >= 0 ? length : old + (int) p.anno(extra);
        if (maxLength > 0 && target > maxLength) {
            target = maxLength;
        }
        p.setAnno(extra, 0);
        if (target > old) {
            if (!p.put(target - old)) {
                state.drops++;
                p.kill();
                return null;
            }
            if (zero) {
                int i = old;
                for (; i + 8 <= target; i += 8) {
                    p.setU64(i, 0);
                }
                for (; i < target; i++) {
                    p.setU8(i, 0);
                }
            }
        } else if (maxLength > 0 && old > maxLength) {
            p.take(old - maxLength);
        }
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
