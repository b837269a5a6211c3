// Click's IP router (../lib/iprouter.click: Classifier, CheckIPHeader, DirectIPLookup,
// IPOutputCombo, ICMPError, EtherEncap), FastClick's replay idiom: a capture replayed from memory.
// The same text runs on Click/FastClick userlevel and on JMill (docs/benchmarks.md, "Click
// configurations"). `jmill bench --nf click-router` makes the trace: 64-byte UDP frames from
// 10.0.0.2 to 4096 addresses of 10.1.0.0/20, to 02:00:00:00:00:02.
//   ./jmill run examples/click/router.click              (256 frames from examples/traces/router-256.pcap)
//   ./jmill run examples/click/router.click PCAP=trace.pcap   (another capture)
define($PCAP examples/traces/router-256.pcap, $LOOPS -1, $BURST 32, $WARMUP 4s, $TIME 5s);
require(library ../lib/iprouter.click);

FromDump($PCAP, STOP false, TIMING false)
  -> ReplayUnqueue(STOP $LOOPS, BURST $BURST)
  -> ac :: AverageCounter
  -> r :: IPRouter(MTU 1500)
  -> c :: Counter
  -> Discard;
r [1] -> [1] r;

DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
