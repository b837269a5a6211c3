package io.jmill.elements.device;

import io.jmill.engine.handler.HandlerValues;
import io.jmill.driver.Device;
import io.jmill.driver.DeviceException;
import io.jmill.driver.QueueStats;
import io.jmill.driver.sim.SimNic;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.Handlers;

import java.util.List;
import java.util.Map;

/**
 * Receives packets from a queue of a simulated NIC.
 *
 * <pre>FromNIC(DEV [, QUEUE, BURST, keywords MODEL, N_QUEUES, NDESC, PCAP, LOOP, FLOWS, SRC, DST, SPORT, DPORT, PROTO,
 *     SIZE, VLAN, SRCETH, DSTETH, RATE, LIMIT, STOP, ACTIVE])</pre>
 *
 * <p>Polls receive queue QUEUE of the simulated NIC named DEV and pushes up to BURST packets out of
 * its single output each time it runs. The NIC is JMill's embedded traffic source: it has real
 * descriptor rings and ConnectX-style completion entries, and a wire model that fills the posted
 * buffers with generated IPv4 UDP or TCP flows; RSS (Toeplitz, Microsoft key) spreads the flows over
 * the NIC's queues and reports each packet's hash. Received packets carry their length, MAC header
 * (at offset 0), packet type (HOST, or BROADCAST/MULTICAST by destination address), input device
 * (the NIC's port number: 0 for the first NIC of the router, 1 for the next, ...) and queue,
 * timestamp, VLAN TCI and RSS hash.
 *
 * <p>Every FromNIC and {@code ToNIC} naming the same DEV in a router shares one NIC. Its settings
 * (MODEL, N_QUEUES, NDESC and the traffic keywords) may be given on any of them; an element that
 * gives one must agree with the others that give it. One FromNIC per queue.
 *
 * <p>MODEL selects how the driver hands metadata to JMill, after PacketMill's three models:
 * {@code copying} (completion → a driver descriptor in the driver's memory → the packet's metadata,
 * two writes per field; a pool allocation per packet), {@code overlaying} (the driver descriptor
 * shares the packet slot: one write per field, at the layout's offsets, the driver's bookkeeping in
 * the headroom; a pool allocation per packet) and {@code xchange} (the default: the driver writes
 * the packet's metadata directly, one store per field at the layout's offset, and swaps each
 * buffer it hands up for one that ToNIC gave back after sending; no pool traffic in steady state).
 * All three deliver the same bytes and metadata. Once the router is specialized, an xchange
 * driver fills only the metadata fields that some element of the router reads (the plan's
 * xchange-fields decision); the others keep what the buffer's previous packet left.
 *
 * <p>Ports: no inputs, one push output.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code QUEUE}: integer. Receive queue to poll. Default 0.</li>
 * <li>{@code BURST}: integer, at least 1. Most packets pushed per run. Default: the router's batch
 *     size.</li>
 * <li>{@code MODEL}: {@code copying}, {@code overlaying} or {@code xchange}. Default xchange.</li>
 * <li>{@code N_QUEUES}: integer 1..64. Queues of the NIC. Default: one more than the highest QUEUE
 *     any element uses.</li>
 * <li>{@code NDESC}: integer, a power of two from 64 to 32768. Descriptors per ring. Default 1024.</li>
 * <li>{@code FLOWS}: integer. Number of distinct flows (5-tuples). Default 1.</li>
 * <li>{@code SRC}, {@code DST}: source and destination address ranges, as a prefix
 *     ({@code 10.0.0.0/16}: all of its addresses), a range ({@code 10.0.0.1-10.0.0.50}) or one
 *     address. Defaults 10.0.0.1 and 10.0.0.2.</li>
 * <li>{@code SPORT}, {@code DPORT}: port ranges such as {@code 1024-65535}, or one port. Defaults
 *     1234 and 80.</li>
 * <li>{@code PROTO}: {@code udp} or {@code tcp}. Default udp.</li>
 * <li>{@code SIZE}: frame size in bytes without FCS ({@code 64}), {@code imix} (7:4:1 of 64, 570 and
 *     1518 bytes), or a list the sizes cycle through ({@code "64 128 256"}). Default 64.</li>
 * <li>{@code VLAN}: integer. Tag every frame with this 802.1Q TCI. Default: untagged.</li>
 * <li>{@code SRCETH}, {@code DSTETH}: Ethernet addresses. Defaults 02:00:00:00:00:01 and
 *     02:00:00:00:00:02.</li>
 * <li>{@code RATE}: packets per second the wire offers this queue ({@code 1Mpps}); frames that find no
 *     posted buffer are missed. Default 0: line rate, as many as FromNIC takes.</li>
 * <li>{@code LIMIT}: integer. Stop after this many packets; negative for no limit. Default -1.</li>
 * <li>{@code STOP}: boolean. Stop the router when LIMIT is reached. Default false.</li>
 * <li>{@code ACTIVE}: boolean. Poll only while true. Default true.</li>
 * <li>{@code PCAP}: file name. Instead of generating traffic, the wire replays this capture (read
 *     into the NIC's memory when the router starts; RSS spreads its flows over the queues; the
 *     traffic keywords are ignored). Empty: generate. Default empty.</li>
 * <li>{@code LOOP}: boolean. With PCAP, replay the capture over and over. Default false: the
 *     queue ends after one pass (and with STOP the router stops).</li>
 * </ul>
 * Flow {@code i} takes source address, source port, destination address and destination port by
 * counting through the ranges in that order (source address fastest), so FLOWS may not exceed the
 * combinations the ranges allow.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code count} (read): packets pushed out.</li>
 * <li>{@code bytes} (read): bytes pushed out.</li>
 * <li>{@code drops} (read): frames the queue missed for lack of posted buffers.</li>
 * <li>{@code model} (read): the NIC's metadata model.</li>
 * <li>{@code stats} (read): the NIC's counters per queue (received, missed, sent, pool allocations,
 *     exchanges, ...).</li>
 * <li>{@code rate} (read/write): RATE, packets per second (0 for line rate).</li>
 * <li>{@code active} (read/write): ACTIVE.</li>
 * <li>{@code reset_counts} (write): sets {@code count} and {@code bytes} to 0.</li>
 * </ul>
 *
 * <p>Example:
 * <pre>FromNIC(nic0, FLOWS 4096, SRC 10.0.0.0/16, SIZE imix) -&gt; c :: Counter -&gt; ToNIC(nic0);</pre>
 */
@ElementInfo(ports = "0/1", processing = "h/h")
public final class FromNIC extends DeviceSource {
    private final String dev;
    private final int burst;
    private final long limit;
    private final boolean stop;
    private final Map<String, Object> settings;
    private final State state = new State();

    /** Run-time state (the counters are {@link DeviceSource}'s). */
    private static final class State {
        volatile boolean active;
        volatile double rate;
        /** The rate the NIC was last told, so the poller applies handler writes on its own thread. */
        double appliedRate = -1;
    }

    public FromNIC(ElementConfig c) {
        var args = c.args();
        String name = args.mandatoryPositional("DEV").string(""); // positional arguments in order
        int q = args.positional("QUEUE").integer(0, 0, Device.MAX_QUEUES - 1);
        int b = args.positional("BURST").integer(c.batch(), 1, 1 << 16);
        super(c, q, b);
        dev = name;
        burst = b;
        settings = NicKeywords.read(args, NicKeywords.ALL);
        state.rate = args.keyword("RATE").rate(0);
        limit = args.keyword("LIMIT").longValue(-1);
        stop = args.keyword("STOP").bool(false);
        state.active = args.keyword("ACTIVE").bool(true);
        if (dev.isEmpty()) {
            args.error("DEV: missing device name");
        }
        if (settings.get("N_QUEUES") instanceof Integer n && queue >= n) {
            args.error("QUEUE " + queue + " does not exist with N_QUEUES " + n);
        }
        try {
            NicKeywords.traffic(settings);
        } catch (IllegalArgumentException e) {
            args.error(e.getMessage());
        }
        DeviceTable.declare(this, "sim:" + dev, settings, queue, true);
    }

    @Override
    public void initialize() throws DeviceException {
        opened(DeviceTable.acquire(host(), this, FromNIC::open));
    }

    /** Opens the NIC for all its users. */
    static Device open(List<DeviceTable.User> users, Map<String, Object> merged, int port) throws DeviceException {
        String name = users.get(0).deviceKey().substring(4);
        int queues = 1;
        for (DeviceTable.User u : users) {
            queues = Math.max(queues, u.queue() + 1);
        }
        if (merged.get("N_QUEUES") instanceof Integer n) {
            if (n < queues) {
                throw new DeviceException("device '" + name + "' has N_QUEUES " + n + " but queue " + (queues - 1)
                        + " is used");
            }
            queues = n;
        }
        io.jmill.driver.sim.SimNicConfig config;
        try {
            config = NicKeywords.config(name, port, queues, merged);
        } catch (IllegalArgumentException e) {
            throw new DeviceException("device '" + name + "': " + e.getMessage());
        }
        try {
            return SimNic.open(config);
        } catch (IllegalArgumentException e) {
            closeQuietly(config);
            throw new DeviceException("device '" + name + "': " + e.getMessage());
        } catch (DeviceException e) {
            closeQuietly(config);
            throw e;
        } finally {
            if (config.replay() != null) {
                try {
                    config.replay().close(); // the NIC holds its own copy of the frames now
                } catch (java.io.IOException e) {
                    System.err.println("jmill: device '" + name + "': closing the PCAP: " + e.getMessage());
                }
            }
        }
    }

    private static void closeQuietly(io.jmill.driver.sim.SimNicConfig config) {
        if (config.tap() instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Reporting the open failure matters more.
            }
        }
    }

    @Override
    public void cleanup() {
        if (closed()) {
            DeviceTable.release(host(), this);
        }
    }

    // ------------------------------------------------------------------ packet flow

    @Override
    public int runTask() {
        State s = state;
        if (!s.active) {
            return 0;
        }
        SimNic nic = (SimNic) device();
        if (s.rate != s.appliedRate) {
            s.appliedRate = s.rate;
            nic.rate(queue, s.appliedRate);
        }
        int max = burst;
        if (limit >= 0) {
            long left = limit - count();
            if (left <= 0) {
                return finish("LIMIT reached (" + limit + " packets)");
            }
            if (left < max) {
                max = (int) left;
            }
        }
        int n = receiveAndPush(nic, max);
        if (n == 0) {
            return nic.finished(queue) ? finish("no more traffic on queue " + queue) : 0;
        }
        return n;
    }

    private int finish(String why) {
        if (stop && !host().stopping()) {
            host().stop(name() + ": " + why);
        }
        return DONE;
    }

    // ------------------------------------------------------------------ statistics and handlers

    @Override
    public long drops() {
        QueueStats qs = stats();
        return qs == null ? 0 : qs.imissed();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        addCounterHandlers(h);
        h.readWrite("rate", () -> HandlerValues.formatRate(s.rate), v -> s.rate = HandlerValues.rate("rate", v));
        h.readWrite("active", () -> Boolean.toString(s.active), v -> s.active = HandlerValues.bool("active", v));
    }
}
