// A stage of examples/click/ids-router.click (docs/benchmarks.md, "Where the time goes"): the
// router with the IPClassifier and Check{TCP,UDP,ICMP}Header, without the rest of the IDS. Run with
//   DIR=bench/stages CPU=1 bench/compare-click CLICK ids-s2-check
define($PCAP examples/traces/router-256.pcap, $LOOPS -1, $BURST 32, $WARMUP 4s, $TIME 5s);
require(library ../../examples/lib/iprouter.click);

FromDump($PCAP, STOP false, TIMING false)
  -> ReplayUnqueue(STOP $LOOPS, BURST $BURST)
  -> ac :: AverageCounter
  -> r :: IPRouter(MTU 1500)
  -> c :: Counter
  -> Discard;

ids :: Null; ids -> [1] r;

r [1] -> proto :: IPClassifier(tcp and unfrag, udp and unfrag, icmp and unfrag, -);
proto [0] -> CheckTCPHeader -> ids;
proto [1] -> CheckUDPHeader -> ids;
proto [2] -> CheckICMPHeader -> ids;
proto [3] -> ids;

DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
