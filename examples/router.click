// Router: Click's standard IP router (make-ip-conf.pl, fake-iprouter.click), as PacketMill
// evaluates it, with 64 routes; on the simulated NIC (built-in traffic) by default.
//   ./jmill run examples/router.click
//   ./jmill run examples/router.click -h r/rt.drops -h r/chk.drop_details -h r/tohost.count
//   ./jmill run examples/router.click PCAP=trace.pcap OUT=out.pcap   (replay a capture, record the output)
//
// NIC -> Classifier -> ARP requests -> ARPResponder -------------------------------------> NIC
//                   -> IP -> Paint(1) -> Strip(14) -> CheckIPHeader -> GetIPAddress(16) -> DirectIPLookup
//   DirectIPLookup -> [0] this router: counted, discarded
//                 -> [1] link 0, [2] link 1: IPOutputCombo -> EtherEncap ----------------> NIC
//                        (redirect, parameter problem, TTL exceeded, need-frag: ICMPError -> DirectIPLookup)
// The elements live in lib/iprouter.click (compound IPRouter), which also describes the addresses.
// Static next hops: no ARPQuerier on the fast path, as in PacketMill's router.
// The built-in traffic comes from host 10.0.0.2 on link 0 and goes to 4096 addresses of
// 10.1.0.0/20, spread evenly over the 64 /26 routes through next hop 10.100.0.2 on link 1.
define($DEV sim0, $MODEL xchange, $FLOWS 4096, $SIZE 64, $LIMIT -1, $PCAP "", $OUT "", $MTU 1500);
require(library lib/iprouter.click);

FromNIC($DEV, MODEL $MODEL, FLOWS $FLOWS, SRC 10.0.0.2, DST 10.1.0.0/20, SIZE $SIZE,
        SRCETH 02:00:00:00:00:01, DSTETH 02:00:00:00:00:02, LIMIT $LIMIT, STOP true, PCAP $PCAP)
  -> r :: IPRouter(MTU $MTU)
  -> ToNIC($DEV, DUMP $OUT);
r [1] -> [1] r;    // checked IP packets straight on to routing (ids-router.click filters them here)
