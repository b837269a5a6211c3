package io.jmill.cli;

import io.jmill.driver.net.FrameBuilder;

import java.util.ArrayList;
import java.util.List;

import static io.jmill.cli.ExampleFrames.*;

/**
 * The captures the example NFs' golden tests replay: every kind of frame the NF has a rule for,
 * well-formed and malformed, each with a name saying what it is and what should become of it.
 */
final class ExampleTraffic {
    /** One input frame. */
    record Case(String name, byte[] frame) {
    }

    static final String HOST = "10.0.0.2";           // inside host (link 0), the generator's address

    private ExampleTraffic() {
    }

    static List<byte[]> frames(List<Case> cases) {
        return cases.stream().map(Case::frame).toList();
    }

    /**
     * For router.click and ids-router.click (the router's addresses: 10.0.0.1 on link 0,
     * 10.100.0.1 on link 1, routes 10.1.0.0/20 as 64 /26 via 10.100.0.2).
     */
    static List<Case> router() {
        List<Case> c = new ArrayList<>();
        // ARP
        c.add(new Case("arp who-has 10.0.0.1 (router, link 0): reply", arpRequest(HOST, "10.0.0.1")));
        c.add(new Case("arp who-has 10.100.0.1 (router, link 1): reply",
                arp(1, BROADCAST_MAC, NEXT_HOP_MAC, "10.100.0.2", "00:00:00:00:00:00", "10.100.0.1")));
        c.add(new Case("arp who-has 10.0.0.99 (not ours): dropped", arpRequest(HOST, "10.0.0.99")));
        c.add(new Case("arp reply from the next hop: counted (no ARPQuerier)",
                arp(2, PORT_MAC, NEXT_HOP_MAC, "10.100.0.2", PORT_MAC, "10.100.0.1")));
        // forwarded to link 1
        c.add(new Case("udp to 10.1.0.5: forwarded", udp(HOST, 1234, "10.1.0.5", 80).build()));
        c.add(new Case("tcp syn to 10.1.15.200:443: forwarded",
                tcp(HOST, 40000, "10.1.15.200", 443).tcpFlags(0x02).build()));
        c.add(new Case("icmp echo to 10.1.7.1: forwarded", icmp(HOST, "10.1.7.1", 8, 0).build()));
        c.add(new Case("udp with Ethernet padding to 10.1.3.3: forwarded, padding removed",
                padded(udp(HOST, 1234, "10.1.3.3", 80).payloadLength(2).build(), 60)));
        c.add(new Case("udp 1400 bytes to 10.1.9.9: forwarded", udp(HOST, 1234, "10.1.9.9", 80).frameLength(1400).build()));
        c.add(new Case("udp without checksum to 10.1.12.34: forwarded",
                withoutUdpChecksum(udp(HOST, 1234, "10.1.12.34", 80).build())));
        c.add(new Case("udp with a bad UDP checksum to 10.1.5.5: forwarded by the router, dropped by CheckUDPHeader in ids-router",
                badL4Checksum(udp(HOST, 1234, "10.1.5.5", 80).build())));
        c.add(new Case("gre (proto 47) to 10.1.6.6: forwarded", FrameBuilder.ip(47).srcMac(HOST_MAC).dstMac(PORT_MAC)
                .src(HOST, 0).dst("10.1.6.6", 0).frameLength(64).build()));
        byte[] big = udp(HOST, 1234, "10.1.8.8", 80).frameLength(1014).ipId(77).build();
        List<byte[]> frags = fragments(big, 496);
        c.add(new Case("first fragment (MF) to 10.1.8.8: forwarded", frags.get(0)));
        c.add(new Case("last fragment (offset 496) to 10.1.8.8: forwarded", frags.get(1)));
        c.add(new Case("record route option with room, to 10.1.10.10: forwarded, 10.100.0.1 recorded",
                udp(HOST, 1234, "10.1.10.10", 80).ipOptions(recordRoute(4)).frameLength(76).build()));
        c.add(new Case("udp 1600 bytes without DF to 10.1.11.11: two fragments",
                udp(HOST, 1234, "10.1.11.11", 80).frameLength(1600).ipId(99).build()));
        // back out of link 0
        c.add(new Case("udp to 10.0.0.3 (same link): redirect to the host, and forwarded on link 0",
                udp(HOST, 1234, "10.0.0.3", 80).build()));
        // errors sent back to the host
        c.add(new Case("ttl 1 to 10.1.2.3: icmp time exceeded from 10.0.0.1",
                udp(HOST, 1234, "10.1.2.3", 80).ttl(1).build()));
        c.add(new Case("record route with bad pointer 3, to 10.1.4.4: icmp parameter problem",
                udp(HOST, 1234, "10.1.4.4", 80).ipOptions(recordRoute(3)).frameLength(76).build()));
        c.add(new Case("udp 1600 bytes with DF to 10.1.11.12: icmp unreachable needfrag (mtu 1500)",
                udp(HOST, 1234, "10.1.11.12", 80).frameLength(1600).fragment(0x4000).build()));
        // for the router itself
        c.add(new Case("udp to 10.0.0.1 (router): to host (counted)", udp(HOST, 1234, "10.0.0.1", 80).build()));
        c.add(new Case("udp to 10.0.255.255 (link 0 broadcast): to host (counted)",
                udp(HOST, 1234, "10.0.255.255", 80).build()));
        c.add(new Case("ttl 1 to 10.100.0.1 (router): to host, no time exceeded",
                udp(HOST, 1234, "10.100.0.1", 80).ttl(1).build()));
        // dropped
        c.add(new Case("udp to 192.168.1.1: no route, dropped (rt.drops)", udp(HOST, 1234, "192.168.1.1", 80).build()));
        c.add(new Case("link-level broadcast to 10.1.0.9: dropped by IPOutputCombo",
                udp(HOST, 1234, "10.1.0.9", 80).dstMac(BROADCAST_MAC).build()));
        byte[] good = udp(HOST, 1234, "10.1.0.6", 80).build();
        c.add(new Case("bad ip checksum: dropped (chk)", badIpChecksum(good)));
        c.add(new Case("short frame (14 + 10 bytes): dropped (chk)", truncated(good, 24)));
        c.add(new Case("short frame (14 bytes, IP type): dropped (chk)", truncated(good, 14)));
        c.add(new Case("ip header length 16: dropped (chk)", badIhl(good)));
        c.add(new Case("total length 1000 in a 64-byte frame: dropped (chk)", badTotalLength(good, 1000)));
        c.add(new Case("total length 10, less than the header: dropped (chk)", badTotalLength(good, 10)));
        c.add(new Case("ip version 6: dropped (chk)", badVersion(good)));
        c.add(new Case("source 10.0.255.255 (broadcast): dropped (chk)", udp("10.0.255.255", 1234, "10.1.0.6", 80).build()));
        c.add(new Case("source 0.0.0.0: dropped (chk)", udp("0.0.0.0", 1234, "10.1.0.6", 80).build()));
        c.add(new Case("ipv6 frame: other (counted)", ipv6()));
        c.add(new Case("vlan-tagged ip frame: other (counted)", udp(HOST, 1234, "10.1.0.6", 80).vlan(5).build()));
        c.add(new Case("runt (10 bytes): other (counted)", truncated(good, 10)));
        // what the IDS of ids-router.click drops (the plain router forwards them all)
        c.add(new Case("tcp to port 23 (telnet): ids deny", tcp(HOST, 40001, "10.1.1.1", 23).tcpFlags(0x02).build()));
        c.add(new Case("tcp to port 445 (smb): ids deny", tcp(HOST, 40002, "10.1.1.2", 445).tcpFlags(0x02).build()));
        c.add(new Case("udp to port 1434 (ms-sql): ids deny", udp(HOST, 40003, "10.1.1.3", 1434).build()));
        c.add(new Case("udp snmp from 192.0.2.1 (outside): ids deny", udp("192.0.2.1", 40004, "10.1.1.4", 161).build()));
        c.add(new Case("udp snmp from 10.0.0.2 (inside): ids allow", udp(HOST, 40005, "10.1.1.5", 161).build()));
        c.add(new Case("tcp syn+fin: ids deny", tcp(HOST, 40006, "10.1.1.6", 80).tcpFlags(0x03).build()));
        c.add(new Case("tcp no flags (null scan): ids deny", tcp(HOST, 40007, "10.1.1.7", 80).tcpFlags(0x00).build()));
        c.add(new Case("tcp ack to port 80: ids allow", tcp(HOST, 40008, "10.1.1.8", 80).tcpFlags(0x10).build()));
        c.add(new Case("fragment at offset 8 (RFC 1858): ids deny",
                withFragmentField(udp(HOST, 1234, "10.1.1.9", 80).build(), 0x0001)));
        c.add(new Case("icmp redirect from a host: ids deny", icmp(HOST, "10.1.1.10", 5, 1).frameLength(70).build()));
        c.add(new Case("icmp timestamp request: ids deny",
                FrameBuilder.icmp().srcMac(HOST_MAC).dstMac(PORT_MAC).src(HOST, 0).dst("10.1.1.11", 0).icmp(13, 0)
                        .payloadLength(12).build()));
        c.add(new Case("source 127.0.0.1 (martian): ids deny", udp("127.0.0.1", 1234, "10.1.1.12", 80).build()));
        c.add(new Case("bad tcp checksum: dropped by CheckTCPHeader in ids-router",
                badL4Checksum(tcp(HOST, 40009, "10.1.1.13", 80).build())));
        c.add(new Case("bad icmp checksum: dropped by CheckICMPHeader in ids-router",
                badL4Checksum(icmp(HOST, "10.1.1.14", 8, 0).build())));
        c.add(new Case("udp length 200 in a 64-byte frame: dropped by CheckUDPHeader in ids-router",
                udpLength(udp(HOST, 1234, "10.1.1.15", 80).build(), 200)));
        return c;
    }

    /** The UDP length field of a frame without IP options set to {@code length}. */
    private static byte[] udpLength(byte[] f, int length) {
        byte[] g = f.clone();
        putU16(g, ETH + 20 + 4, length);
        return g;
    }

    /**
     * For nat.click (inside 10.0.0.0/16, the NAT 10.0.0.1 inside and 10.100.0.1 outside). Every
     * inside flow has a source port no other flow takes, so the rewriter keeps it and the output is
     * deterministic; the replies are addressed accordingly.
     */
    static List<Case> nat() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("arp who-has 10.0.0.1 (nat inside): reply", arpRequest(HOST, "10.0.0.1")));
        c.add(new Case("arp who-has 10.100.0.1 (nat outside): reply",
                arp(1, BROADCAST_MAC, NEXT_HOP_MAC, "10.100.0.2", "00:00:00:00:00:00", "10.100.0.1")));
        c.add(new Case("udp 10.0.0.2:5000 > 10.1.0.1:53: new flow, source 10.100.0.1:5000",
                udp(HOST, 5000, "10.1.0.1", 53).build()));
        c.add(new Case("tcp syn 10.0.0.2:40000 > 10.1.0.1:80: new flow, source 10.100.0.1:40000",
                tcp(HOST, 40000, "10.1.0.1", 80).tcpFlags(0x02).build()));
        c.add(new Case("udp 10.0.0.3:6000 > 10.1.0.2:123 without checksum: new flow, checksum stays 0",
                withoutUdpChecksum(udp("10.0.0.3", 6000, "10.1.0.2", 123).build())));
        c.add(new Case("udp reply 10.1.0.1:53 > 10.100.0.1:5000: to 10.0.0.2:5000",
                udp("10.1.0.1", 53, "10.100.0.1", 5000).srcMac(NEXT_HOP_MAC).build()));
        c.add(new Case("tcp syn-ack 10.1.0.1:80 > 10.100.0.1:40000: to 10.0.0.2:40000",
                tcp("10.1.0.1", 80, "10.100.0.1", 40000).srcMac(NEXT_HOP_MAC).tcpFlags(0x12).build()));
        c.add(new Case("udp 10.0.0.2:5000 > 10.1.0.1:53 again: same mapping",
                udp(HOST, 5000, "10.1.0.1", 53).payloadLength(100).build()));
        c.add(new Case("udp reply 10.1.0.2:123 > 10.100.0.1:6000: to 10.0.0.3:6000",
                udp("10.1.0.2", 123, "10.100.0.1", 6000).srcMac(NEXT_HOP_MAC).build()));
        c.add(new Case("udp 10.1.0.9:53 > 10.100.0.1:7777 (no mapping): dropped (rw)",
                udp("10.1.0.9", 53, "10.100.0.1", 7777).srcMac(NEXT_HOP_MAC).build()));
        c.add(new Case("icmp echo from inside: dropped (rw: not TCP/UDP)", icmp(HOST, "10.1.0.1", 8, 0).build()));
        c.add(new Case("non-first fragment from inside: dropped (rw)",
                withFragmentField(udp(HOST, 5001, "10.1.0.1", 53).build(), 0x0010)));
        c.add(new Case("udp 192.0.2.1 > 10.1.0.1 (neither side): stray (counted)",
                udp("192.0.2.1", 1234, "10.1.0.1", 80).build()));
        byte[] good = udp(HOST, 5002, "10.1.0.1", 53).build();
        c.add(new Case("bad ip checksum: dropped (chk)", badIpChecksum(good)));
        c.add(new Case("short frame (14 + 10 bytes): dropped (chk)", truncated(good, 24)));
        c.add(new Case("ip header length 16: dropped (chk)", badIhl(good)));
        c.add(new Case("total length 1000 in a 64-byte frame: dropped (chk)", badTotalLength(good, 1000)));
        c.add(new Case("arp reply: other (counted)", arp(2, PORT_MAC, NEXT_HOP_MAC, "10.100.0.2", PORT_MAC, "10.100.0.1")));
        c.add(new Case("ipv6 frame: other (counted)", ipv6()));
        return c;
    }

    /** For forwarder.click and workpackage.click: anything goes back with its addresses swapped. */
    static List<Case> mirror() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("udp 64 bytes", udp(HOST, 1234, "10.1.0.5", 80).build()));
        c.add(new Case("tcp 1500 bytes", tcp(HOST, 40000, "10.1.0.6", 443).frameLength(1500).build()));
        c.add(new Case("arp request", arpRequest(HOST, "10.0.0.1")));
        c.add(new Case("bad ip checksum", badIpChecksum(udp(HOST, 1234, "10.1.0.7", 80).build())));
        c.add(new Case("ipv6", ipv6()));
        c.add(new Case("runt (13 bytes)", truncated(udp(HOST, 1234, "10.1.0.5", 80).build(), 13)));
        c.add(new Case("runt (8 bytes): too short to mirror, dropped", truncated(udp(HOST, 1234, "10.1.0.5", 80).build(), 8)));
        return c;
    }
}
