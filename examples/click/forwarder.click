// Forwarder, FastClick's replay idiom: a capture replayed from memory through EtherMirror.
// The same text runs on Click/FastClick userlevel and on JMill, which is how the two are compared
// (docs/benchmarks.md, "Click configurations"). `jmill bench --nf click-forwarder` makes the trace.
//   ./jmill run examples/click/forwarder.click              (256 frames from examples/traces/udp-256.pcap)
//   ./jmill run examples/click/forwarder.click PCAP=trace.pcap   (another capture)
//   click examples/click/forwarder.click PCAP=trace.pcap  (Click/FastClick userlevel, same text)
define($PCAP examples/traces/udp-256.pcap, $LOOPS -1, $BURST 32, $WARMUP 4s, $TIME 5s);

FromDump($PCAP, STOP false, TIMING false)
  -> ReplayUnqueue(STOP $LOOPS, BURST $BURST)
  -> ac :: AverageCounter
  -> EtherMirror
  -> c :: Counter
  -> Discard;

DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
