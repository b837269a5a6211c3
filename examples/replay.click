// FastClick's self-measuring replay idiom, unmodified: load a capture once, replay it from memory
// N times, measure, print the results from a DriverManager script, stop.
//   ./jmill run examples/replay.click                    (256 UDP frames shipped in examples/traces/)
//   ./jmill run examples/forwarder.click LIMIT=4096 OUT=/tmp/trace.pcap --quiet   (make another capture)
//   ./jmill run examples/replay.click PCAP=/tmp/trace.pcap LOOPS=1000
define($PCAP examples/traces/udp-256.pcap, $LOOPS 100);

FromDump($PCAP, STOP false, TIMING false)
  -> ReplayUnqueue(STOP $LOOPS, QUICK_CLONE 1)
  -> Strip(14)
  -> CheckIPHeader(CHECKSUM false)
  -> ac :: AverageCounter
  -> Discard;

DriverManager(wait, print "RESULT-COUNT $(ac.count)", print "RESULT-RATE $(ac.rate)", stop);
