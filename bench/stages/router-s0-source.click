// A stage of examples/click/router.click (docs/benchmarks.md, "Where the time goes"): the replay
// source and the router's elements up to the source (FromDump, ReplayUnqueue, AverageCounter), each stage's output discarded. Run with
//   DIR=bench/stages CPU=1 bench/compare-click CLICK router-s0-source
define($PCAP x, $WARMUP 8s, $TIME 4s);
FromDump($PCAP, STOP false, TIMING false) -> ReplayUnqueue(STOP -1, BURST 32) -> ac :: AverageCounter -> Discard;
DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
