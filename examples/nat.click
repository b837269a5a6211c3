// NAT: network address and port translation with Click's IPRewriter, as PacketMill evaluates it;
// on the simulated NIC (built-in traffic) by default.
//   ./jmill run examples/nat.click
//   ./jmill run examples/nat.click -h rw.nmappings -h rw.mapping_failures -h rw.drops
//   ./jmill run examples/nat.click PCAP=trace.pcap OUT=out.pcap   (replay a capture, record the output)
//
// NIC -> Classifier -> IP -> CheckIPHeader(14) -> IPClassifier -> from 10.0.0.0/16 -> [0] IPRewriter
//                                                              -> to $NATIP        -> [1] IPRewriter
//     IPRewriter [0] (rewritten source $NATIP:port)   -> EtherRewrite (to next hop) -> NIC
//     IPRewriter [1] (replies, translated back)       -> EtherRewrite (to the host)  -> NIC
//                 -> ARP requests for the NAT's addresses -> ARPResponder -----------> NIC
// One NIC port carries both sides: the inside hosts 10.0.0.0/16 (the NAT is 10.0.0.1 there) and
// the outside, where the NAT is $NATIP and everything goes to next hop 02:00:00:00:00:03.
// A new inside flow gets source $NATIP and a free port of 1024-65535 (its own if free);
// replies to $NATIP find their mapping, other packets to $NATIP are dropped (rw.drops).
// The built-in traffic is 4096 UDP flows from 10.0.16.0/20 (one host each) to 10.1.0.1:80.
define($DEV sim0, $MODEL xchange, $FLOWS 4096, $SIZE 64, $LIMIT -1, $PCAP "", $OUT "", $NATIP 10.100.0.1);

FromNIC($DEV, MODEL $MODEL, FLOWS $FLOWS, SRC 10.0.16.0/20, DST 10.1.0.1, SIZE $SIZE,
        SRCETH 02:00:00:00:00:01, DSTETH 02:00:00:00:00:02, LIMIT $LIMIT, STOP true, PCAP $PCAP)
  -> c :: Classifier(12/0800, 12/0806 20/0001, -);
out :: ToNIC($DEV, DUMP $OUT);

c [0] -> chk :: CheckIPHeader(14, INTERFACES 10.0.0.1/16 $NATIP/24, DETAILS true)
      -> side :: IPClassifier(dst host $NATIP, src net 10.0.0.0/16, -);
side [0] -> [1] rw;                            // from outside to the NAT: replies
side [1] -> [0] rw;                            // from inside
side [2] -> stray :: Counter -> Discard;       // neither

rw :: IPRewriter(pattern $NATIP 1024-65535 - - 0 1, drop);
rw [0] -> EtherRewrite(02:00:00:00:00:02, 02:00:00:00:00:03) -> out;   // to the outside next hop
rw [1] -> EtherRewrite(02:00:00:00:00:02, 02:00:00:00:00:01) -> out;   // back to the inside host

c [1] -> arp :: ARPResponder(10.0.0.1 $NATIP 02:00:00:00:00:02) -> out;
c [2] -> other :: Counter -> Discard;          // ARP replies, non-IP
