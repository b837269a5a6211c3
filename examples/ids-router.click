// IDS router: router.click with an intrusion-detection stage between the IP header check and
// the route lookup, as PacketMill evaluates it; on the simulated NIC (built-in traffic) by default.
//   ./jmill run examples/ids-router.click
//   ./jmill run examples/ids-router.click -h ids.hits -h ids.drops -h tcpchk.drops -h udpchk.drops
//   ./jmill run examples/ids-router.click PCAP=trace.pcap OUT=out.pcap   (replay a capture, record the output)
//
// NIC -> IPRouter (ARP, Strip(14), CheckIPHeader) -> IPClassifier -> tcp  -> CheckTCPHeader  -> IPFilter
//                                                                 -> udp  -> CheckUDPHeader  -> IPFilter
//                                                                 -> icmp -> CheckICMPHeader -> IPFilter
//                                                                 -> fragments, other protocols -> IPFilter
//     IPFilter (10 rules; allowed packets) -> IPRouter (GetIPAddress(16), DirectIPLookup, IPOutputCombo,
//                                                       EtherEncap) -> NIC
// The router's elements, addresses and 64 routes are those of router.click (lib/iprouter.click).
// Packets that fail a transport check or match a deny rule are dropped and counted (drops handlers).
// The built-in traffic (UDP from 10.0.0.2 to 4096 addresses of 10.1.0.0/20, port 80) passes every rule.
define($DEV sim0, $MODEL xchange, $FLOWS 4096, $SIZE 64, $LIMIT -1, $PCAP "", $OUT "", $MTU 1500);
require(library lib/iprouter.click);

FromNIC($DEV, MODEL $MODEL, FLOWS $FLOWS, SRC 10.0.0.2, DST 10.1.0.0/20, SIZE $SIZE,
        SRCETH 02:00:00:00:00:01, DSTETH 02:00:00:00:00:02, LIMIT $LIMIT, STOP true, PCAP $PCAP)
  -> r :: IPRouter(MTU $MTU)
  -> ToNIC($DEV, DUMP $OUT);

// Fragments skip the transport checks (a fragment holds part of a segment, or none of its header)
// but not the rules (port and ICMP type tests match first fragments only).
r [1] -> proto :: IPClassifier(tcp and unfrag, udp and unfrag, icmp and unfrag, -);
proto [0] -> tcpchk :: CheckTCPHeader -> ids;
proto [1] -> udpchk :: CheckUDPHeader -> ids;
proto [2] -> icmpchk :: CheckICMPHeader -> ids;
proto [3] -> ids;

ids :: IPFilter(
    deny src net 127.0.0.0/8 or src net 224.0.0.0/4 or src net 240.0.0.0/4,  // martian sources
    deny tcp and dst port 23,                                                 // telnet
    deny tcp and (dst port 135 or dst port 139 or dst port 445),              // MS RPC, NetBIOS, SMB
    deny udp and dst port 1434,                                               // MS SQL (Slammer)
    deny udp and (dst port 161 or dst port 162) and not src net 10.0.0.0/16,  // SNMP from outside
    deny syn and fin,                                                         // SYN+FIN scan
    deny tcp and tcp[13] & 0x3f == 0,                                         // null scan
    deny ip[6:2] & 0x1fff == 1,                                               // tiny overlapping fragment (RFC 1858)
    deny icmp and not (icmp type echo or icmp type echo-reply
                       or icmp type unreachable or icmp type timeexceeded),   // other ICMP (redirects, ...)
    allow all)
  -> [1] r;
