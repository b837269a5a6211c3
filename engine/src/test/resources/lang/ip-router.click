// Two-interface IP router, after Click's conf/ip-router.click (simplified).
//   eth0: 10.0.0.1/24   eth1: 10.0.1.1/24
require(jmill 0.1);

define($DEV0 eth0, $IP0 10.0.0.1, $ETH0 00:00:c0:ae:67:ef);
define($DEV1 eth1, $IP1 10.0.1.1, $ETH1 00:00:c0:4f:71:ef);

// One interface: classifies received frames, answers ARP, and
// outputs IP packets (output 0) painted with COLOR; input 0 takes
// IP packets to send, which go through ARP resolution.
elementclass Interface { $dev, $ip, $eth, COLOR $color |
  FromDevice($dev) -> c :: Classifier(12/0806 20/0001,   // ARP queries
                                      12/0806 20/0002,   // ARP replies
                                      12/0800,           // IP
                                      -);
  out :: Queue(200) -> ToDevice($dev);
  c [0] -> ARPResponder($ip $eth) -> out;
  input -> arpq :: ARPQuerier($ip, $eth) -> out;
  c [1] -> [1] arpq;
  c [2] -> Paint($color) -> Strip(14) -> CheckIPHeader -> [0] output;
  c [3] -> Discard;
}

if0 :: Interface($DEV0, $IP0, $ETH0, COLOR 1);
if1 :: Interface($DEV1, $IP1, $ETH1, COLOR 2);

rt :: StaticIPLookup($IP0/32 0, $IP1/32 0,
                     10.0.0.0/24 1, 10.0.1.0/24 2);

if0 -> [0] rt;
if1 -> [0] rt;
rt [0] -> ToHost;
rt [1] -> DropBroadcasts -> dt0 :: DecIPTTL -> if0;
rt [2] -> DropBroadcasts -> dt1 :: DecIPTTL -> if1;
dt0 [1] -> ICMPError($IP0, timeexceeded) -> rt;
dt1 [1] -> ICMPError($IP1, timeexceeded) -> rt;
