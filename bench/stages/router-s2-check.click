// A stage of examples/click/router.click (docs/benchmarks.md, "Where the time goes"): the replay
// source and the router's elements up to CheckIPHeader, each stage's output discarded. Run with
//   DIR=bench/stages CPU=1 bench/compare-click CLICK router-s2-check
define($PCAP x, $WARMUP 8s, $TIME 4s);
FromDump($PCAP, STOP false, TIMING false) -> ReplayUnqueue(STOP -1, BURST 32) -> ac :: AverageCounter -> c :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
c[0]->Discard;
c[1]->Discard;
c[3]->Discard;
c[2]-> Paint(1) -> Strip(14) -> CheckIPHeader(INTERFACES 10.0.0.1/16 10.100.0.1/24, DETAILS true, CHECKSUM true) -> Discard;
DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
