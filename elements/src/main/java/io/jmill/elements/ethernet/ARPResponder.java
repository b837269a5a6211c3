package io.jmill.elements.ethernet;

import io.jmill.driver.net.Addresses;

import io.jmill.engine.handler.HandlerValues;

import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.IPPrefix;
import io.jmill.engine.element.Element;
import io.jmill.engine.element.ElementConfig;
import io.jmill.engine.element.ElementInfo;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.handler.Handlers;
import io.jmill.layout.Packet;
import io.jmill.layout.PacketPool;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates responses to ARP queries.
 *
 * <pre>ARPResponder(IP/MASK [IP/MASK...] ETH, IP2/MASK2 ETH2, ...)</pre>
 *
 * <p>Input packets should be ARP requests, Ethernet header included. When the requested IP
 * address lies in one of the IP/MASK networks of the arguments, ARPResponder emits an ARP reply
 * on output 0 giving that argument's Ethernet address ETH, and drops the request. Any other
 * packet (not an Ethernet ARP request for IPv4, shorter than 42 bytes, or for an address it does
 * not know) is pushed out of output 1 if it exists, else dropped. When several networks contain
 * the address, the most specific one answers. Serves a host's own addresses as well as proxy
 * ARP.
 *
 * <p>Each argument is one or more IP addresses or networks ({@code 18.26.7.0/24},
 * {@code 18.26.7.0/255.255.255.0}, or a bare address for one host) and one Ethernet address. If a
 * network appears twice, the later argument wins, with Click's warning on standard error
 * ({@code multiple entries for 1.0.0.2/32}), in the configuration as in a write to {@code config}.
 *
 * <p>The reply is a new 42-byte packet: Ethernet destination and target hardware address the
 * request's sender hardware address, source and sender hardware address ETH, sender protocol
 * address the requested address, target protocol address the request's sender address. It
 * carries the request's input device and VLAN TCI annotations. If the packet pool is exhausted,
 * the request goes to output 1 as if it were not for us (as in Click).
 *
 * <p>Ports: one input, one or two outputs. Input and output 0 agnostic, output 1 push.
 *
 * <p>Handlers:
 * <ul>
 * <li>{@code table} (read): the networks, most specific first, one per line:
 *     {@code 18.26.4.24/32 00-00-C0-AE-67-EF}.</li>
 * <li>{@code lookup} (read with a parameter, write): {@code lookup IP} reads the Ethernet address
 *     that answers for IP (empty if none), as in Click; or write an IP address, then read
 *     {@code lookup} without one.</li>
 * <li>{@code config} (write): replaces the whole table with the entries written, in the
 *     configuration's syntax (AddressInfo names included).</li>
 * <li>{@code add} (write): adds entries, {@code IP/MASK [IP/MASK...] ETH}.</li>
 * <li>{@code remove} (write): removes the entry for {@code IP/MASK}.</li>
 * </ul>
 *
 * <p>Example: answer for the host 18.26.4.24 and, as proxy, for the network 18.26.7:
 * <pre>
 * c :: Classifier(12/0806 20/0001, ...);
 * ar :: ARPResponder(18.26.4.24 18.26.7.0/24 00-00-C0-AE-67-EF);
 * c[0] -&gt; ar -&gt; ToDevice(eth0);
 * </pre>
 */
@ElementInfo(ports = "1/1-2", processing = "a/ah")
public final class ARPResponder extends Element {
    private final State state = new State();

    /** One network: replies for addresses in {@code dst/mask} give {@code eth}. */
    private record Entry(int dst, int mask, long eth) {
        String prefix() {
            return Addresses.ipString(dst) + "/" + Integer.bitCount(mask);
        }
    }

    private static final class State {
        /** Most specific first; replaced whole on change. */
        volatile Entry[] entries = new Entry[0];
        volatile int lookupAddress;
        volatile boolean lookupAsked;
    }

    public ARPResponder(ElementConfig c) {
        super(c);
        List<Entry> all = new ArrayList<>();
        for (Arg a : c.args().remainingPositional()) {
            String error = parse(a.present() ? a.raw() : "", all);
            if (error != null) {
                c.args().error(a.name() + ": " + error);
            }
        }
        warnDuplicates(c.location() + ": While configuring '" + c.name() + " :: " + c.className() + "':", all);
        state.entries = normalize(all);
    }

    /**
     * Prints Click's warning for each network given more than once (the last entry wins), under
     * {@code context}, on standard error.
     */
    private static void warnDuplicates(String context, List<Entry> entries) {
        StringBuilder sb = new StringBuilder();
        Set<Entry> seen = new HashSet<>();
        for (Entry e : entries) {
            if (!seen.add(new Entry(e.dst(), e.mask(), 0))) {
                sb.append("  warning: multiple entries for ").append(e.prefix()).append('\n');
            }
        }
        if (!sb.isEmpty()) {
            System.err.print(context + "\n" + sb);
        }
    }

    /**
     * Parses {@code IP/MASK [IP/MASK...] ETH} into {@code into}; returns Click's error message, or
     * null if all went well.
     */
    private static String parse(String text, List<Entry> into) {
        List<IPPrefix> prefixes = new ArrayList<>();
        long eth = -1;
        for (String word : text.strip().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            IPPrefix prefix = prefixOrNull(word);
            if (prefix != null) {
                prefixes.add(prefix);
                if (word.indexOf(':') < 0 && eth < 0) {
                    eth = namedEther(word); // a bare AddressInfo name stands for its Ethernet address too
                }
                continue;
            }
            long mac = Ether.parseMac(word);
            if (mac < 0) {
                mac = namedEther(word);
            }
            if (mac < 0) {
                return "expected IP/MASK ETH";
            }
            if (eth >= 0) {
                return "more than one ETH";
            }
            eth = mac;
        }
        if (prefixes.isEmpty()) {
            return "missing IP/MASK";
        }
        if (eth < 0) {
            return "missing ETH";
        }
        for (IPPrefix p : prefixes) {
            into.add(new Entry(p.address() & p.mask(), p.mask(), eth));
        }
        return null;
    }

    /** The Ethernet address an AddressInfo name ({@code NAME}, {@code NAME:eth}) stands for, or -1. */
    private static long namedEther(String word) {
        try {
            return HandlerValues.parse("ETH", word, a -> a.etherAddress(-1));
        } catch (HandlerException e) {
            return -1;
        }
    }

    private static IPPrefix prefixOrNull(String word) {
        try {
            return IPPrefix.parse(word);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Most specific first (so the first match is the best); of equal networks, the later one. */
    private static Entry[] normalize(List<Entry> entries) {
        List<Entry> kept = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) {
            Entry e = entries.get(i);
            if (kept.stream().noneMatch(k -> k.dst() == e.dst() && k.mask() == e.mask())) {
                kept.add(0, e);
            }
        }
        kept.sort(Comparator.comparingInt((Entry e) -> Integer.bitCount(e.mask())).reversed());
        return kept.toArray(new Entry[0]);
    }

    private Entry lookup(int addr) {
        for (Entry e : state.entries) {
            if ((addr & e.mask()) == e.dst()) {
                return e;
            }
        }
        return null;
    }

    @Override
    public void push(int port, Packet p) {
        Packet q = respond(p);
        if (q != null) {
            output(0, q);
        }
    }

    @Override
    public Packet pull(int port) {
        Packet p = input(0);
        return p == null ? null : respond(p);
    }

    /** The reply to {@code p} (which is then killed), or null after sending {@code p} to output 1. */
    private Packet respond(Packet p) {
        if (p.length() >= Ether.ARP_LENGTH
                && p.u16(12) == Ether.ETHERTYPE_ARP
                && p.u16(Ether.ARP_HRD) == Ether.ARPHRD_ETHER
                && p.u16(Ether.ARP_PRO) == Ether.ETHERTYPE_IP
                && p.u16(Ether.ARP_OP) == Ether.ARPOP_REQUEST) {
            int wanted = p.u32(Ether.ARP_TPA);
            Entry e = lookup(wanted);
            if (e != null) {
                Packet q = PacketPool.alloc();
                if (q != null) {
                    long asker = Ether.mac(p, Ether.ARP_SHA);
                    int askerIp = p.u32(Ether.ARP_SPA);
                    q.put(Ether.ARP_LENGTH);
                    q.setMacHeader(0);
                    Ether.setMac(q, 0, asker);
                    Ether.setMac(q, 6, e.eth());
                    q.setU16(12, Ether.ETHERTYPE_ARP);
                    q.setU16(Ether.ARP_HRD, Ether.ARPHRD_ETHER);
                    q.setU16(Ether.ARP_PRO, Ether.ETHERTYPE_IP);
                    q.setU8(Ether.ARP_HLN, 6);
                    q.setU8(Ether.ARP_PLN, 4);
                    q.setU16(Ether.ARP_OP, Ether.ARPOP_REPLY);
                    Ether.setMac(q, Ether.ARP_SHA, e.eth());
                    q.setU32(Ether.ARP_SPA, wanted);
                    Ether.setMac(q, Ether.ARP_THA, asker);
                    q.setU32(Ether.ARP_TPA, askerIp);
                    q.setInputDevice(p.inputDevice());
                    q.setVlanTci(p.vlanTci());
                    p.kill();
                    return q;
                }
            }
        }
        checkedOutput(1, p);
        return null;
    }

    @Override
    public void addHandlers(Handlers h) {
        State s = state;
        h.read("table", () -> {
            StringBuilder sb = new StringBuilder();
            for (Entry e : s.entries) {
                sb.append(e.prefix()).append(' ').append(Ether.macString(e.eth())).append('\n');
            }
            return sb.toString();
        });
        h.write("lookup", v -> {
            s.lookupAddress = HandlerValues.parse("IP", v, a -> a.ipAddress(0));
            s.lookupAsked = true;
        });
        h.readParams("lookup", v -> {
            int address;
            if (!v.isBlank()) {
                address = HandlerValues.parse("IP", v, a -> a.ipAddress(0));
            } else if (s.lookupAsked) {
                address = s.lookupAddress;
            } else {
                return "";
            }
            Entry e = lookup(address);
            return e == null ? "" : Ether.macString(e.eth());
        });
        h.write("add", v -> {
            synchronized (s) {
                List<Entry> all = new ArrayList<>(List.of(s.entries));
                String error = parse(v == null ? "" : v, all);
                if (error != null) {
                    throw new HandlerException(error);
                }
                s.entries = normalize(all);
            }
        });
        h.write("config", v -> { // Click's reconfiguration: the written entries replace the table
            List<Entry> all = new ArrayList<>();
            for (String entry : Args.split(v == null ? "" : v)) {
                String error = parse(entry, all);
                if (error != null) {
                    throw new HandlerException(error);
                }
            }
            warnDuplicates("While calling '" + name() + ".config " + (v == null ? "" : v.strip()) + "':", all);
            synchronized (s) {
                s.entries = normalize(all);
            }
        });
        h.write("remove", v -> {
            IPPrefix prefix = prefixOrNull(v == null ? "" : v.strip());
            if (prefix == null) {
                throw new HandlerException("expected IP/MASK");
            }
            int dst = prefix.address() & prefix.mask();
            synchronized (s) {
                List<Entry> all = new ArrayList<>(List.of(s.entries));
                if (!all.removeIf(e -> e.dst() == dst && e.mask() == prefix.mask())) {
                    throw new HandlerException(Addresses.ipString(dst) + "/" + prefix.prefixLength() + " not found");
                }
                s.entries = all.toArray(new Entry[0]);
            }
        });
    }
}
