package io.jmill.elements.device;

import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.driver.sim.SimNic;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.engine.runtime.Task;
import io.jmill.layout.Packet;

import java.util.Map;

/**
 * Sends packets out of a queue of a simulated NIC.
 *
 * <pre>ToNIC(DEV [, QUEUE, BURST, keywords MODEL, N_QUEUES, NDESC, DUMP])</pre>
 *
 * <p>Transmits every packet it receives on transmit queue QUEUE of the simulated NIC named DEV
 * (shared with the FromNIC and ToNIC elements that name it; see FromNIC for the NIC's settings).
 * The NIC's wire consumes and counts the frames. The NIC reclaims sent buffers in bulk, like a
 * real NIC's transmit completions: to the packet pool in the {@code copying} and
 * {@code overlaying} models, and in the {@code xchange} model to the thread's exchange list, from
 * which a FromNIC on the same thread refills its receive ring, so that forwarding moves no buffer
 * through the pool.
 *
 * <p>Ports: one input, agnostic; no outputs. With a push input each packet is sent as it arrives;
 * with a pull input ToNIC is a task that pulls up to BURST packets each time it runs.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code QUEUE}: integer. Transmit queue. Default 0.</li>
 * <li>{@code BURST}: integer, at least 1. Most packets pulled per run (pull input only). Default:
 *     the router's batch size.</li>
 * <li>{@code MODEL}, {@code N_QUEUES}, {@code NDESC}: the NIC's settings, as for FromNIC.</li>
 * <li>{@code DUMP}: file name. Record every frame the NIC transmits into this pcap file (the wire
 *     seen from outside; timestamps are the time of transmission). Empty: no recording.</li>
 * </ul>
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets sent.</li>
 * <li>{@code bytes} (read): bytes sent.</li>
 * <li>{@code drops} (read): packets that could not be sent (empty packets) and were freed.</li>
 * <li>{@code model} (read): the NIC's metadata model.</li>
 * <li>{@code stats} (read): the NIC's counters per queue.</li>
 * <li>{@code reset_counts} (write): sets {@code count}, {@code bytes} and {@code drops} to 0.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromNIC(nic0) -&gt; EtherMirror -&gt; ToNIC(nic0);</pre>
 */
@ElementInfo(ports = "1/0", processing = "a/a")
public final class ToNIC extends Element implements Task, DropCounter {
    private final String dev;
    private final int queue;
    private final int burst;
    private final Map<String, Object> settings;
    private final State state = new State();

    private static final class State {
        SimNic nic;
        long count;
        long bytes;
        long drops;
    }

    public ToNIC(ElementConfig c) {
        super(c);
        var args = c.args();
        dev = args.mandatoryPositional("DEV").string("");
        queue = args.positional("QUEUE").integer(0, 0, Device.MAX_QUEUES - 1);
        burst = args.positional("BURST").integer(c.batch(), 1, 1 << 16);
        settings = NicKeywords.read(args, NicKeywords.TRANSMIT);
        if (dev.isEmpty()) {
            args.error("DEV: missing device name");
        }
        if (settings.get("N_QUEUES") instanceof Integer n && queue >= n) {
            args.error("QUEUE " + queue + " does not exist with N_QUEUES " + n);
        }
        DeviceTable.declare(this, "sim:" + dev, settings, queue, false);
    }

    @Override
    public void initialize() throws DeviceException {
        state.nic = (SimNic) DeviceTable.acquire(host(), this, FromNIC::open);
    }

    @Override
    public void cleanup() {
        if (state.nic != null) {
            state.nic = null;
            DeviceTable.release(host(), this);
        }
    }

    // ------------------------------------------------------------------ packet flow

    @Override
    public void push(int port, Packet p) {
        State s = state;
        int len = p.length();
        if (s.nic.transmit(queue, p)) {
            s.count++;
            s.bytes += len;
        } else {
            s.drops++;
        }
    }

    @Override
    public int runTask() {
        if (inputIsPush(0)) {
            return DONE;
        }
        State s = state;
        SimNic nic = s.nic;
        int n = 0;
        Packet p;
        while (n < burst && (p = input(0)) != null) {
            int len = p.length();
            if (nic.transmit(queue, p)) {
                s.count++;
                s.bytes += len;
            } else {
                s.drops++;
            }
            n++;
        }
        if (n > 0) {
            nic.flush(queue);
        }
        return n;
    }

    // ------------------------------------------------------------------ statistics and handlers

    @Override
    public long drops() {
        return state.drops;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.readLong("count", () -> s.count);
        h.readLong("bytes", () -> s.bytes);
        h.readLong("drops", () -> s.drops);
        h.read("model", () -> s.nic == null ? "" : s.nic.model().word());
        h.read("stats", () -> s.nic == null ? "" : s.nic.describe());
        h.write("reset_counts", v -> {
            s.count = 0;
            s.bytes = 0;
            s.drops = 0;
        });
    }
}
