// NAPT (IPRewriter, 4096 flows from 10.0.16.0/20 to 10.1.0.1), FastClick's replay idiom: a
// capture replayed from memory. The same text runs on Click/FastClick userlevel and on JMill
// (docs/benchmarks.md, "Click configurations"). `jmill bench --nf click-nat` makes the trace.
//   ./jmill run examples/click/nat.click              (256 frames from examples/traces/nat-256.pcap)
//   ./jmill run examples/click/nat.click PCAP=trace.pcap   (another capture)
define($PCAP examples/traces/nat-256.pcap, $LOOPS -1, $BURST 32, $WARMUP 4s, $TIME 5s, $NATIP 10.100.0.1);

FromDump($PCAP, STOP false, TIMING false)
  -> ReplayUnqueue(STOP $LOOPS, BURST $BURST)
  -> ac :: AverageCounter
  -> c :: Classifier(12/0800, 12/0806 20/0001, -);
out :: Counter -> Discard;

rw :: IPRewriter(pattern $NATIP 1024-65535 - - 0 1, drop);

c [0] -> CheckIPHeader(OFFSET 14, INTERFACES 10.0.0.1/16 $NATIP/24, DETAILS true, CHECKSUM true)
      -> side :: IPClassifier(dst host $NATIP, src net 10.0.0.0/16, -);
side [0] -> [1] rw;
side [1] -> [0] rw;
side [2] -> stray :: Counter -> Discard;

rw [0] -> EtherRewrite(02:00:00:00:00:02, 02:00:00:00:00:03) -> out;
rw [1] -> EtherRewrite(02:00:00:00:00:02, 02:00:00:00:00:01) -> out;

c [1] -> arp :: ARPResponder(10.0.0.1 $NATIP 02:00:00:00:00:02) -> out;
c [2] -> other :: Counter -> Discard;

DriverManager(wait $WARMUP, write ac.reset, wait $TIME, print "RESULT-RATE $(ac.rate)", stop);
