package io.jmill.elements.device;

import io.jmill.driver.tun.TunDevice;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketMemory;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands Ethernet frames to the kernel through FromHost's tap interface.
 *
 * <pre>ToHost(DEVNAME)</pre>
 *
 * <p>Click's user-level ToHost. Writes every packet pushed to it, an Ethernet frame, to the tap interface of the FromHost
 * element with the same DEVNAME, so that the kernel receives it as if from a network: give it IP
 * packets for the interface's address (with a routable source, or the kernel drops them
 * silently) and the ARP replies it waits for. Frames shorter than an Ethernet header, and frames
 * the kernel does not take, are dropped and counted. Any thread may push to it.
 *
 * <p>Ports: one push input, no outputs.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code dev_name} (read): DEVNAME.</li>
 * <li>{@code drops} (read): frames dropped.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromHost(fake0, 10.0.0.1/24) -&gt; cl :: Classifier(12/0806, 12/0800);
 * cl[0] -&gt; ARPResponder(10.0.0.2 02:00:00:00:00:02) -&gt; ToHost(fake0);</pre>
 *
 * <p>See also: FromHost, KernelTap.
 */
@ElementInfo(ports = "1/0", processing = "h/a")
public final class ToHost extends Element implements DropCounter {
    private static final int ETHER_HEADER = 14;

    private final String devName;
    private final State state = new State();

    private static final class State {
        /** Found in initialize(); its interface exists once it is initialized too. */
        FromHost from;
        /** Several threads may push. */
        final AtomicLong drops = new AtomicLong();
    }

    public ToHost(ElementConfig c) {
        super(c);
        devName = c.args().mandatoryPositional("DEVNAME").string("");
    }

    @Override
    public void initialize() {
        for (Element e : host().elements()) {
            if (e instanceof FromHost f && f.configuredName().equals(devName)) {
                state.from = f;
                return;
            }
        }
        throw new IllegalArgumentException("ToHost(" + devName + ") needs a FromHost with the same DEVNAME");
    }

    @Override
    public void push(int port, Packet p) {
        State s = state;
        TunDevice d = s.from.device();
        if (d == null || p.length() < ETHER_HEADER || !d.write(PacketMemory.ADDRESS + p.dataAddress(), p.length())) {
            s.drops.incrementAndGet();
        }
        p.kill();
    }

    @Override
    public long drops() {
        return state.drops.get();
    }

    @Override
    public void addHandlers(Handlers h) {
        h.read("dev_name", () -> devName);
        h.readLong("drops", state.drops::get);
    }
}
