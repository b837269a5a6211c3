// A router attached to the host through a tun interface, Click userlevel style (needs root).
// The host gets 10.0.0.1/24 on a new tun interface and routes that network to JMill, which is
// 10.0.0.2: it answers pings and echoes UDP sent to it, and answers ICMP host unreachable for
// the rest of the network.
//   sudo ./jmill run examples/userlevel/tun-router.click &
//   ping 10.0.0.2
define($HOST 10.0.0.1/24, $ME 10.0.0.2);

tun :: KernelTun($HOST);
out :: Queue(256) -> tun;

tun -> CheckIPHeader
  -> rt :: StaticIPLookup($ME/32 0, 0.0.0.0/0 1);
rt[0] -> c :: IPClassifier(icmp type echo, udp, -);
c[0] -> ICMPPingResponder -> out;
c[1] -> IPMirror -> out;
c[2] -> Discard;
rt[1] -> ICMPError($ME, unreachable, host) -> out;
