// Click's standard IP router as compound elements, shared by router.click and ids-router.click:
//   require(library lib/iprouter.click);
//   FromNIC(...) -> r :: IPRouter(MTU 1500) -> ToNIC(...);
//   r [1] -> [1] r;            // or r [1] -> inspection -> [1] r
//
// The router has one NIC port (PacketMill's single-port DUT) carrying two IP links:
//   link 0 (paint 1): 10.0.0.1/16, this router's address; the hosts that send the traffic
//                     (the simulated NIC's generator, 02:00:00:00:00:01) live here.
//   link 1 (paint 2): 10.100.0.1/24; next-hop router 10.100.0.2 at 02:00:00:00:00:03, behind
//                     which lie the 64 networks 10.1.0.0/26 .. 10.1.15.192/26 (10.1.0.0/20).
// Both links use the port's Ethernet address 02:00:00:00:00:02. Next hops are static
// (EtherEncap with the neighbour's address), as in PacketMill's router and Click's
// fake-iprouter.click: there is no ARPQuerier, so ARP replies are only counted.

// One link's output path: Click's IPOutputCombo with its ICMP error branches, fragmentation of
// packets over MTU, and a static next hop. Output 0: Ethernet frames for the link; output 1:
// ICMP errors (IP packets, destination annotation set) to hand back to the routing table.
elementclass IPOutputPath { $color, $ip, $mtu, $src, $dst |
  input -> oc :: IPOutputCombo($color, $ip, $mtu)
        -> encap :: EtherEncap(0x0800, $src, $dst)
        -> [0] output;
  oc [1] -> redirect :: ICMPError($ip, redirect, host) -> [1] output;   // leaves where it came in
  oc [2] -> badopt :: ICMPError($ip, parameterproblem) -> [1] output;   // bad Record Route/Timestamp
  oc [3] -> ttl :: ICMPError($ip, timeexceeded) -> [1] output;          // TTL expired
  oc [4] -> fr :: IPFragmenter($mtu) -> encap;                          // longer than the MTU ...
  fr [1] -> needfrag :: ICMPError($ip, unreachable, needfrag, PMTU $mtu) -> [1] output;  // ... and DF
}

// The router. Input 0 / output 0: Ethernet frames from / to the NIC port.
// Output 1: the IP packets that passed CheckIPHeader (Ethernet header stripped, paint = link);
// input 1: IP packets to route. Connect output 1 to input 1, directly or through a filter.
elementclass IPRouter { MTU $mtu |
  // ARP requests, ARP replies, IP, the rest
  c :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
  input [0] -> c;
  c [0] -> arp :: ARPResponder(10.0.0.1 10.100.0.1 02:00:00:00:00:02) -> [0] output;
  c [1] -> arpreplies :: Counter -> Discard;    // static next hops: no ARPQuerier to feed
  c [2] -> Paint(1)
        -> Strip(14)
        -> chk :: CheckIPHeader(INTERFACES 10.0.0.1/16 10.100.0.1/24, DETAILS true, CHECKSUM true)
        -> [1] output;
  c [3] -> other :: Counter -> Discard;         // neither ARP nor IP

  // Outputs: 0 this router (its addresses and the links' broadcast addresses), 1 link 0, 2 link 1.
  input [1] -> GetIPAddress(16) -> rt :: DirectIPLookup(
      10.0.0.1/32 0, 10.0.0.0/32 0, 10.0.255.255/32 0,
      10.100.0.1/32 0, 10.100.0.0/32 0, 10.100.0.255/32 0,
      10.0.0.0/16 1,
      10.100.0.0/24 2,
      10.1.0.0/26 10.100.0.2 2, 10.1.0.64/26 10.100.0.2 2, 10.1.0.128/26 10.100.0.2 2, 10.1.0.192/26 10.100.0.2 2,
      10.1.1.0/26 10.100.0.2 2, 10.1.1.64/26 10.100.0.2 2, 10.1.1.128/26 10.100.0.2 2, 10.1.1.192/26 10.100.0.2 2,
      10.1.2.0/26 10.100.0.2 2, 10.1.2.64/26 10.100.0.2 2, 10.1.2.128/26 10.100.0.2 2, 10.1.2.192/26 10.100.0.2 2,
      10.1.3.0/26 10.100.0.2 2, 10.1.3.64/26 10.100.0.2 2, 10.1.3.128/26 10.100.0.2 2, 10.1.3.192/26 10.100.0.2 2,
      10.1.4.0/26 10.100.0.2 2, 10.1.4.64/26 10.100.0.2 2, 10.1.4.128/26 10.100.0.2 2, 10.1.4.192/26 10.100.0.2 2,
      10.1.5.0/26 10.100.0.2 2, 10.1.5.64/26 10.100.0.2 2, 10.1.5.128/26 10.100.0.2 2, 10.1.5.192/26 10.100.0.2 2,
      10.1.6.0/26 10.100.0.2 2, 10.1.6.64/26 10.100.0.2 2, 10.1.6.128/26 10.100.0.2 2, 10.1.6.192/26 10.100.0.2 2,
      10.1.7.0/26 10.100.0.2 2, 10.1.7.64/26 10.100.0.2 2, 10.1.7.128/26 10.100.0.2 2, 10.1.7.192/26 10.100.0.2 2,
      10.1.8.0/26 10.100.0.2 2, 10.1.8.64/26 10.100.0.2 2, 10.1.8.128/26 10.100.0.2 2, 10.1.8.192/26 10.100.0.2 2,
      10.1.9.0/26 10.100.0.2 2, 10.1.9.64/26 10.100.0.2 2, 10.1.9.128/26 10.100.0.2 2, 10.1.9.192/26 10.100.0.2 2,
      10.1.10.0/26 10.100.0.2 2, 10.1.10.64/26 10.100.0.2 2, 10.1.10.128/26 10.100.0.2 2, 10.1.10.192/26 10.100.0.2 2,
      10.1.11.0/26 10.100.0.2 2, 10.1.11.64/26 10.100.0.2 2, 10.1.11.128/26 10.100.0.2 2, 10.1.11.192/26 10.100.0.2 2,
      10.1.12.0/26 10.100.0.2 2, 10.1.12.64/26 10.100.0.2 2, 10.1.12.128/26 10.100.0.2 2, 10.1.12.192/26 10.100.0.2 2,
      10.1.13.0/26 10.100.0.2 2, 10.1.13.64/26 10.100.0.2 2, 10.1.13.128/26 10.100.0.2 2, 10.1.13.192/26 10.100.0.2 2,
      10.1.14.0/26 10.100.0.2 2, 10.1.14.64/26 10.100.0.2 2, 10.1.14.128/26 10.100.0.2 2, 10.1.14.192/26 10.100.0.2 2,
      10.1.15.0/26 10.100.0.2 2, 10.1.15.64/26 10.100.0.2 2, 10.1.15.128/26 10.100.0.2 2, 10.1.15.192/26 10.100.0.2 2);
  rt [0] -> tohost :: Counter -> Discard;
  rt [1] -> link0 :: IPOutputPath(1, 10.0.0.1, $mtu, 02:00:00:00:00:02, 02:00:00:00:00:01);
  rt [2] -> link1 :: IPOutputPath(2, 10.100.0.1, $mtu, 02:00:00:00:00:02, 02:00:00:00:00:03);
  link0 [0] -> [0] output;
  link1 [0] -> [0] output;
  link0 [1] -> rt;
  link1 [1] -> rt;
}
