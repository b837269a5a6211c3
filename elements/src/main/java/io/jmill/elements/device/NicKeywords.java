package io.jmill.elements.device;

import io.jmill.driver.MetadataModel;
import io.jmill.driver.net.Addresses;
import io.jmill.driver.sim.SimNicConfig;
import io.jmill.driver.sim.TrafficSpec;
import io.jmill.engine.args.Arg;
import io.jmill.engine.args.Args;
import io.jmill.engine.args.IPPrefix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.nio.file.Path;
import io.jmill.driver.DeviceException;
import io.jmill.driver.pcap.PcapException;
import io.jmill.driver.pcap.PcapFrameSource;
import io.jmill.driver.pcap.PcapTap;
import java.util.Locale;
import java.util.Map;

/**
 * The keywords that configure a simulated NIC (shared by every element naming it), read into a
 * map of parsed values, and the NIC configuration built from the merged map of all its elements.
 */
final class NicKeywords {
    /** Device keywords FromNIC accepts. */
    static final List<String> ALL = List.of("MODEL", "N_QUEUES", "NDESC", "FLOWS", "SRC", "DST", "SPORT", "DPORT", "PROTO",
            "SIZE", "VLAN", "SRCETH", "DSTETH", "PCAP", "LOOP");
    /** Device keywords ToNIC accepts. */
    static final List<String> TRANSMIT = List.of("MODEL", "N_QUEUES", "NDESC", "DUMP");

    /** Addresses {@code first .. first + count - 1}. */
    record AddressRange(int first, long count) {
        /** {@code 10.0.0.0/16} (the whole prefix), {@code 10.0.0.1-10.0.0.9}, or one address. */
        static AddressRange parse(String text) {
            String t = text.strip();
            int dash = t.indexOf('-');
            if (dash > 0) {
                int a = Addresses.ip(t.substring(0, dash));
                int b = Addresses.ip(t.substring(dash + 1));
                if (Integer.compareUnsigned(a, b) > 0) {
                    throw new IllegalArgumentException("empty address range '" + text + "'");
                }
                return new AddressRange(a, Integer.toUnsignedLong(b) - Integer.toUnsignedLong(a) + 1);
            }
            IPPrefix p = IPPrefix.parse(t);
            return new AddressRange(p.address() & p.mask(), 1L << (32 - p.prefixLength()));
        }

        @Override
        public String toString() {
            return count == 1 ? Addresses.ipString(first) : Addresses.ipString(first) + "-" + Addresses.ipString(first + (int) (count - 1));
        }
    }

    /** Ports {@code first .. first + count - 1}. */
    record PortRange(int first, int count) {
        /** {@code 1000-2000} or one port. */
        static PortRange parse(String text) {
            String t = text.strip();
            int dash = t.indexOf('-');
            int a = port(dash > 0 ? t.substring(0, dash) : t, text);
            int b = dash > 0 ? port(t.substring(dash + 1), text) : a;
            if (a > b) {
                throw new IllegalArgumentException("empty port range '" + text + "'");
            }
            return new PortRange(a, b - a + 1);
        }

        private static int port(String s, String text) {
            try {
                int v = Integer.parseInt(s.strip());
                if (v >= 0 && v <= 65535) {
                    return v;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("expected a port or port range such as 1000-2000, got '" + text + "'");
        }

        @Override
        public String toString() {
            return count == 1 ? Integer.toString(first) : first + "-" + (first + count - 1);
        }
    }

    private NicKeywords() {
    }

    /** Reads the given {@code keywords} that are present into a map; bad values become {@code args} errors. */
    static Map<String, Object> read(Args args, List<String> keywords) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String k : keywords) {
            Arg a = args.keyword(k);
            if (!a.present()) {
                continue;
            }
            Object v = switch (k) {
                case "MODEL" -> a.choice(MetadataModel.class, null);
                case "N_QUEUES" -> a.integer(-1, 1, io.jmill.driver.Device.MAX_QUEUES);
                case "NDESC" -> a.integer(-1, 64, 32768);
                case "FLOWS" -> a.integer(-1, 1, Integer.MAX_VALUE);
                case "PROTO" -> a.choice(TrafficSpec.Protocol.class, null);
                case "VLAN" -> a.integer(-1, 0, 0xFFFF);
                case "SRCETH", "DSTETH" -> {
                    long mac = a.etherAddress(-1);
                    yield mac < 0 ? null : mac;
                }
                case "SRC", "DST" -> parse(args, k, a.raw(), AddressRange::parse);
                case "SPORT", "DPORT" -> parse(args, k, a.raw(), PortRange::parse);
                case "SIZE" -> sizes(args, a);
                case "PCAP", "DUMP" -> {
                    String file = a.string("");
                    yield file.isEmpty() ? null : file; // "" (the examples' default) means none
                }
                case "LOOP" -> a.bool(false);
                default -> throw new IllegalStateException(k);
            };
            if (v != null && !(v instanceof Integer i && i < 0)) {
                m.put(k, v);
            }
        }
        return m;
    }

    private static <T> T parse(Args args, String keyword, String raw, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(raw.isEmpty() ? "?" : raw);
        } catch (IllegalArgumentException e) {
            args.error(keyword + ": " + e.getMessage());
            return null;
        }
    }

    /** {@code 64}, {@code imix}, or a list such as {@code 64 128 1518}. */
    private static List<Integer> sizes(Args args, Arg a) {
        List<String> words = a.words();
        if (words.size() == 1 && words.get(0).toLowerCase(Locale.ROOT).equals("imix")) {
            List<Integer> imix = new ArrayList<>();
            for (int s : TrafficSpec.IMIX) {
                imix.add(s);
            }
            return imix;
        }
        List<Integer> sizes = new ArrayList<>();
        for (String w : words) {
            try {
                sizes.add(Integer.parseInt(w));
            } catch (NumberFormatException e) {
                args.error("SIZE: expected a frame size, 'imix', or a list of sizes such as '64 570 1518', got '" + a.raw() + "'");
                return null;
            }
        }
        if (sizes.isEmpty()) {
            args.error("SIZE: missing value");
            return null;
        }
        return sizes;
    }

    /** The traffic the merged settings describe; IllegalArgumentException names the bad keyword. */
    static TrafficSpec traffic(Map<String, Object> s) {
        TrafficSpec.Builder b = TrafficSpec.builder();
        if (s.get("PROTO") instanceof TrafficSpec.Protocol p) {
            b.protocol(p);
        }
        if (s.get("SRC") instanceof AddressRange r) {
            b.src(r.first(), r.count());
        }
        if (s.get("DST") instanceof AddressRange r) {
            b.dst(r.first(), r.count());
        }
        if (s.get("SPORT") instanceof PortRange r) {
            b.srcPorts(r.first(), r.count());
        }
        if (s.get("DPORT") instanceof PortRange r) {
            b.dstPorts(r.first(), r.count());
        }
        if (s.get("FLOWS") instanceof Integer n) {
            b.flows(n);
        }
        if (s.get("SIZE") instanceof List<?> l) {
            b.sizes(l.stream().mapToInt(o -> (Integer) o).toArray());
        }
        if (s.get("VLAN") instanceof Integer v) {
            b.vlan(v);
        }
        long srcMac = s.get("SRCETH") instanceof Long m ? m : 0x02_00_00_00_00_01L;
        long dstMac = s.get("DSTETH") instanceof Long m ? m : 0x02_00_00_00_00_02L;
        b.macs(srcMac, dstMac);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(keywordOf(e.getMessage()) + e.getMessage());
        }
    }

    private static String keywordOf(String message) {
        if (message.contains("flows")) {
            return "FLOWS: ";
        }
        if (message.contains("frame size")) {
            return "SIZE: ";
        }
        if (message.contains("source address")) {
            return "SRC: ";
        }
        if (message.contains("destination address")) {
            return "DST: ";
        }
        return "";
    }

    /** The NIC configuration: name, port, queue count, and the merged settings. */
    static SimNicConfig config(String name, int port, int queues, Map<String, Object> s) throws DeviceException {
        SimNicConfig.Builder b = SimNicConfig.builder(name).port(port).queues(queues);
        if (s.get("PCAP") instanceof String file) {
            try {
                b.replay(PcapFrameSource.open(Path.of(file)), Boolean.TRUE.equals(s.get("LOOP")));
            } catch (PcapException e) {
                throw new DeviceException("device '" + name + "': PCAP: " + e.getMessage());
            }
        } else {
            b.traffic(traffic(s));
        }
        if (s.get("DUMP") instanceof String file) {
            try {
                b.tap(PcapTap.create(Path.of(file)));
            } catch (PcapException e) {
                throw new DeviceException("device '" + name + "': DUMP: " + e.getMessage());
            }
        }
        if (s.get("MODEL") instanceof MetadataModel m) {
            b.model(m);
        }
        if (s.get("NDESC") instanceof Integer n) {
            b.ringSize(n);
        }
        return b.build();
    }
}
