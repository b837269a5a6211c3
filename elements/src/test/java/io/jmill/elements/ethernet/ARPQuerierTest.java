package io.jmill.elements.ethernet;

import io.jmill.driver.net.Addresses;
import io.jmill.driver.net.FrameBuilder;
import io.jmill.engine.handler.HandlerException;
import io.jmill.engine.lang.ConfigError;
import io.jmill.engine.lang.ConfigException;
import io.jmill.engine.testing.Harness;
import io.jmill.layout.Packet;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.jmill.elements.ethernet.ArpFrames.arp;
import static io.jmill.elements.ethernet.ArpFrames.ether;
import static io.jmill.elements.ethernet.ArpFrames.reply;
import static io.jmill.elements.ethernet.ArpFrames.request;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ARPQuerierTest {
    private static final String ME = "02:00:00:00:00:01";
    private static final String NEIGHBOR = "00:1b:21:3a:4f:5c";
    private static final String BCAST = "ff:ff:ff:ff:ff:ff";
    private static final String ZERO = "00:00:00:00:00:00";
    private static final long SECOND = 1_000_000_000L;
    private static final long MS = 1_000_000L;

    /** A test clock, in nanoseconds, and the harness whose ARPQuerier reads it. */
    private static final class Rig implements AutoCloseable {
        final Harness h;
        final long start = 1_000 * SECOND;
        long now = start;

        Rig(String keywords, int outputs) throws ConfigException {
            h = Harness.element("ARPQuerier(10.0.0.1/24, " + ME + (keywords.isEmpty() ? "" : ", " + keywords) + ")",
                    2, outputs);
            ((ARPQuerier) h.element()).clock(() -> now);
        }

        void at(long offset) {
            now = start + offset;
        }

        /** Pushes an IP packet for next hop {@code hop}; returns its bytes. */
        byte[] ip(String hop, int tag) {
            byte[] frame = FrameBuilder.udp().src("10.0.0.1", 1000 + tag).dst("192.168.9.9", 53).build();
            byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
            Packet p = Harness.packet(ip);
            p.setDstIpAnno(Addresses.ip(hop));
            p.setVlanTci(7);
            p.setTimestampNanos(123_456_789L);
            h.push(0, p);
            return ip;
        }

        void reply(String ip, String mac) {
            h.push(1, ArpFrames.reply(mac, ip, ME, "10.0.0.1"));
        }

        String read(String handler) throws HandlerException {
            return h.read(handler);
        }

        @Override
        public void close() {
            h.close();
        }
    }

    private static byte[] query(String tpa) {
        return request(ME, "10.0.0.1", tpa);
    }

    @Test
    void queuesUntilTheReplyThenSendsInOrder() throws Exception {
        try (Rig r = new Rig("", 2)) {
            byte[] first = r.ip("10.0.0.7", 1);
            assertEquals(0, r.h.count(0));
            assertEquals(1, r.h.count(1));
            assertArrayEquals(query("10.0.0.7"), r.h.outputBytes(1).get(0));
            Packet q = r.h.output(1).get(0);
            assertEquals(7, q.vlanTci());
            assertEquals(123_456_789L, q.timestampNanos());
            assertEquals("1", r.read("length"));
            assertEquals("1", r.read("count"));
            assertEquals("10.0.0.7 0 FF-FF-FF-FF-FF-FF 0.000000\n", r.read("table"));

            r.at(10 * MS);
            byte[] second = r.ip("10.0.0.7", 2);
            assertEquals(1, r.h.count(1), "no second query within 100 ms");
            assertEquals("2", r.read("length"));

            r.at(20 * MS);
            r.reply("10.0.0.7", NEIGHBOR);
            assertEquals(2, r.h.count(0));
            assertArrayEquals(ether(NEIGHBOR, ME, 0x0800, first), r.h.outputBytes(0).get(0));
            assertArrayEquals(ether(NEIGHBOR, ME, 0x0800, second), r.h.outputBytes(0).get(1));
            assertEquals("0", r.read("length"));
            assertEquals("1", r.read("responses"));
            assertEquals("1", r.read("queries"));

            r.at(1_520 * MS);
            byte[] third = r.ip("10.0.0.7", 3);
            assertArrayEquals(ether(NEIGHBOR, ME, 0x0800, third), r.h.outputBytes(0).get(2));
            assertEquals(1, r.h.count(1));
            assertEquals("10.0.0.7 1 00-1B-21-3A-4F-5C 1.500000\n", r.read("table"));
            assertEquals("0 packets killed\n1 ARP queries sent\n", r.read("stats"));
            assertEquals("0", r.read("drops"));
        }
    }

    @Test
    void queriesAreRateLimited() throws Exception {
        try (Rig r = new Rig("", 2)) {
            // Up to 10 queries, 100 ms apart; a packet 50 ms after a query causes none.
            for (int i = 0; i < 10; i++) {
                r.at(i * 100 * MS);
                r.ip("10.0.0.9", i);
                r.at(i * 100 * MS + 50 * MS);
                r.ip("10.0.0.9", i);
                assertEquals(i + 1, r.h.count(1));
            }
            // After 10 unanswered queries, one every 2 seconds.
            r.at(1_000 * MS);
            r.ip("10.0.0.9", 20);
            r.at(2_899 * MS);
            r.ip("10.0.0.9", 21);
            assertEquals(10, r.h.count(1));
            r.at(2_900 * MS);
            r.ip("10.0.0.9", 22);
            assertEquals(11, r.h.count(1));
            for (byte[] q : r.h.outputBytes(1)) {
                assertArrayEquals(query("10.0.0.9"), q);
            }
            // A reply resets the rate.
            r.reply("10.0.0.9", NEIGHBOR);
            assertEquals(23, r.h.count(0));
            assertEquals("11", r.read("queries"));
        }
    }

    @Test
    void queriesForDifferentAddressesAreIndependent() throws Exception {
        try (Rig r = new Rig("", 2)) {
            r.ip("10.0.0.7", 1);
            r.ip("10.0.0.8", 2);
            r.ip("10.0.0.7", 3);
            assertEquals(2, r.h.count(1));
            assertArrayEquals(query("10.0.0.7"), r.h.outputBytes(1).get(0));
            assertArrayEquals(query("10.0.0.8"), r.h.outputBytes(1).get(1));
            r.reply("10.0.0.8", "02:00:00:00:00:08");
            assertEquals(1, r.h.count(0));
            assertEquals("2", r.read("length"));
        }
    }

    @Test
    void entriesExpireAfterTimeout() throws Exception {
        try (Rig r = new Rig("TIMEOUT 10s, POLL_TIMEOUT 0", 2)) {
            r.at(5 * SECOND);
            r.reply("10.0.0.7", NEIGHBOR);
            r.at(10 * SECOND);
            assertEquals("10.0.0.7 1 00-1B-21-3A-4F-5C 5.000000\n", r.read("table")); // sweeps: nothing expired

            r.at(15 * SECOND);
            r.ip("10.0.0.7", 1);
            assertEquals(1, r.h.count(0), "known until TIMEOUT has passed");
            assertEquals(0, r.h.count(1));

            r.at(15 * SECOND + 1 * MS);
            r.ip("10.0.0.7", 2);
            assertEquals(1, r.h.count(0), "expired: the packet waits");
            assertArrayEquals(query("10.0.0.7"), r.h.outputBytes(1).get(0));
            // Still wanted, so held at the edge of expiry (as Click does) rather than swept.
            assertEquals("10.0.0.7 1 00-1B-21-3A-4F-5C 10.000000\n", r.read("table"));
            assertEquals("1", r.read("length"));
            r.at(15 * SECOND + 2 * MS);
            assertEquals("10.0.0.7 0 00-1B-21-3A-4F-5C 10.001000\n", r.read("table"));

            // The next sweep (TIMEOUT + 1 s after the last) removes it and drops its packet.
            r.at(20 * SECOND);
            assertEquals("1", r.read("count"));
            r.at(21 * SECOND);
            assertEquals("", r.read("table"));
            assertEquals("0", r.read("count"));
            assertEquals("0", r.read("length"));
            assertEquals("1", r.read("drops"));
            assertEquals("1 packets killed\n1 ARP queries sent\n", r.read("stats"));
        }
    }

    @Test
    void oldEntriesArePolledBeforeTheyExpire() throws Exception {
        try (Rig r = new Rig("POLL_TIMEOUT 5s", 2)) {
            r.reply("10.0.0.7", NEIGHBOR);
            r.at(4_999 * MS);
            r.ip("10.0.0.7", 1);
            assertEquals(0, r.h.count(1));
            r.at(5 * SECOND);
            byte[] p = r.ip("10.0.0.7", 2);
            assertEquals(2, r.h.count(0), "the packet is sent anyway");
            assertArrayEquals(ether(NEIGHBOR, ME, 0x0800, p), r.h.outputBytes(0).get(1));
            assertArrayEquals(arp(1, NEIGHBOR, ME, ME, "10.0.0.1", ZERO, "10.0.0.7"), r.h.outputBytes(1).get(0));
            r.at(5_050 * MS);
            r.ip("10.0.0.7", 3);
            assertEquals(1, r.h.count(1));
            r.at(5_100 * MS);
            r.ip("10.0.0.7", 4);
            assertEquals(2, r.h.count(1));
            r.reply("10.0.0.7", NEIGHBOR);
            r.at(6 * SECOND);
            r.ip("10.0.0.7", 5);
            assertEquals(2, r.h.count(1));
            assertEquals(5, r.h.count(0));
        }
        try (Rig r = new Rig("POLL_TIMEOUT 5s, BROADCAST_POLL true", 2)) {
            r.reply("10.0.0.7", NEIGHBOR);
            r.at(5 * SECOND);
            r.ip("10.0.0.7", 1);
            assertArrayEquals(query("10.0.0.7"), r.h.outputBytes(1).get(0));
        }
    }

    @Test
    void broadcastMulticastAndZeroAreNotQueried() throws Exception {
        try (Rig r = new Rig("", 2)) {
            byte[] a = r.ip("255.255.255.255", 1);
            byte[] b = r.ip("10.0.0.255", 2);
            byte[] c = r.ip("224.1.2.3", 3);
            byte[] d = r.ip("239.129.2.3", 4);
            r.ip("0.0.0.0", 5);
            assertEquals(0, r.h.count(1));
            List<byte[]> out = r.h.outputBytes(0);
            assertEquals(4, out.size());
            assertArrayEquals(ether(BCAST, ME, 0x0800, a), out.get(0));
            assertArrayEquals(ether(BCAST, ME, 0x0800, b), out.get(1));
            assertArrayEquals(ether("01:00:5e:01:02:03", ME, 0x0800, c), out.get(2));
            assertArrayEquals(ether("01:00:5e:01:02:03", ME, 0x0800, d), out.get(3));
            assertEquals("1", r.read("drops"));
            assertEquals("0", r.read("count"));
            assertEquals("10.0.0.255", r.read("broadcast"));
        }
        try (Rig r = new Rig("BROADCAST 10.255.255.255", 2)) {
            byte[] a = r.ip("10.255.255.255", 1);
            r.ip("10.0.0.255", 2);
            assertArrayEquals(ether(BCAST, ME, 0x0800, a), r.h.outputBytes(0).get(0));
            assertArrayEquals(query("10.0.0.255"), r.h.outputBytes(1).get(0));
        }
    }

    @Test
    void capacityLimitsDropTheOldestWaitingPackets() throws Exception {
        try (Rig r = new Rig("ENTRY_PACKET_CAPACITY 2", 2)) {
            r.ip("10.0.0.7", 1);
            r.ip("10.0.0.7", 2);
            r.ip("10.0.0.7", 3);
            assertEquals("2", r.read("length"));
            assertEquals("1", r.read("drops"));
            r.reply("10.0.0.7", NEIGHBOR);
            assertEquals(2, r.h.count(0));
        }
        try (Rig r = new Rig("CAPACITY 4", 2)) {
            r.ip("10.0.0.7", 1);
            r.ip("10.0.0.7", 2);
            byte[] b1 = r.ip("10.0.0.8", 3);
            byte[] b2 = r.ip("10.0.0.8", 4);
            byte[] c = r.ip("10.0.0.9", 5);
            // Over CAPACITY: down to 4 - 4/2 = 2 packets, the new one included, oldest entries first.
            assertEquals("2", r.read("length"));
            assertEquals("3", r.read("drops"));
            r.reply("10.0.0.7", "02:00:00:00:00:07");
            r.reply("10.0.0.8", "02:00:00:00:00:08");
            r.reply("10.0.0.9", "02:00:00:00:00:09");
            List<byte[]> out = r.h.outputBytes(0);
            assertEquals(2, out.size());
            assertArrayEquals(ether("02:00:00:00:00:08", ME, 0x0800, b2), out.get(0));
            assertArrayEquals(ether("02:00:00:00:00:09", ME, 0x0800, c), out.get(1));
            assertEquals(false, Arrays.equals(b1, b2));
        }
        try (Rig r = new Rig("ENTRY_CAPACITY 2", 2)) {
            r.ip("10.0.0.7", 1);
            r.ip("10.0.0.8", 2);
            r.ip("10.0.0.9", 3);
            assertEquals("2", r.read("count"));
            assertEquals("10.0.0.8 0 FF-FF-FF-FF-FF-FF 0.000000\n10.0.0.9 0 FF-FF-FF-FF-FF-FF 0.000000\n",
                    r.read("table"));
            assertEquals("1", r.read("drops"));
        }
    }

    @Test
    void onlyRepliesTeach() throws Exception {
        try (Rig r = new Rig("", 2)) {
            r.ip("10.0.0.7", 1);
            r.h.push(1, Arrays.copyOf(reply(NEIGHBOR, "10.0.0.7", ME, "10.0.0.1"), 41));
            assertEquals("0", r.read("responses"));
            r.h.push(1, request(NEIGHBOR, "10.0.0.7", "10.0.0.1"));
            r.h.push(1, reply("01:00:5e:00:00:01", "10.0.0.7", ME, "10.0.0.1"));
            r.h.push(1, ArpFrames.withByte(reply(NEIGHBOR, "10.0.0.7", ME, "10.0.0.1"), 13, 0x00));
            assertEquals("3", r.read("responses"));
            assertEquals(0, r.h.count(0));
            assertEquals("10.0.0.7 0 FF-FF-FF-FF-FF-FF 0.000000\n", r.read("table"));
            // A reply nobody asked for is learned too, as in Click.
            r.reply("10.0.0.50", "02:00:00:00:00:50");
            assertEquals("2", r.read("count"));
        }
    }

    @Test
    void withOneOutputQueriesShareIt() throws Exception {
        try (Rig r = new Rig("", 1)) {
            byte[] p = r.ip("10.0.0.7", 1);
            r.reply("10.0.0.7", NEIGHBOR);
            List<byte[]> out = r.h.outputBytes(0);
            assertEquals(2, out.size());
            assertArrayEquals(query("10.0.0.7"), out.get(0));
            assertArrayEquals(ether(NEIGHBOR, ME, 0x0800, p), out.get(1));
        }
    }

    @Test
    void handlersInsertDeleteClearAndAddresses() throws Exception {
        try (Rig r = new Rig("", 2)) {
            byte[] waiting = r.ip("10.0.0.8", 1);
            r.h.write("insert", "10.0.0.8 02:00:00:00:00:08");
            r.h.write("insert", " 10.0.0.9   02-00-00-00-00-09 ");
            assertEquals("10.0.0.8 1 02-00-00-00-00-08 0.000000\n10.0.0.9 1 02-00-00-00-00-09 0.000000\n",
                    r.read("table"));
            assertEquals("1", r.read("length"), "inserted by hand: the waiting packet goes with the next one");
            byte[] next = r.ip("10.0.0.8", 2);
            assertArrayEquals(ether("02:00:00:00:00:08", ME, 0x0800, waiting), r.h.outputBytes(0).get(0));
            assertArrayEquals(ether("02:00:00:00:00:08", ME, 0x0800, next), r.h.outputBytes(0).get(1));
            assertEquals("0", r.read("length"));
            r.ip("10.0.0.9", 3);
            assertEquals(3, r.h.count(0));

            r.h.write("delete", "10.0.0.9");
            r.ip("10.0.0.9", 4);
            assertEquals(3, r.h.count(0));
            assertEquals(2, r.h.count(1));
            r.h.write("delete", "10.0.0.9");
            assertEquals("1", r.read("drops"));
            r.h.write("delete", "10.0.0.99");

            r.h.write("ipaddr", "10.0.0.2");
            assertEquals("10.0.0.2", r.read("ipaddr"));
            r.ip("10.0.0.10", 5);
            assertArrayEquals(request(ME, "10.0.0.2", "10.0.0.10"), r.h.outputBytes(1).get(2));
            r.h.write("broadcast", "10.0.0.10");
            r.ip("10.0.0.10", 6);
            assertEquals(4, r.h.count(0));
            r.h.write("ipaddr", "0.0.0.0");
            r.ip("10.0.0.8", 7);
            assertEquals(4, r.h.count(0));
            assertEquals("2", r.read("drops"));

            r.h.write("clear", "");
            assertEquals("", r.read("table"));
            assertEquals("0", r.read("length"));
            assertEquals("0", r.read("drops"));
            assertEquals("0", r.read("queries"));

            assertEquals("missing mandatory ETH argument",
                    assertThrows(HandlerException.class, () -> r.h.write("insert", "10.0.0.8")).getMessage());
            assertEquals("IP: expected IPv4 address, got 'x'",
                    assertThrows(HandlerException.class, () -> r.h.write("insert", "x 02:00:00:00:00:08")).getMessage());
            assertEquals("too many arguments",
                    assertThrows(HandlerException.class, () -> r.h.write("delete", "10.0.0.8 10.0.0.9")).getMessage());
            assertEquals("IP: expected IPv4 address, got '10.0.0'",
                    assertThrows(HandlerException.class, () -> r.h.write("ipaddr", "10.0.0")).getMessage());
        }
    }

    @Test
    void waitingPacketsAreFreedAtCleanup() throws Exception {
        try (Rig r = new Rig("", 2)) {
            for (int i = 0; i < 50; i++) {
                r.ip("10.0.0." + (i % 5 + 2), i);
            }
            assertEquals("50", r.read("length"));
        } // close() fails if any packet leaked
    }

    @Test
    void configurationErrors() {
        assertEquals(List.of("missing mandatory ETH argument"), errors("ARPQuerier(10.0.0.1)"));
        assertEquals(List.of("TABLE: not supported; ARPQuerier keeps its own table"),
                errors("ARPQuerier(10.0.0.1, " + ME + ", TABLE arpt)"));
        assertEquals(List.of("CAPACITY_SLIM_FACTOR: must be between 1 and 2147483647, got 0"),
                errors("ARPQuerier(10.0.0.1, " + ME + ", CAPACITY_SLIM_FACTOR 0)"));
        assertEquals(List.of("IP: expected IPv4 prefix, got '10.0.0'", "ETH: expected Ethernet address, got 'me'"),
                errors("ARPQuerier(10.0.0, me)"));
    }

    private static List<String> errors(String decl) {
        ConfigException e = assertThrows(ConfigException.class, () -> Harness.element(decl, 2, 1).close());
        return e.errors().stream().map(ConfigError::message).toList();
    }
}
