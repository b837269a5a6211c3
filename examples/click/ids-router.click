// The router of router.click with an IDS in front of its routing table (IPClassifier,
// Check{TCP,UDP,ICMP}Header, IPFilter), FastClick's replay idiom. The same text runs on
// Click/FastClick userlevel and on JMill (docs/benchmarks.md, "Click configurations").
// `jmill bench --nf click-ids-router` makes the trace (the router's).
//   ./jmill run examples/click/ids-router.click              (256 frames from examples/traces/router-256.pcap)
//   ./jmill run examples/click/ids-router.click PCAP=trace.pcap   (another capture)
define($PCAP examples/traces/router-256.pcap, $LOOPS -1, $BURST 32, $WARMUP 4s, $TIME 5s);
require(library ../lib/iprouter.click);

FromDump($PCAP, STOP false, TIMING false)
  -> ReplayUnqueue(STOP $LOOPS, BURST $BURST)
  -> ac :: AverageCounter
  -> r :: IPRouter(MTU 1500)
  -> c :: Counter
  -> Discard;

ids :: IPFilter(
    deny src net 127.0.0.0/8 or src net 224.0.0.0/4 or src net 240.0.0.0/4,
    deny tcp and dst port 23,
    deny tcp and (dst port 135 or dst port 139 or dst port 445),
    deny udp and dst port 1434,
    deny udp and (dst port 161 or dst port 162) and not src net 10.0.0.0/16,
    deny syn and fin,
    deny tcp and tcp[13] & 0x3f == 0,
    deny ip[6:2] & 0x1fff == 1,
    deny icmp and not (icmp type echo or icmp type echo-reply
                       or icmp type unreachable or icmp type timeexceeded),
    allow all);
ids -> [1] r;

r [1] -> proto :: IPClassifier(tcp and unfrag, udp and unfrag, icmp and unfrag, -);
proto [0] -> CheckTCPHeader -> ids;
proto [1] -> CheckUDPHeader -> ids;
proto [2] -> CheckICMPHeader -> ids;
proto [3] -> ids;

DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
