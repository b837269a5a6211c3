package io.jmill.elements.ethernet;

import io.jmill.driver.net.Addresses;

import io.jmill.engine.handler.HandlerValues;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.ArgsException;
import io.jmill.engine.args.IPPrefix;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.engine.runtime.DropCounter;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.function.LongSupplier;

/**
 * Encapsulates IP packets in Ethernet headers found via ARP.
 *
 * <pre>ARPQuerier(IP, ETH, [keywords CAPACITY, ENTRY_CAPACITY, ENTRY_PACKET_CAPACITY,
 *            CAPACITY_SLIM_FACTOR, TIMEOUT, POLL_TIMEOUT, BROADCAST, BROADCAST_POLL])</pre>
 *
 * <p>Handles most of the ARP protocol for one interface whose IP address is IP and Ethernet
 * address ETH. IP may carry the interface's netmask ({@code 18.26.4.24/24}), from which the
 * local broadcast address is derived.
 *
 * <p>Packets arriving on input 0 should be IP packets (no Ethernet header) with their
 * destination IP annotation set to the next hop, as route lookup elements leave it. ARPQuerier
 * prepends an Ethernet header (type 0x0800, source ETH). If the next hop's Ethernet address is
 * known, the packet goes out of output 0 at once. Otherwise it is saved, and an ARP query for the
 * next hop (a broadcast request from ETH and IP) goes out of the last output: output 1 if there
 * are two, else output 0. ARP replies arriving on input 1 (Ethernet header included) are
 * learned, and the packets saved for the replying address are sent, in the order they came.
 * Every packet on input 1 is consumed.
 *
 * <p>Special next hops: packets for 0.0.0.0 are dropped; packets for 255.255.255.255 or the
 * BROADCAST address go to FF-FF-FF-FF-FF-FF; packets for multicast addresses go to
 * 01-00-5E-xx-yy-zz, with the low 23 bits of the address (RFC 1112). None of these is queried.
 *
 * <p>Queries for one address are sent at most 10 times a second, and once every 2 seconds after
 * 10 unanswered ones. An entry expires TIMEOUT after its last reply; from POLL_TIMEOUT after the
 * reply, packets to it trigger renewal queries (sent to the known address unless
 * BROADCAST_POLL), while the entry keeps being used. Expired entries and the packets waiting on
 * them are removed at most once every TIMEOUT plus one second, as by Click's expiry timer (here,
 * when the table is next used rather than by a timer). Queries copy the timestamp and VLAN TCI
 * annotations of the packet that caused them.
 *
 * <p>Ports: two inputs, one or two outputs, all push.
 *
 * <p>Keyword arguments:
 * <ul>
 * <li>{@code CAPACITY}: integer. Most packets saved in all, 0 for no limit. When exceeded, the
 *     oldest entries' saved packets are dropped down to CAPACITY - CAPACITY/CAPACITY_SLIM_FACTOR.
 *     Default 2048.</li>
 * <li>{@code ENTRY_CAPACITY}: integer. Most ARP entries; the oldest go first. Default 0 (no
 *     limit).</li>
 * <li>{@code ENTRY_PACKET_CAPACITY}: integer. Most packets saved per entry; further packets are
 *     dropped. Default 0 (no limit).</li>
 * <li>{@code CAPACITY_SLIM_FACTOR}: integer, at least 1. See CAPACITY. Default 2.</li>
 * <li>{@code TIMEOUT}: time. How long an entry lasts after a reply; 0 for ever. Default 5
 *     minutes.</li>
 * <li>{@code POLL_TIMEOUT}: time. Age after which packets to an entry trigger renewal queries; 0
 *     for never. Default 1 minute.</li>
 * <li>{@code BROADCAST}: IP address. The local broadcast address. Default: the broadcast
 *     address of IP's network if IP has a netmask, else 255.255.255.255.</li>
 * <li>{@code BROADCAST_POLL}: boolean. Send renewal queries to the broadcast address rather than
 *     the known one. Default false.</li>
 * </ul>
 * Click's TABLE (a shared ARPTable element) and the one-argument form naming an AddressInfo are
 * not supported.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code table} (read): one line per entry, oldest first: IP address, 1 if known (0 if not
 *     or expired), Ethernet address ({@code FF-FF-FF-FF-FF-FF} until known), and seconds since
 *     the entry was last updated.</li>
 * <li>{@code stats} (read): {@code N packets killed} and {@code N ARP queries sent}, one per
 *     line.</li>
 * <li>{@code queries}, {@code responses} (read): queries sent; packets received on input 1.</li>
 * <li>{@code drops} (read): packets dropped, for any reason: no IP address configured, no
 *     headroom, next hop 0.0.0.0, capacity limits, expiry (Click counts the last two only in
 *     {@code stats}).</li>
 * <li>{@code count} (read): entries in the table. {@code length} (read): packets saved.</li>
 * <li>{@code ipaddr}, {@code broadcast} (read/write): IP and the broadcast address.</li>
 * <li>{@code insert} (write): {@code IP ETH} adds or updates an entry. Packets saved for it are
 *     sent with the next packet to that address.</li>
 * <li>{@code delete} (write): {@code IP} removes that entry, dropping its saved packets.</li>
 * <li>{@code clear} (write): removes all entries, dropping the saved packets, and sets
 *     {@code queries}, {@code responses} and {@code drops} to 0.</li>
 * </ul>
 *
 * <p>The data path reads the table without locking; handlers may run meanwhile. One thread at a
 * time may push packets into a given ARPQuerier.
 *
 * <p>Example:
 * <pre>
 * c :: Classifier(12/0806 20/0002, 12/0800, ...);
 * a :: ARPQuerier(18.26.4.24, 00:00:C0:AE:67:EF);
 * c[0] -&gt; [1] a;
 * c[1] -&gt; ... -&gt; [0] a;
 * a -&gt; Queue -&gt; ToDevice(eth0);
 * </pre>
 */
@ElementInfo(ports = "2/1-2", processing = "h/h")
public final class ARPQuerier extends Element implements DropCounter {
    private final long myEth;
    private final long pollTimeout;
    private final boolean broadcastPoll;
    private final ArpTable table;
    private final State state;

    /** Settings the handlers change, counters, and the data path's scratch result. */
    private static final class State {
        volatile int myIp;
        volatile int broadcast;
        long queries;
        long responses;
        long drops;
        final ArpTable.Resolution resolution = new ArpTable.Resolution();
    }

    public ARPQuerier(ElementConfig c) {
        super(c);
        Args args = c.args();
        int capacity = args.keyword("CAPACITY").integer(2048, 0, Integer.MAX_VALUE);
        int entryCapacity = args.keyword("ENTRY_CAPACITY").integer(0, 0, Integer.MAX_VALUE);
        int entryPacketCapacity = args.keyword("ENTRY_PACKET_CAPACITY").integer(0, 0, Integer.MAX_VALUE);
        int slimFactor = args.keyword("CAPACITY_SLIM_FACTOR").integer(2, 1, Integer.MAX_VALUE);
        long timeout = args.keyword("TIMEOUT").durationNanos(300 * ArpTable.SECOND);
        long poll = args.keyword("POLL_TIMEOUT").durationNanos(60 * ArpTable.SECOND);
        Arg broadcastArg = args.keyword("BROADCAST");
        int broadcast = broadcastArg.ipAddress(0);
        broadcastPoll = args.keyword("BROADCAST_POLL").bool(false);
        if (args.keyword("TABLE").present()) {
            args.error("TABLE: not supported; ARPQuerier keeps its own table");
        }
        IPPrefix ip = args.mandatoryPositional("IP").ipPrefix(new IPPrefix(0, -1));
        myEth = args.mandatoryPositional("ETH").etherAddress(0);
        if (!broadcastArg.present()) {
            broadcast = ip.address() | ~ip.mask();
            if (broadcast == ip.address()) {
                broadcast = -1;
            }
        }
        pollTimeout = poll;
        table = new ArpTable(timeout, capacity, entryCapacity, entryPacketCapacity, slimFactor);
        state = new State();
        state.myIp = ip.address();
        state.broadcast = broadcast;
    }

    /** Replaces the table's clock, nanoseconds like {@link System#nanoTime()} (tests). */
    void clock(LongSupplier clock) {
        table.clock(clock);
    }

    @Override
    public void push(int port, Packet p) {
        if (port == 0) {
            handleIp(p);
        } else {
            handleResponse(p);
            p.kill();
        }
    }

    private void handleIp(Packet p) {
        if (state.myIp == 0 || !p.push(Ether.HEADER_LENGTH)) {
            state.drops++;
            p.kill();
            return;
        }
        p.setMacHeader(0);
        p.setU16(12, Ether.ETHERTYPE_IP);
        send(p);
    }

    /** Sends {@code p}, which has its Ethernet header, toward its destination IP annotation. */
    private void send(Packet p) {
        int dst = p.dstIpAnno();
        long now = table.now();
        long eth = table.knownAddress(dst, now, pollTimeout);
        if (eth != ArpTable.SLOW) {
            emit(p, eth);
        } else {
            sendSlow(p, dst, now);
        }
    }

    private void sendSlow(Packet p, int dst, long now) {
        State s = state;
        int bcast = s.broadcast;
        boolean special = dst == -1 || dst == bcast || (dst >>> 28) == 0xE || dst == 0;
        // Read before the packet may be queued: from then on another thread could drop it.
        int vlan = p.vlanTci();
        long timestamp = p.timestampNanos();
        ArpTable.Resolution r = s.resolution;
        switch (table.resolve(dst, p, now, pollTimeout, !special, r)) {
            case KNOWN -> {
                long eth = r.eth;
                ArpTable.Waiting waited = r.flushed;
                r.flushed = null;
                if (r.poll) {
                    sendQuery(dst, broadcastPoll ? Ether.BROADCAST : eth, vlan, timestamp);
                }
                if (waited != null) {
                    for (Packet q; (q = waited.poll()) != null; ) {
                        emit(q, eth);
                    }
                }
                emit(p, eth);
            }
            case UNKNOWN -> {
                if (dst == -1 || dst == bcast) {
                    emit(p, Ether.BROADCAST);
                } else if ((dst >>> 28) == 0xE) {
                    emit(p, 0x01_00_5E_00_00_00L | (dst & 0x7F_FF_FF));
                } else {
                    s.drops++;
                    p.kill();
                }
            }
            case QUEUED_QUERY -> sendQuery(dst, Ether.BROADCAST, vlan, timestamp);
            case QUEUED -> {
            }
            case FULL -> p.kill();
        }
    }

    private void emit(Packet p, long eth) {
        Ether.setMac(p, 0, eth);
        Ether.setMac(p, 6, myEth);
        output(0, p);
    }

    private void sendQuery(int wanted, long ethDst, int vlan, long timestamp) {
        Packet q = PacketPool.alloc();
        if (q == null) {
            return;
        }
        q.put(Ether.ARP_LENGTH);
        q.setMacHeader(0);
        Ether.setMac(q, 0, ethDst);
        Ether.setMac(q, 6, myEth);
        q.setU16(12, Ether.ETHERTYPE_ARP);
        q.setU16(Ether.ARP_HRD, Ether.ARPHRD_ETHER);
        q.setU16(Ether.ARP_PRO, Ether.ETHERTYPE_IP);
        q.setU8(Ether.ARP_HLN, 6);
        q.setU8(Ether.ARP_PLN, 4);
        q.setU16(Ether.ARP_OP, Ether.ARPOP_REQUEST);
        Ether.setMac(q, Ether.ARP_SHA, myEth);
        q.setU32(Ether.ARP_SPA, state.myIp);
        Ether.setMac(q, Ether.ARP_THA, 0);
        q.setU32(Ether.ARP_TPA, wanted);
        q.setTimestampNanos(timestamp);
        q.setVlanTci(vlan);
        state.queries++;
        output(noutputs() - 1, q);
    }

    /** Learns from an ARP reply and sends what waited for it; the caller kills {@code p}. */
    private void handleResponse(Packet p) {
        if (p.length() < Ether.ARP_LENGTH) {
            return;
        }
        state.responses++;
        if (p.u16(12) == Ether.ETHERTYPE_ARP
                && p.u16(Ether.ARP_HRD) == Ether.ARPHRD_ETHER
                && p.u16(Ether.ARP_PRO) == Ether.ETHERTYPE_IP
                && p.u16(Ether.ARP_OP) == Ether.ARPOP_REPLY) {
            long sha = Ether.mac(p, Ether.ARP_SHA);
            if (!Ether.isGroup(sha)) {
                ArpTable.Waiting waited = table.insert(p.u32(Ether.ARP_SPA), sha, table.now(), true);
                if (waited != null) {
                    for (Packet q; (q = waited.poll()) != null; ) {
                        send(q);
                    }
                }
            }
        }
    }

    @Override
    public long drops() {
        return state.drops + table.drops();
    }

    @Override
    public void cleanup() {
        table.clear();
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("table", table::describe);
        h.read("stats", () -> drops() + " packets killed\n" + s.queries + " ARP queries sent\n");
        h.readLong("count", table::count);
        h.readLong("length", table::length);
        h.readLong("queries", () -> s.queries);
        h.readLong("responses", () -> s.responses);
        h.readLong("drops", this::drops);
        h.readWrite("broadcast", () -> Addresses.ipString(s.broadcast),
                v -> s.broadcast = HandlerValues.parse("BROADCAST", v, a -> a.ipAddress(0)));
        h.readWrite("ipaddr", () -> Addresses.ipString(s.myIp),
                v -> s.myIp = HandlerValues.parse("IP", v, a -> a.ipAddress(0)));
        h.write("insert", v -> {
            Args args = wordArgs("insert", v);
            int ip = args.mandatoryPositional("IP").ipAddress(0);
            long eth = args.mandatoryPositional("ETH").etherAddress(0);
            complete(args);
            table.insert(ip, eth, table.now(), false);
        });
        h.write("delete", v -> {
            Args args = wordArgs("delete", v);
            int ip = args.mandatoryPositional("IP").ipAddress(0);
            complete(args);
            table.remove(ip);
        });
        h.write("clear", v -> {
            s.queries = 0;
            s.responses = 0;
            s.drops = 0;
            table.clear();
            table.resetDrops();
        });
    }

    /** Handler values are space-separated words, as Click's {@code push_back_words}. */
    private static Args wordArgs(String handler, String value) {
        String text = value == null ? "" : value.strip();
        return new Args(handler, String.join(", ", text.isEmpty() ? new String[0] : text.split("\\s+")));
    }

    private static void complete(Args args) throws HandlerException {
        try {
            args.complete();
        } catch (ArgsException e) {
            throw new HandlerException(e.getMessage());
        }
    }
}
